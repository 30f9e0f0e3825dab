"""No overbooking, ever: 200 mothers book the same 20-seat group at the same moment, over real HTTP
requests to a live server on PostgreSQL. The group's row is locked while each booking checks and
inserts, so exactly 20 get a seat and 180 join the waiting list, none with an error. The control run,
with the lock replaced by a plain read and the database's check on the counter dropped, overbooks:
the test does see the race. Also: a "book" sent twice saves once, and two cancellations at once
promote two different mothers, in the order they joined the waiting list."""

import time
from unittest import mock

import pytest
from django.db import connection

from courses.models import Booking, Group
from courses.services import bookings as booking_services
from courses.views import mother as mother_views
from dashboards import services as dashboards_services
from tests.courses.factories import GroupFactory, mother_with_family
from tests.courses.live import PooledLiveServer, all_at_once, latency, mothers_at_the_booking_page
from tests.factories import RegistrarFactory
from tests.families.desks import Desk, at_once

pytestmark = [pytest.mark.django_db(transaction=True)]
MOTHERS = 200
SEATS = 20


@pytest.fixture
def server(reference_data):
    live = PooledLiveServer()
    yield live
    live.stop()


def crowd(server, group, count=MOTHERS):
    registrar = RegistrarFactory(centre=group.centre)
    users = [mother_with_family(registrar=registrar) for _ in range(count)]
    path = f"/ru/courses/groups/{group.pk}/book/"
    opened = mothers_at_the_booking_page(server, users, path)
    return [lambda desk=desk, hidden=hidden: desk.open(path, hidden) for desk, hidden in opened]


def statuses(group) -> dict[str, int]:
    counts = {}
    for status in Booking.objects.filter(group=group).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_two_hundred_mothers_booking_twenty_seats_at_once_get_exactly_twenty(server, not_eager, capsys):
    """The messages go to the broker after each commit, as in production (not sent inside the request)."""
    group = GroupFactory(capacity=SEATS)
    calls = crowd(server, group)

    cpu = time.process_time()
    results = all_at_once(calls)
    cpu = time.process_time() - cpu

    errors = [(r.status, r.body[:200]) for r in results if r.status != 302]
    with capsys.disabled():
        print(
            f"\n200 concurrent bookings of a 20-seat group: {latency(results)}, {len(errors)} errors; "
            f"{cpu:.1f} s of this process's CPU (server and clients), {cpu / MOTHERS * 1000:.0f} ms a request"
        )
    assert errors == []
    assert statuses(group) == {"confirmed": SEATS, "waiting": MOTHERS - SEATS}
    group.refresh_from_db()
    assert (group.seats_taken, group.status) == (SEATS, Group.Status.FULL)


def test_without_the_lock_and_the_counter_check_the_same_crowd_overbooks(server, not_eager, capsys):
    """The control: the application's check on an unlocked read lets simultaneous bookings through."""
    group = GroupFactory(capacity=SEATS)
    calls = crowd(server, group)

    def unlocked(group):
        return Group.objects.select_related("course", "centre").get(pk=group.pk)

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE courses_group DROP CONSTRAINT courses_group_seats_within_capacity")
    try:
        with mock.patch.object(booking_services, "locked_group", unlocked):
            results = all_at_once(calls)
        confirmed = statuses(group).get("confirmed", 0)
        with capsys.disabled():
            print(f"\nwithout the lock: {confirmed} confirmed for {SEATS} seats, {latency(results)}")
        assert confirmed > SEATS
    finally:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE courses_booking CASCADE")
            cursor.execute("UPDATE courses_group SET seats_taken = 0, childcare_taken = 0")
            cursor.execute(
                "ALTER TABLE courses_group ADD CONSTRAINT courses_group_seats_within_capacity CHECK (seats_taken <= capacity)"
            )


def test_book_sent_twice_at_once_books_once_and_both_get_the_same_answer(server):
    group = GroupFactory()
    mother = mother_with_family()
    desk = Desk(server, mother)
    path = f"/kk/courses/groups/{group.pk}/book/"
    hidden = desk.form(path)

    results = at_once([lambda: desk.open(path, hidden), lambda: desk.open(path, hidden)])

    assert [status for status, _ in results] == [302, 302]
    assert Booking.objects.filter(family=mother.family).count() == 1


def two_seated_three_waiting(server):
    """A full two-seat group with three mothers waiting, and the two seated ones each with her cabinet
    open, ready to cancel."""
    group = GroupFactory(capacity=2)
    seated = [mother_with_family() for _ in range(2)]
    waiting = [mother_with_family() for _ in range(3)]
    for user in seated + waiting:
        booking_services.booking_create(actor=user, group=group, family=user.family)
    desks = [Desk(server, user) for user in seated]
    bookings = [Booking.objects.get(family=user.family) for user in seated]
    paths = [f"/kk/courses/me/bookings/{booking.pk}/cancel/" for booking in bookings]
    tokens = [desk.form("/kk/courses/me/bookings/") for desk in desks]
    cancellations = [lambda i=i: desks[i].open(paths[i], tokens[i]) for i in range(2)]
    return cancellations, waiting


def statuses_of(users) -> list[str]:
    return [Booking.objects.get(family=user.family).status for user in users]


def test_two_cancellations_at_once_promote_two_different_mothers_in_order(server):
    """Both requests meet just before they call the service, so both reach the group's lock together;
    the second waits there for the first to commit, and then sees the first one's offer."""
    cancellations, waiting = two_seated_three_waiting(server)

    results = at_once(cancellations, meeting_after=(mother_views, "get_visible_or_404"))

    assert [status for status, _ in results] == [302, 302]
    assert statuses_of(waiting) == [Booking.Status.OFFERED, Booking.Status.OFFERED, Booking.Status.WAITING]


def test_without_the_lock_and_the_counter_trigger_two_cancellations_offer_one_seat_twice(server):
    """The control. Two things keep two cancellations apart: the group's lock, and the counter trigger,
    whose UPDATE of the group row makes the second cancellation wait there for the first to commit even
    without the lock (so disabling the lock alone shows no race); and the dashboards' stale mark of the
    booking's months (``dashboards.services.stale_mark``, an upsert of the month's row in the change's
    transaction), which makes the second wait at its booking's save for the first to commit. Here all
    three are gone — the lock is a plain read, the trigger is dropped, the free seats are counted from the
    bookings, unlocked, and the mark is left out — and the two requests meet after they have counted: each sees one seat freed (its own) and offers it to the same
    first mother. Two seats freed, one mother promoted: the test above would see this race."""
    cancellations, waiting = two_seated_three_waiting(server)

    def unlocked(group):
        return Group.objects.select_related("course", "centre").get(pk=group.pk)

    def counted(group):
        holding = Booking.objects.holding().filter(group=group).count()
        return group.capacity - holding, group.childcare_capacity

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER courses_booking_counts ON courses_booking")
    try:
        with (
            mock.patch.object(booking_services, "locked_group", unlocked),
            mock.patch.object(booking_services, "free_places", counted),
            mock.patch.object(dashboards_services, "stale_mark", lambda months: None),
        ):
            results = at_once(cancellations, meeting_after=(booking_services, "free_places"))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TRIGGER courses_booking_counts AFTER INSERT OR DELETE OR UPDATE OF status, child_id, group_id "
                "ON courses_booking FOR EACH ROW EXECUTE FUNCTION courses_booking_counts()"
            )

    assert [status for status, _ in results] == [302, 302]
    assert statuses_of(waiting) == [Booking.Status.OFFERED, Booking.Status.WAITING, Booking.Status.WAITING]
