"""The week view, "my day" and the free-slot search cost the same number of queries for 1 appointment
or 25 (and whatever the number of specialists)."""

import datetime as dt
import re

import pytest

from core.roles import Specialty
from tests.consultations.factories import AppointmentFactory, at, specialist_at, working_day
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(registrar, client):
    client.get("/kk/")  # the session and the scope are settled before counting
    return registrar


def appointments(registrar, specialists, count: int, day: dt.date):
    """``count`` appointments on ``day``, spread over ``specialists``, each with a mother of her own."""
    for index in range(count):
        specialist = specialists[index % len(specialists)]
        starts = at(day, 9) + dt.timedelta(minutes=15 * (index // len(specialists)))
        AppointmentFactory(
            family=FamilyFactory(registrar=registrar),
            specialist=specialist,
            booked_by=registrar,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=15),
        )


@pytest.mark.parametrize("count", [1, 25])
def test_the_centre_week_costs_the_same_for_one_appointment_or_twenty_five(
    client, desk, almaly, django_assert_num_queries, count
):
    specialists = [specialist_at(almaly, specialty) for specialty in (Specialty.LAWYER, Specialty.PSYCHOLOGIST) * 3]
    day = working_day()
    appointments(desk, specialists, count, day)
    # the user; the centres she works at; the workplaces with their specialists, their hours and
    # their breaks; the holidays, the time off, the appointments counted per specialist and day, and
    # the busy times of the days to come
    with django_assert_num_queries(9):
        response = client.get("/kk/consultations/calendar/", {"date": day.isoformat()})
    html = response.content.decode()
    assert html.count('data-testid="day-count"') == 6 * 7
    assert sum(int(n) for n in re.findall(r"жазылған: (\d+)<", html)) == count
    # Asked again, the week comes from the cache: the user, the centres she may see.
    with django_assert_num_queries(2):
        again = client.get("/kk/consultations/calendar/", {"date": day.isoformat()})
    week = html[html.index('<div id="calendar"') : html.index("</table>")]
    assert week in again.content.decode()  # the page around it has its own nonce


@pytest.mark.parametrize("count", [1, 25])
def test_a_specialist_s_day_under_the_week_costs_the_same_for_one_appointment_or_twenty_five(
    client, desk, almaly, django_assert_num_queries, count
):
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    day = working_day()
    appointments(desk, [psychologist], count, day)
    # the user; the centres she works at; the workplaces, hours, breaks; the holidays, the time
    # off and the day's appointments (with the mothers)
    with django_assert_num_queries(8):
        response = client.get(
            "/kk/consultations/calendar/",
            {"span": "day", "specialist": psychologist.pk, "date": day.isoformat()},
            headers={"HX-Request": "true", "HX-Target": "day-panel"},
        )
    rows = response.context["calendar"].rows
    assert len(rows) == 1 and len(rows[0].cells[0].appointments) == count


@pytest.mark.parametrize("count", [1, 25])
def test_my_day_costs_the_same_for_one_appointment_or_twenty_five(client, desk, almaly, django_assert_num_queries, count):
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    client.force_login(psychologist)
    client.get("/kk/")
    day = working_day()
    appointments(desk, [psychologist], count, day)
    # the user; her appointments of the day (with the mothers and the centres; the same read gives
    # her free times); her workplaces with hours and breaks; the holidays, her time off; her follow-ups
    # counted
    with django_assert_num_queries(8):
        response = client.get("/kk/consultations/my-day/", {"date": day.isoformat()})
    assert len(response.context["appointments"]) == count


@pytest.mark.parametrize("count", [1, 25])
def test_the_free_slot_search_costs_the_same_for_one_appointment_or_twenty_five(
    client, desk, almaly, django_assert_num_queries, count
):
    specialists = [specialist_at(almaly, Specialty.LAWYER) for _ in range(3)]
    family = FamilyFactory(registrar=desk)
    appointments(desk, specialists, count, working_day())
    # the user; the family (scoped); the centres; the workplaces, hours, breaks; the holidays,
    # the time off and the appointments of the two weeks; the specialists of the slots found
    with django_assert_num_queries(10):
        response = client.get(f"/kk/consultations/families/{family.pk}/book/", {"kind": "legal"})
    assert response.context["slots"]


def test_my_day_seen_again_reads_her_plans_and_follow_up_counts_from_the_cache(client, desk, almaly, django_assert_num_queries):
    psychologist = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    client.force_login(psychologist)
    day = working_day()
    appointments(desk, [psychologist], 3, day)
    first = client.get("/kk/consultations/my-day/", {"date": day.isoformat()})
    # the user; her appointments of the day; the holidays, her time off
    with django_assert_num_queries(4):
        again = client.get("/kk/consultations/my-day/", {"date": day.isoformat()})
    assert again.context["calendar"].rows[0].cells[0].free == first.context["calendar"].rows[0].cells[0].free
    assert len(again.context["appointments"]) == 3
