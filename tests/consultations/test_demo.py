"""seed_demo's consultations step: specialists with plans at every centre, holidays of the history's
years, two years of appointments with notes and outcomes — written in bulk, and idempotent."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone

from accounts.models import User
from centres.models import Centre
from consultations.models import Appointment, CaseNote, Placement, Workplace
from core.roles import Role
from families.models import TimelineEntry
from holidays.models import PublicHoliday
from tests.helpers import kept_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        call_command("seed_demo", families=120, stdout=io.StringIO())
        yield


def test_every_centre_has_specialists_of_each_kind_with_a_plan(demo):
    for centre in Centre.objects.all():
        specialties = set(User.objects.filter(role=Role.SPECIALIST, centre=centre).values_list("specialty", flat=True))
        assert specialties == {"lawyer", "psychologist", "employment"}, centre
    assert (
        not User.objects.filter(role=Role.SPECIALIST)
        .exclude(Exists(Workplace.objects.filter(specialist=OuterRef("pk"))))
        .exists()
    )
    assert Workplace.objects.values("specialist").distinct().count() < Workplace.objects.count()  # some at two centres


def test_the_history_covers_two_years_with_notes_outcomes_and_timeline_entries(demo):
    first = Appointment.objects.aggregate(first=Min("starts_at"))["first"]
    assert first < timezone.now() - dt.timedelta(days=600)
    assert Appointment.objects.filter(starts_at__gt=timezone.now(), status="booked").exists()
    assert CaseNote.objects.count() == Appointment.objects.filter(status="done").count() > 0
    assert CaseNote.objects.exclude(legal_issue="").exists() and Placement.objects.exists()
    assert TimelineEntry.objects.filter(kind__startswith="consultations.").count() == Appointment.objects.count()
    assert PublicHoliday.objects.filter(day__year=timezone.localdate().year - 1).exists()


def test_no_specialist_and_no_mother_is_double_booked_in_the_demo(demo):
    for column in ("specialist", "family"):
        overlapping = Appointment.objects.active().filter(
            Exists(
                Appointment.objects.active()
                .filter(**{column: OuterRef(column)}, starts_at__lt=OuterRef("ends_at"), ends_at__gt=OuterRef("starts_at"))
                .exclude(pk=OuterRef("pk"))
            )
        )
        assert not overlapping.exists(), column


def test_no_appointment_falls_on_a_holiday(demo):
    holidays = set(PublicHoliday.objects.values_list("day", flat=True))
    assert not {timezone.localtime(a).date() for a in Appointment.objects.values_list("starts_at", flat=True)} & holidays


def test_running_it_again_adds_nothing(demo):
    counts = (User.objects.count(), Workplace.objects.count(), Appointment.objects.count(), CaseNote.objects.count())
    call_command("seed_demo", families=120, stdout=io.StringIO())
    assert (User.objects.count(), Workplace.objects.count(), Appointment.objects.count(), CaseNote.objects.count()) == counts


def test_the_bench_pages_answer_on_the_seeded_demo(demo, client):
    import random

    from consultations import bench

    client.force_login(User.objects.get(username="registrar"))
    for path in bench.centre_week(random.Random(1), 3):
        response = client.get(path)
        assert response.status_code == 200 and 'data-testid="day-count"' in response.content.decode(), path
    client.force_login(User.objects.get(username="psychologist"))
    for path in bench.my_day(random.Random(1), 3):
        response = client.get(path)
        assert response.status_code == 200 and response.context["calendar"].rows, path


def test_the_demo_s_figures_give_every_consultations_indicator_a_trend(demo):
    from dashboards.models import Figure

    codes = [f"consultations.{code}" for code in ("legal", "psychological", "employment", "no_shows", "cancelled", "placements")]
    for code in codes:
        assert Figure.objects.filter(indicator=code).values("month").distinct().count() >= 12, code


@pytest.mark.django_db(transaction=True)
def test_histories_written_in_parts_a_district_each_keep_every_entry_and_note_with_its_own_appointment(
    reference_data, monkeypatch
):
    monkeypatch.setattr("consultations.demo.seeding.PARALLEL_FROM", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # in processes of their own on any machine

    call_command("seed_demo", families=80, skip=["dashboards"], stdout=io.StringIO())

    appointments = dict(Appointment.objects.values_list("pk", "centre__district_id"))
    refs = TimelineEntry.objects.filter(kind__startswith="consultations.").values_list("ref", flat=True)
    assert sorted(refs) == sorted(f"consultations.appointment:{pk}" for pk in appointments)
    done = set(Appointment.objects.filter(status="done").values_list("pk", flat=True))
    assert set(CaseNote.objects.values_list("appointment_id", flat=True)) == done
    # Every district's histories, each part in a block of keys of its own (the gaps between them).
    assert set(appointments.values()) == set(Centre.objects.values_list("district_id", flat=True))
    assert max(appointments) - min(appointments) + 1 > len(appointments)
