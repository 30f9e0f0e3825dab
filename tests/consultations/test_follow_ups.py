"""Follow-ups due and overdue per specialist, and no-show rates per specialist and month."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations import selectors
from core.roles import Specialty
from tests.consultations.factories import AppointmentFactory, CaseNoteFactory, at, specialist_at
from tests.factories import CentreHeadFactory

pytestmark = pytest.mark.django_db


def held(specialist, *, days_ago: int, family=None, status="done", hour: int = 0):
    starts = timezone.now() - dt.timedelta(days=days_ago, hours=hour)
    extra = {"family": family} if family else {}
    return AppointmentFactory(
        specialist=specialist, starts_at=starts, status=status, status_changed_by=specialist, status_changed_at=starts, **extra
    )


def test_follow_ups_are_due_within_a_week_overdue_after_their_date_and_closed_by_a_later_booking(almaly):
    lawyer = specialist_at(almaly, Specialty.LAWYER)
    today = timezone.localdate()
    due = CaseNoteFactory(appointment=held(lawyer, days_ago=10), follow_up_on=today + dt.timedelta(days=3))
    overdue = CaseNoteFactory(appointment=held(lawyer, days_ago=20), follow_up_on=today - dt.timedelta(days=2))
    CaseNoteFactory(appointment=held(lawyer, days_ago=5), follow_up_on=today + dt.timedelta(days=30))  # not yet due
    closed = CaseNoteFactory(appointment=held(lawyer, days_ago=30), follow_up_on=today - dt.timedelta(days=5))
    AppointmentFactory(specialist=lawyer, family=closed.appointment.family)  # the follow-up is booked

    assert selectors.follow_ups(lawyer) == ([due], [overdue])
    assert selectors.follow_ups(specialist_at(almaly, Specialty.LAWYER)) == ([], [])
    assert selectors.follow_ups(CentreHeadFactory(centre=almaly)) == ([due], [overdue])
    # "my day" counts them without reading them
    assert selectors.follow_up_counts(lawyer) == (1, 1)
    assert selectors.follow_up_counts(CentreHeadFactory(centre=almaly)) == (1, 1)


def test_the_no_show_rate_is_counted_per_specialist_and_month(almaly):
    adviser = specialist_at(almaly, Specialty.EMPLOYMENT)
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=15)
    for hour, status in [(9, "done"), (10, "done"), (11, "done"), (12, "no_show")]:
        starts = at(last_month, hour)
        AppointmentFactory(
            specialist=adviser, starts_at=starts, status=status, status_changed_by=adviser, status_changed_at=starts
        )
    held(specialist_at(almaly, Specialty.EMPLOYMENT), days_ago=3, status="no_show")  # another's

    rates = selectors.no_show_rates(adviser)

    assert [(r.month, r.held, r.missed, r.rate) for r in rates] == [(last_month.replace(day=1), 3, 1, 0.25)]


def test_my_day_keeps_her_follow_up_counts_until_a_note_or_an_appointment_commits(
    client, almaly, django_capture_on_commit_callbacks
):
    lawyer = specialist_at(almaly, Specialty.LAWYER)
    client.force_login(lawyer)
    today = timezone.localdate()

    def counts():
        context = client.get("/kk/consultations/my-day/").context
        return context["due"], context["overdue"]

    assert counts() == (0, 0)
    with django_capture_on_commit_callbacks() as committing:
        note = CaseNoteFactory(appointment=held(lawyer, days_ago=20), follow_up_on=today - dt.timedelta(days=2))
    assert counts() == (0, 0)  # kept: the note has not committed
    for callback in committing:
        callback()
    assert counts() == (0, 1)

    with django_capture_on_commit_callbacks(execute=True):
        AppointmentFactory(specialist=specialist_at(almaly, Specialty.LAWYER), family=note.appointment.family)
    assert counts() == (0, 0)  # another lawyer's later appointment took it up
