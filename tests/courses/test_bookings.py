"""Booking a seat, the waiting list, offers and their deadline, cancelling, childcare places and
releasing a seat (courses.services.bookings)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from core.errors import DomainError
from courses.models import Attendance, Booking, Group
from courses.services import booking_cancel, booking_create, booking_release, offer_confirm, offers_expire
from notifications.models import Notification
from tests.courses.factories import GroupFactory, booked, mother_with_family
from tests.factories import RegistrarFactory
from tests.families.factories import ChildFactory

pytestmark = pytest.mark.django_db
Status = Booking.Status


book = booked


def keys(booking) -> set[str]:
    return set(Notification.objects.filter(idempotency_key__contains=f":{booking.pk}").values_list("template__key", flat=True))


def test_a_mother_gets_a_seat_while_seats_remain_and_then_the_waiting_list():
    group = GroupFactory(capacity=2)

    first, second, third = book(group), book(group), book(group)

    assert [first.status, second.status, third.status] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]
    group.refresh_from_db()
    assert (group.seats_taken, group.status) == (2, Group.Status.FULL)
    assert keys(first) == {"course_booking_confirmed", "course_first_lesson_reminder"}
    assert keys(third) == {"course_waiting_listed"}
    assert Notification.objects.get(idempotency_key=f"courses.waiting:{third.pk}").context["position"] == "1"


def test_the_registrar_books_for_her_at_the_desk():
    group = GroupFactory()
    mother = mother_with_family()
    registrar = RegistrarFactory(centre=group.centre)

    booking = booking_create(actor=registrar, group=group, family=mother.family)

    assert (booking.status, booking.at_desk, booking.booked_by) == (Status.CONFIRMED, True, registrar)


def test_a_mother_cannot_book_for_another_family():
    group = GroupFactory()
    her, other = mother_with_family(), mother_with_family()

    with pytest.raises(DomainError):
        booking_create(actor=her, group=group, family=other.family)
    assert not Booking.objects.exists()


def test_one_active_booking_per_mother_per_course_even_in_another_group():
    group = GroupFactory()
    other_group = GroupFactory(course=group.course)
    mother = mother_with_family()
    book(group, mother)

    with translation.override("ru"), pytest.raises(DomainError, match="уже есть бронь"):
        book(other_group, mother)
    assert Booking.objects.filter(family=mother.family).count() == 1


def test_the_database_refuses_a_second_active_booking_for_the_same_course():
    group = GroupFactory()
    mother = mother_with_family()
    booking = book(group, mother)

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(group=group, course=group.course, family=mother.family, status=Status.WAITING, booked_by=mother)
    assert Booking.objects.get().pk == booking.pk


def test_the_database_refuses_more_seats_than_the_group_has():
    group = GroupFactory(capacity=1)
    book(group)
    family = mother_with_family().family

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            group=group, course=group.course, family=family, status=Status.CONFIRMED, booked_by=family.created_by
        )
    group.refresh_from_db()
    assert group.seats_taken == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": Group.Status.DRAFT}, "ещё не открыта"),
        ({"status": Group.Status.CANCELLED}, "отменена"),
        ({"status": Group.Status.FINISHED}, "завершилась"),
        ({"status": Group.Status.RUNNING}, "уже начала"),
        ({"booking_closes_on": dt.date(2020, 1, 1), "booking_opens_on": dt.date(2019, 12, 1)}, "закрыта"),
    ],
)
def test_a_group_not_open_for_booking_is_refused_in_her_language_and_nothing_changes(change, message):
    group = GroupFactory()
    Group.objects.filter(pk=group.pk).update(**change)

    with translation.override("ru"), pytest.raises(DomainError, match=message):
        book(group)
    assert not Booking.objects.exists()
    assert not Notification.objects.exists()


def test_a_course_for_large_families_refuses_a_family_that_is_not_large():
    group = GroupFactory(course__eligibility="large_or_low_income")

    with translation.override("kk"), pytest.raises(DomainError) as refusal:
        book(group)
    assert "көпбалалы" in str(refusal.value.message)
    assert not Booking.objects.exists()


def test_a_mother_without_consent_in_force_cannot_be_booked():
    group = GroupFactory()
    mother = mother_with_family()
    mother.family.consents.update(withdrawn_on=timezone.localdate())

    with pytest.raises(DomainError):
        book(group, mother)
    assert not Booking.objects.exists()


def test_cancelling_a_seat_offers_it_to_the_first_mother_waiting_with_a_deadline():
    group = GroupFactory(capacity=1)
    seat, first, second = book(group), book(group), book(group)

    booking_cancel(actor=seat.family.mother_account, booking=seat)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.OFFERED, Status.WAITING)
    assert first.offered_until == pytest.approx(timezone.now() + dt.timedelta(hours=24), abs=dt.timedelta(minutes=1))
    assert "course_seat_offered" in keys(first)
    group.refresh_from_db()
    assert group.seats_taken == 1


def test_she_confirms_the_offered_seat_before_the_deadline():
    group = GroupFactory(capacity=1)
    seat, waiting = book(group), book(group)
    booking_cancel(actor=seat.family.mother_account, booking=seat)

    offer_confirm(actor=waiting.family.mother_account, booking=waiting)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.offered_until) == (Status.CONFIRMED, None)


def test_an_offer_past_its_deadline_passes_to_the_next_mother_and_cannot_be_confirmed():
    group = GroupFactory(capacity=1)
    seat, first, second = book(group), book(group), book(group)
    booking_cancel(actor=seat.family.mother_account, booking=seat)
    first.refresh_from_db()

    assert offers_expire(now=first.offered_until - dt.timedelta(minutes=1)) == 0
    later = first.offered_until + dt.timedelta(minutes=1)
    assert offers_expire(now=later) == 1

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.EXPIRED, Status.OFFERED)
    assert "course_booking_ended" in keys(first)


def test_a_deadline_passed_but_not_yet_swept_is_refused_when_she_confirms(time_machine):
    group = GroupFactory(capacity=1)
    seat, first = book(group), book(group)
    booking_cancel(actor=seat.family.mother_account, booking=seat)
    time_machine.move_to(timezone.now() + dt.timedelta(hours=25))

    with pytest.raises(DomainError):
        offer_confirm(actor=first.family.mother_account, booking=first)
    first.refresh_from_db()
    assert first.status == Status.OFFERED  # the beat task passes it on


def test_a_mother_cannot_cancel_once_the_group_has_started_but_the_desk_can():
    group = GroupFactory()
    booking = book(group)
    Group.objects.filter(pk=group.pk).update(status=Group.Status.RUNNING, starts_on=timezone.localdate())

    with pytest.raises(DomainError):
        booking_cancel(actor=booking.family.mother_account, booking=booking)
    booking_cancel(actor=RegistrarFactory(centre=group.centre), booking=booking)

    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert "course_booking_ended" in keys(booking)


def test_cancelling_withdraws_the_reminder_of_the_first_lesson():
    booking = book(GroupFactory())

    booking_cancel(actor=booking.family.mother_account, booking=booking)

    reminder = Notification.objects.get(idempotency_key=f"courses.first_lesson:{booking.pk}")
    assert reminder.status == Notification.Status.CANCELLED


def test_childcare_confirms_only_with_both_a_seat_and_a_kids_corner_place():
    group = GroupFactory(capacity=5, childcare_capacity=1)
    with_child = mother_with_family()
    child = ChildFactory(family=with_child.family)
    book(group, with_child, child=child)
    second = mother_with_family()

    waiting = book(group, second, child=ChildFactory(family=second.family))

    assert waiting.status == Status.WAITING
    group.refresh_from_db()
    assert (group.seats_taken, group.childcare_taken) == (1, 1)


def test_she_may_choose_to_go_without_childcare_when_the_kids_corner_is_full():
    group = GroupFactory(capacity=5, childcare_capacity=1)
    first = mother_with_family()
    book(group, first, child=ChildFactory(family=first.family))
    second = mother_with_family()

    booking = book(group, second, child=ChildFactory(family=second.family), without_childcare=True)

    assert (booking.status, booking.child) == (Status.CONFIRMED, None)


def test_a_child_of_another_family_is_refused():
    group = GroupFactory(childcare_capacity=3)
    stranger_child = ChildFactory()

    with pytest.raises(DomainError) as refusal:
        book(group, child=stranger_child)
    assert refusal.value.field == "child"


def test_a_freed_seat_skips_a_mother_waiting_for_a_kids_corner_place_that_is_not_free():
    group = GroupFactory(capacity=2, childcare_capacity=1)
    with_child = mother_with_family()
    book(group, with_child, child=ChildFactory(family=with_child.family))
    plain = book(group)
    needs_childcare_user = mother_with_family()
    needs_childcare = book(group, needs_childcare_user, child=ChildFactory(family=needs_childcare_user.family))
    no_childcare = book(group)

    booking_cancel(actor=plain.family.mother_account, booking=plain)

    needs_childcare.refresh_from_db()
    no_childcare.refresh_from_db()
    assert (needs_childcare.status, no_childcare.status) == (Status.WAITING, Status.OFFERED)


def test_a_seat_is_released_after_the_groups_number_of_missed_lessons():
    today = timezone.localdate()
    group = GroupFactory(capacity=1, release_after_missed=2, starts_on=today - dt.timedelta(days=14), booking_closes_on=today)
    seat, waiting = book(group), book(group)
    registrar = RegistrarFactory(centre=group.centre)
    lessons = list(group.lessons.order_by("day")[:2])
    Attendance.objects.create(lesson=lessons[0], booking=seat, present=False, marked_by=registrar)

    with pytest.raises(DomainError):
        booking_release(actor=registrar, booking=seat)
    Attendance.objects.create(lesson=lessons[1], booking=seat, present=False, marked_by=registrar)
    booking_release(actor=registrar, booking=seat)

    seat.refresh_from_db()
    waiting.refresh_from_db()
    assert (seat.status, waiting.status) == (Status.RELEASED, Status.OFFERED)


def test_a_course_for_large_families_takes_a_verified_large_family_and_refuses_one_not_yet_verified():
    from families.models import Family
    from tests.factories import MotherUserFactory
    from tests.families.factories import family_with_children

    group = GroupFactory(course__eligibility="large_or_low_income", capacity=5)
    verified_user, pending_user = MotherUserFactory(), MotherUserFactory()
    family_with_children(5, 7, 9, 11, mother_account=verified_user)
    pending = family_with_children(5, 7, 9, 11, mother_account=pending_user)
    Family.objects.filter(pk=pending.pk).update(self_registered=True)

    assert book(group, verified_user).status == Status.CONFIRMED
    with translation.override("ru"), pytest.raises(DomainError, match="проверил центр"):
        booking_create(actor=pending_user, group=group, family=Family.objects.get(pk=pending.pk))
    assert Booking.objects.count() == 1
