"""Migration 0011: the agency names that referrals stored as the comment of the appeal's "referred" step
are cleared from the steps and from their timeline entries; every other comment stays."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from families.models import Agency, AppealStep, TimelineEntry
from families.services import appeal_move
from families.timeline import appeal_step_entry
from tests.families.factories import AppealFactory, FamilyFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("families.migrations.0011_referred_steps_without_agency_names")


def step_with_entry(appeal, *, to_status: str, comment: str) -> AppealStep:
    """A step as the code before the fix wrote it, with its timeline entry."""
    step = AppealStep.objects.create(
        appeal=appeal, from_status=appeal.status, to_status=to_status, by=appeal.opened_by, comment=comment
    )
    TimelineEntry.objects.create(**appeal_step_entry(appeal, step))
    return step


def entry_of(step: AppealStep) -> TimelineEntry:
    return TimelineEntry.objects.get(kind="families.appeal_moved", ref=f"families.appeal:{step.appeal_id}", at=step.at)


@pytest.fixture
def agency():
    return Agency.objects.get(name_ru="Управление жилищной политики города Алматы")


def test_the_agency_names_of_referred_steps_are_cleared_in_whichever_language_they_were_stored(registrar, agency):
    family = FamilyFactory(registrar=registrar)
    steps = [
        step_with_entry(AppealFactory(family=family), to_status="referred", comment=name)
        for name in (agency.name_kk, agency.name_ru)
    ]

    migration.clear_agency_names(apps, None)

    for step in steps:
        step.refresh_from_db()
        assert step.comment == ""
        params = entry_of(step).params
        assert params["comment"] == "" and params["status"]["ru"] == "направлено"


def test_comments_staff_wrote_stay(registrar, agency):
    family = FamilyFactory(registrar=registrar)
    typed = step_with_entry(AppealFactory(family=family), to_status="referred", comment="Ведомство позвонит ей само")
    appeal = AppealFactory(family=family)
    with translation.override("kk"):
        appeal_move(actor=registrar, appeal=appeal, to_status="declined", comment=agency.name_kk)
    declined = appeal.steps.get(to_status="declined")

    migration.clear_agency_names(apps, None)

    for step, comment in ((typed, "Ведомство позвонит ей само"), (declined, agency.name_kk)):
        step.refresh_from_db()
        assert step.comment == comment and entry_of(step).params["comment"] == comment
