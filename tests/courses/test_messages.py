"""Who the courses may write to, and how: only a mother whose consent is in force (the registry's rule),
by the channel she chose, and no reminder once she refused reminders and news (courses.messages)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from courses.models import Booking
from courses.services import booking_cancel, group_cancel, lesson_move
from families.services import consent_withdraw
from notifications import sms
from notifications.models import Channel, Notification
from notifications.services import notification_deliver
from tests.courses.factories import GroupFactory, booked, mother_with_family
from tests.factories import CentreHeadFactory, RegistrarFactory

pytestmark = pytest.mark.django_db


def messages_to(user) -> set[str]:
    return set(Notification.objects.filter(recipient_id=user.family.pk).values_list("template__key", flat=True))


def withdraw_consent(user) -> None:
    user.family.consents.update(withdrawn_on=timezone.localdate())


@pytest.fixture
def family_consent_withdraw():
    """Her withdrawal as the desk records it (the registry's service)."""

    def withdraw(family):
        consent_withdraw(actor=RegistrarFactory(centre=family.centre), family=family, on=timezone.localdate())

    return withdraw


def test_a_moved_lesson_is_told_only_to_the_mothers_whose_consent_is_in_force():
    group = GroupFactory()
    told, withdrawn = mother_with_family(), mother_with_family()
    booked(group, told)
    booked(group, withdrawn)
    withdraw_consent(withdrawn)
    lesson = group.lessons.order_by("day").last()

    lesson_move(actor=RegistrarFactory(centre=group.centre), lesson=lesson, day=lesson.day, starts_at=dt.time(16))

    assert "course_lesson_moved" in messages_to(told)
    assert "course_lesson_moved" not in messages_to(withdrawn)


def test_a_cancelled_group_is_told_to_every_mother_booked_but_one_who_withdrew_her_consent():
    group = GroupFactory(capacity=1)
    seated, waiting, withdrawn = mother_with_family(), mother_with_family(), mother_with_family()
    for user in (seated, waiting, withdrawn):
        booked(group, user)
    withdraw_consent(withdrawn)

    group_cancel(actor=CentreHeadFactory(centre=group.centre), group=group)

    assert "course_group_cancelled" in messages_to(seated) and "course_group_cancelled" in messages_to(waiting)
    assert messages_to(withdrawn) == {"course_waiting_listed"}
    assert set(Booking.objects.filter(group=group).values_list("status", flat=True)) == {Booking.Status.CANCELLED}


def test_a_mother_who_refused_reminders_gets_her_confirmation_but_no_reminder():
    mother = mother_with_family(optional_messages=False)

    booking = booked(GroupFactory(), mother)

    assert messages_to(mother) == {"course_booking_confirmed"}
    assert not Notification.objects.filter(idempotency_key=f"courses.first_lesson:{booking.pk}").exists()


def test_a_mother_who_chose_e_mail_is_written_to_by_e_mail_in_her_language():
    mother = mother_with_family(language="ru", notify_by=Channel.EMAIL, email="aigerim@example.kz")

    booked(GroupFactory(), mother)

    sent = Notification.objects.filter(recipient_id=mother.family.pk)
    assert set(sent.values_list("channel", "to", "language")) == {(Channel.EMAIL, "aigerim@example.kz", "ru")}


def test_a_freed_seat_passes_over_a_waiting_mother_who_withdrew_her_consent():
    group = GroupFactory(capacity=1)
    seat, withdrawn, next_one = mother_with_family(), mother_with_family(), mother_with_family()
    first = booked(group, seat)
    booked(group, withdrawn)
    booked(group, next_one)
    withdraw_consent(withdrawn)

    booking_cancel(actor=seat, booking=first)

    assert Booking.objects.get(family=withdrawn.family).status == Booking.Status.WAITING
    assert Booking.objects.get(family=next_one.family).status == Booking.Status.OFFERED
    assert "course_seat_offered" not in messages_to(withdrawn)
    assert "course_seat_offered" in messages_to(next_one)


def test_a_reminder_queued_before_she_withdrew_her_consent_is_not_sent_when_it_falls_due(family_consent_withdraw):
    mother = mother_with_family()
    booking = booked(GroupFactory(), mother)
    reminder = Notification.objects.get(idempotency_key=f"courses.first_lesson:{booking.pk}")

    sent_before = list(sms.outbox)  # her confirmation
    family_consent_withdraw(mother.family)
    with time_machine.travel(reminder.scheduled_for + dt.timedelta(minutes=1)):
        notification_deliver(notification_id=reminder.pk)

    reminder.refresh_from_db()
    assert reminder.status == Notification.Status.CANCELLED
    assert sms.outbox == sent_before and reminder.body == ""
