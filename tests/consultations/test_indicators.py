"""The consultations' indicators against counts made independently in the test (Python over the records
it created), per centre and Almaty month; a late entry recomputing its month; the district official's
own district only, small figures concealed, no note text; the drill-down of the centre head."""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from openpyxl import load_workbook

from consultations.kinds import Kind
from consultations.models import Appointment, Placement
from consultations.permissions import can_read_note
from core.months import Month
from core.permissions import check
from core.roles import Role, Specialty
from dashboards.models import StaleMonth
from dashboards.services import rollups_refresh
from tests import factories
from tests.consultations.factories import AppointmentFactory, CaseNoteFactory
from tests.dashboards.conftest import NOVEMBER, OCTOBER, almaty
from tests.dashboards.counting import assert_declared_in_full, expected, figures
from tests.factories import CentreHeadFactory, CityOfficialFactory, DistrictOfficialFactory, RegistrarFactory, SpecialistFactory
from tests.families.factories import FamilyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

CODES = [
    "consultations.legal",
    "consultations.psychological",
    "consultations.employment",
    "consultations.no_shows",
    "consultations.cancelled",
    "consultations.placements",
]
SECRET = "Күйеуі ұрады деп айтты"  # a note's words: never on a figures page


class Held:
    """Appointments of one specialist, one an hour from the given moment (never two at once)."""

    def __init__(self, centre, specialty):
        self.specialist = SpecialistFactory(centre=centre, specialty=specialty)
        self.family = FamilyFactory(registrar=RegistrarFactory(centre=centre), created_at=almaty(OCTOBER, 1))

    def make(self, starts_at, status=Appointment.Status.DONE) -> Appointment:
        changed = {} if status == Appointment.Status.BOOKED else {"status_changed_by": self.specialist}
        return AppointmentFactory(
            family=self.family,
            specialist=self.specialist,
            starts_at=starts_at,
            status=status,
            cancel_reason="Ауырып қалды" if status == Appointment.Status.CANCELLED else "",
            status_changed_at=starts_at if changed else None,
            **changed,
        )

    def many(self, month, count, status=Appointment.Status.DONE, day=3) -> list[Appointment]:
        return [self.make(almaty(month, day, 9 + hour), status) for hour in range(count)]


def placed(appointment, starts_on) -> Placement:
    return Placement.objects.create(
        appointment=appointment, employer="«Алма» ЖШС", position="Кассир", starts_on=starts_on, salary_band="85_150"
    )


@pytest.fixture
def lawyer(almaly):
    return Held(almaly, Specialty.LAWYER)


@pytest.fixture
def psychologist(almaly):
    return Held(almaly, Specialty.PSYCHOLOGIST)


@pytest.fixture
def adviser(almaly):
    return Held(almaly, Specialty.EMPLOYMENT)


def test_the_consultations_indicators_are_declared_once_with_their_labels_note_unit_and_sources():
    assert_declared_in_full(CODES)


def test_consultations_held_are_counted_by_type_per_centre_and_month(lawyer, psychologist, adviser, bostandyk):
    elsewhere = Held(bostandyk, Specialty.PSYCHOLOGIST)
    made = [
        *lawyer.many(OCTOBER, 3),
        *lawyer.many(NOVEMBER, 2),
        *psychologist.many(OCTOBER, 6),
        *elsewhere.many(OCTOBER, 2),
        *adviser.many(OCTOBER, 4),
        *lawyer.many(OCTOBER, 2, Appointment.Status.NO_SHOW, day=10),
        *psychologist.many(OCTOBER, 1, Appointment.Status.CANCELLED, day=11),
        *adviser.many(OCTOBER, 2, Appointment.Status.BOOKED, day=12),
    ]
    for kind in Kind:
        held = [a for a in made if a.kind == kind and a.status == "done"]
        for month in (OCTOBER, NOVEMBER):
            assert figures(f"consultations.{kind}", month) == expected(held, month, lambda a: a.starts_at, lambda a: a.centre)
    assert figures("consultations.psychological", OCTOBER) == {lawyer.specialist.centre_id: 6, elsewhere.specialist.centre_id: 2}


def test_missed_and_cancelled_consultations_of_every_type_are_counted_in_the_month_they_were_booked_for(lawyer, psychologist):
    made = [
        *lawyer.many(OCTOBER, 2, Appointment.Status.NO_SHOW),
        *psychologist.many(OCTOBER, 3, Appointment.Status.NO_SHOW),
        *psychologist.many(NOVEMBER, 1, Appointment.Status.CANCELLED),
        *lawyer.many(OCTOBER, 4, Appointment.Status.CANCELLED, day=20),
        *lawyer.many(OCTOBER, 5, day=21),
    ]
    for status, code in (("no_show", "consultations.no_shows"), ("cancelled", "consultations.cancelled")):
        chosen = [a for a in made if a.status == status]
        for month in (OCTOBER, NOVEMBER):
            assert figures(code, month) == expected(chosen, month, lambda a: a.starts_at, lambda a: a.centre)
    assert figures("consultations.no_shows", OCTOBER) == {lawyer.specialist.centre_id: 5}


def test_job_placements_count_in_the_month_the_job_starts_at_the_consultation_s_centre(adviser):
    october = adviser.many(OCTOBER, 3)
    jobs = [placed(october[0], dt.date(2026, 10, 20)), placed(october[1], dt.date(2026, 11, 2))]
    jobs.append(placed(october[2], dt.date(2026, 10, 31)))
    by_month = {month: [j for j in jobs if Month.of(j.starts_on) == month] for month in (OCTOBER, NOVEMBER)}
    assert (
        figures("consultations.placements", OCTOBER)
        == {adviser.specialist.centre_id: len(by_month[OCTOBER])}
        == {adviser.specialist.centre_id: 2}
    )
    assert figures("consultations.placements", NOVEMBER) == {adviser.specialist.centre_id: 1}


def test_a_consultation_at_23_30_on_the_31st_in_almaty_counts_in_that_month_though_it_is_18_30_utc(psychologist):
    late = psychologist.make(almaty(OCTOBER, 31, 23, 0))
    early = psychologist.make(almaty(NOVEMBER, 1, 0, 30))
    assert late.starts_at.astimezone(dt.UTC).hour == 18
    assert early.starts_at.astimezone(dt.UTC).day == 31  # still October in UTC
    centre = psychologist.specialist.centre_id
    assert figures("consultations.psychological", OCTOBER) == {centre: 1}
    assert figures("consultations.psychological", NOVEMBER) == {centre: 1}


def test_a_consultation_recorded_late_or_marked_held_later_recomputes_its_month(psychologist, adviser):
    psychologist.many(OCTOBER, 2)
    rollups_refresh(nightly=True, months=[OCTOBER, NOVEMBER])
    StaleMonth.objects.all().delete()

    booked = psychologist.make(almaty(OCTOBER, 20), Appointment.Status.BOOKED)
    assert StaleMonth.objects.filter(month=OCTOBER.first_day).exists()
    booked.status, booked.status_changed_by, booked.status_changed_at = "done", psychologist.specialist, timezone.now()
    booked.save()
    job = placed(adviser.make(almaty(NOVEMBER, 2)), dt.date(2026, 10, 28))  # the job had started before the consultation
    done = rollups_refresh()
    assert OCTOBER in done and NOVEMBER in done
    centre = psychologist.specialist.centre_id
    assert figures("consultations.psychological", OCTOBER) == {centre: 3}
    assert figures("consultations.placements", OCTOBER) == {centre: 1}

    job.delete()
    assert OCTOBER in rollups_refresh()
    assert figures("consultations.placements", OCTOBER) == {}


def now_cell(response, code):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(f'[data-testid=comparison] tr[data-indicator="{code}"] [data-testid=now]').get_text(strip=True)


def test_a_district_official_sees_her_district_s_consultations_only_small_ones_concealed_and_no_note(
    client, psychologist, lawyer, bostandyk
):
    for appointment in psychologist.many(NOVEMBER, 6):
        CaseNoteFactory(appointment=appointment, summary=SECRET, outcome=SECRET)
    lawyer.many(NOVEMBER, 3)
    Held(bostandyk, Specialty.LAWYER).many(NOVEMBER, 7)
    rollups_refresh(months=[NOVEMBER])
    sign_in(client, DistrictOfficialFactory(district=psychologist.specialist.centre.district).username)
    response = client.get("/kk/dashboards/", {"month": str(NOVEMBER)})
    assert now_cell(response, "consultations.psychological") == "6"
    assert now_cell(response, "consultations.legal") == "<5"  # her district's 3, not Bostandyk's 7 with them
    assert SECRET not in response.content.decode()
    export = client.get("/kk/dashboards/export.xlsx", {"month": str(NOVEMBER)})
    cells = [str(c) for sheet in load_workbook(io.BytesIO(export.content)) for row in sheet.values for c in row if c is not None]
    assert "<5" in cells and not any(SECRET in c for c in cells)


def test_the_centre_head_drills_down_from_consultations_to_the_families_behind_them(client, psychologist, almaly):
    others = [Held(almaly, Specialty.PSYCHOLOGIST) for _ in range(4)]
    for held in [psychologist, *others]:
        CaseNoteFactory(appointment=held.make(almaty(NOVEMBER, 5, 10)), summary=SECRET)
    rollups_refresh(months=[NOVEMBER])
    sign_in(client, CentreHeadFactory(centre=almaly).username)
    listed = client.get("/kk/dashboards/figures/consultations.psychological/families/", {"month": str(NOVEMBER)})
    assert listed.status_code == 200
    assert len(BeautifulSoup(listed.content, "html.parser").select("tbody tr a")) == 5
    assert SECRET not in listed.content.decode()


STAFF = {
    Role.MOTHER: lambda centre: factories.MotherUserFactory(),
    Role.REGISTRAR: lambda centre: factories.RegistrarFactory(centre=centre),
    Role.SPECIALIST: lambda centre: factories.SpecialistFactory(centre=centre, specialty=Specialty.PSYCHOLOGIST),
    Role.CENTRE_HEAD: lambda centre: factories.CentreHeadFactory(centre=centre),
    Role.GRANT_OFFICER: lambda centre: factories.GrantOfficerFactory(centre=centre),
    Role.GRANT_REVIEWER: lambda centre: factories.GrantReviewerFactory(),
    Role.COMMISSION_MEMBER: lambda centre: factories.CommissionMemberFactory(),
    Role.DISTRICT_OFFICIAL: lambda centre: factories.DistrictOfficialFactory(district=centre.district),
    Role.CITY_OFFICIAL: lambda centre: factories.CityOfficialFactory(),
    Role.ADMINISTRATOR: lambda centre: factories.AdministratorFactory(),
}


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_whoever_may_drill_down_to_the_families_of_job_placements_may_read_those_employment_notes(role, adviser):
    """A placement is an outcome recorded with the note: its families go only to a reader of the note."""
    assert set(STAFF) == set(Role)
    appointment = adviser.make(almaty(NOVEMBER, 4))
    user = STAFF[role](adviser.specialist.centre)
    if check(user, "dashboards.drill_down"):
        assert can_read_note(user, appointment)


@pytest.mark.parametrize("count", [1, 25])
def test_the_city_dashboard_costs_the_same_queries_with_the_consultations_figures(
    client, almaly, django_assert_num_queries, count
):
    held = Held(almaly, Specialty.EMPLOYMENT)
    for appointment in held.many(NOVEMBER, count % 9 + 1):
        placed(appointment, dt.date(2026, 11, 20))
    for _ in range(count):
        Held(almaly, Specialty.PSYCHOLOGIST).make(almaty(NOVEMBER, 6))
    rollups_refresh(months=[NOVEMBER])
    client.force_login(CityOfficialFactory())
    client.get("/ru/dashboards/city/")
    # the user, the centres, the figures (13 months), the time they are as of, and the grants'
    # ledger (the budgets with their sums approved and paid out)
    with django_assert_num_queries(5):
        response = client.get("/ru/dashboards/city/", {"month": str(NOVEMBER)})
    assert {i.code for i in response.context["board"].indicators} >= set(CODES)
