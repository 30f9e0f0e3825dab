"""The courses' indicators against counts made independently in the test (Python over the records it
created), per centre and Almaty month; through the booking services too (a seat at once is no place on
the waiting list); a late entry recomputing its month; the district official's own district only, with
small figures concealed; the same queries on the city dashboard for one booking or many."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from core.months import Month
from courses.models import Booking, Certificate
from dashboards.models import StaleMonth
from dashboards.services import rollups_refresh
from tests.courses.factories import BookingFactory, GroupFactory, booked, finished_with
from tests.dashboards.conftest import NOVEMBER, OCTOBER, almaty
from tests.dashboards.counting import assert_declared_in_full, expected, figures
from tests.factories import CityOfficialFactory, DistrictOfficialFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

CODES = ["courses.enrolments", "courses.completions", "courses.waiting", "courses.certificates"]


@pytest.fixture
def group(almaly):
    return GroupFactory(centre=almaly, capacity=100, lessons=False)


def seat(group, booked_at, *, confirmed_at="booked", completed_at=None, status=Booking.Status.CONFIRMED) -> Booking:
    """A booking made at ``booked_at``: confirmed at once unless ``confirmed_at`` says when (or None)."""
    confirmed_at = booked_at if confirmed_at == "booked" else confirmed_at
    return BookingFactory(
        group=group,
        status=status,
        waiting_since=booked_at,
        confirmed_at=confirmed_at,
        completed_at=completed_at,
        ended_at=None if status in Booking.ACTIVE else booked_at + dt.timedelta(days=1),
    )


def certified(booking, issued_at) -> Certificate:
    return Certificate.objects.create(booking=booking, initials="Ә. Н.", issued_at=issued_at)


def test_the_courses_indicators_are_declared_once_with_their_labels_note_unit_and_sources():
    assert_declared_in_full(CODES)


def test_enrolments_are_the_seats_confirmed_in_the_month_whatever_became_of_them(group, bostandyk):
    elsewhere = GroupFactory(centre=bostandyk, capacity=100, lessons=False)
    bookings = [seat(group, almaty(OCTOBER, day)) for day in (2, 3, 4, 5, 6)]
    bookings += [seat(elsewhere, almaty(OCTOBER, 7)), seat(group, almaty(NOVEMBER, 2))]
    bookings += [seat(group, almaty(OCTOBER, 8), status=Booking.Status.CANCELLED)]  # enrolled, then cancelled
    bookings += [seat(group, almaty(OCTOBER, 9), confirmed_at=almaty(NOVEMBER, 3))]  # waited, a seat in November
    bookings += [seat(group, almaty(OCTOBER, 10), confirmed_at=None, status=Booking.Status.WAITING)]
    confirmed = [b for b in bookings if b.confirmed_at]
    for month in (OCTOBER, NOVEMBER):
        assert figures("courses.enrolments", month) == expected(
            confirmed, month, lambda b: b.confirmed_at, lambda b: b.group.centre
        )
    assert figures("courses.enrolments", OCTOBER)[group.centre_id] == 6


def test_the_waiting_list_counts_who_went_on_it_in_the_month_seated_later_or_not(group):
    bookings = [seat(group, almaty(OCTOBER, day), confirmed_at=None, status=Booking.Status.WAITING) for day in (2, 3, 4)]
    bookings += [seat(group, almaty(OCTOBER, 5), confirmed_at=almaty(OCTOBER, 12))]  # seated from the list
    bookings += [seat(group, almaty(OCTOBER, 6), confirmed_at=None, status=Booking.Status.EXPIRED)]
    bookings += [seat(group, almaty(OCTOBER, day)) for day in (7, 8)]  # a seat at once: never waited
    bookings += [seat(group, almaty(NOVEMBER, 1, 0, 30), confirmed_at=None, status=Booking.Status.WAITING)]
    waited = [b for b in bookings if b.confirmed_at != b.waiting_since]
    for month in (OCTOBER, NOVEMBER):
        assert figures("courses.waiting", month) == expected(waited, month, lambda b: b.waiting_since, lambda b: b.group.centre)
    assert figures("courses.waiting", OCTOBER) == {group.centre_id: 5}


def test_through_the_booking_service_a_seat_at_once_is_an_enrolment_and_a_full_group_s_booking_a_place_on_the_list(almaly):
    full = GroupFactory(centre=almaly, capacity=1)
    seated, waiting = booked(full), booked(full)
    assert (seated.status, waiting.status) == (Booking.Status.CONFIRMED, Booking.Status.WAITING)
    now = Month.current()
    assert figures("courses.enrolments", now) == {almaly.pk: 1}
    assert figures("courses.waiting", now) == {almaly.pk: 1}


def test_completions_and_certificates_count_in_the_month_they_happened(group):
    done = [seat(group, almaty(OCTOBER, 1), completed_at=almaty(OCTOBER, 31, 23, 30)) for _ in range(3)]
    done += [seat(group, almaty(OCTOBER, 1), completed_at=almaty(NOVEMBER, 1, 0, 30)) for _ in range(2)]
    certificates = [certified(b, b.completed_at) for b in done[:4]]
    for month in (OCTOBER, NOVEMBER):
        assert figures("courses.completions", month) == expected(done, month, lambda b: b.completed_at, lambda b: b.group.centre)
        assert figures("courses.certificates", month) == expected(
            certificates, month, lambda c: c.issued_at, lambda c: c.booking.group.centre
        )
    assert figures("courses.completions", OCTOBER) == {group.centre_id: 3}  # 23:30 on the 31st in Almaty is 18:30 UTC
    assert figures("courses.certificates", NOVEMBER) == {group.centre_id: 1}


def test_a_group_finished_through_the_service_counts_its_completion_and_certificate():
    group, _booking, certificates = finished_with(1.0)
    assert len(certificates) == 1
    now = Month.current()
    assert figures("courses.completions", now) == figures("courses.certificates", now) == {group.centre_id: 1}


def test_a_certificate_or_a_completion_entered_late_recomputes_its_month(group):
    booking = seat(group, almaty(OCTOBER, 1))
    rollups_refresh(nightly=True, months=[OCTOBER, NOVEMBER])
    StaleMonth.objects.all().delete()

    booking.completed_at = almaty(OCTOBER, 30)
    booking.save(update_fields=["completed_at"])
    certified(booking, almaty(NOVEMBER, 2))
    done = rollups_refresh()
    assert OCTOBER in done and NOVEMBER in done
    assert figures("courses.completions", OCTOBER) == {group.centre_id: 1}
    assert figures("courses.certificates", NOVEMBER) == {group.centre_id: 1}


def now_cell(response, code):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(f'[data-testid=comparison] tr[data-indicator="{code}"] [data-testid=now]').get_text(strip=True)


def test_a_district_official_sees_her_district_s_course_figures_only_small_ones_concealed(client, group, bostandyk):
    for day in range(1, 8):
        seat(group, almaty(NOVEMBER, day))
    for day in range(1, 4):
        seat(group, almaty(NOVEMBER, day), confirmed_at=None, status=Booking.Status.WAITING)
    elsewhere = GroupFactory(centre=bostandyk, capacity=100, lessons=False)
    for day in range(1, 10):
        seat(elsewhere, almaty(NOVEMBER, day), confirmed_at=None, status=Booking.Status.WAITING)
    rollups_refresh(months=[NOVEMBER])
    sign_in(client, DistrictOfficialFactory(district=group.centre.district).username)
    response = client.get("/ru/dashboards/", {"month": str(NOVEMBER)})
    assert now_cell(response, "courses.enrolments") == "7"
    assert now_cell(response, "courses.waiting") == "<5"  # her district's 3, not Bostandyk's 9 with them


@pytest.mark.parametrize("count", [1, 25])
def test_the_city_dashboard_costs_the_same_queries_with_the_course_figures(client, group, django_assert_num_queries, count):
    for index in range(count):
        booking = seat(group, almaty(NOVEMBER, 1 + index % 28), completed_at=almaty(NOVEMBER, 29))
        certified(booking, almaty(NOVEMBER, 29))
    rollups_refresh(months=[NOVEMBER])
    client.force_login(CityOfficialFactory())
    client.get("/ru/dashboards/city/")
    # the user, the centres, the figures (13 months), the time they are as of, and the grants'
    # ledger (the budgets with their sums approved and paid out)
    with django_assert_num_queries(5):
        response = client.get("/ru/dashboards/city/", {"month": str(NOVEMBER)})
    assert {i.code for i in response.context["board"].indicators} >= set(CODES)
