"""A case note's words reach only those ``can_read_note`` lets read them.

A marker is planted in every field of each kind of note (summary, advice, outcome, and an employment
placement's employer and position), then every page, htmx fragment and export that shows anything of
a consultation or of the family is requested as every role, and the admin, the audit and access logs,
the outbox's messages and the timeline are read: a marker appears exactly where the predicate says
yes — and does appear there, so that the walk is not blind."""

import datetime as dt
import io
import json

import pytest
from django.core import serializers
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AccessEvent, AuditEvent
from consultations.models import Appointment
from consultations.permissions import can_read_note
from consultations.services import PlacementData, note_record
from core.roles import Specialty
from families.models import TimelineEntry
from notifications.models import Notification
from tests import factories
from tests.consultations.factories import AppointmentFactory, specialist_at
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db

MARKERS = {"legal": "ZQXLEGALQZ", "psychological": "ZQXPSYCHQZ", "employment": "ZQXJOBQZ"}
HTMX = {"HX-Request": "true"}


@pytest.fixture
def world(almaly, bostandyk):
    """One family with a held consultation of each kind (each note full of its marker), the staff of
    her centre, a psychologist of another district, officials, an administrator and the mother."""
    registrar = factories.RegistrarFactory(centre=almaly, username="registrar")
    mother = factories.MotherUserFactory(username="mother")
    family = FamilyFactory(registrar=registrar, mother_account=mother)
    holders = {
        "legal": specialist_at(almaly, Specialty.LAWYER, username="lawyer"),
        "psychological": specialist_at(almaly, Specialty.PSYCHOLOGIST, username="psychologist"),
        "employment": specialist_at(almaly, Specialty.EMPLOYMENT, username="adviser"),
    }
    appointments = {
        kind: held_with_a_marked_note(family, specialist, registrar, hours_ago=2 * index, kind=kind)
        for index, (kind, specialist) in enumerate(holders.items(), start=1)
    }
    users = {
        **{s.username: s for s in holders.values()},
        "registrar": registrar,
        "head": factories.CentreHeadFactory(centre=almaly, username="head"),
        "grants": factories.GrantOfficerFactory(centre=almaly, username="grants"),
        "psychologist_elsewhere": specialist_at(bostandyk, Specialty.PSYCHOLOGIST, username="psychologist2"),
        "district": factories.DistrictOfficialFactory(district=almaly.district, username="district"),
        "city": factories.CityOfficialFactory(username="city"),
        "admin": factories.AdministratorFactory(username="admin"),
        "mother": mother,
    }
    return {"family": family, "appointments": appointments, "users": users}


def held_with_a_marked_note(family, specialist, registrar, *, hours_ago: int, kind: str) -> Appointment:
    marker = MARKERS[kind]
    appointment = AppointmentFactory(
        family=family, specialist=specialist, booked_by=registrar, starts_at=timezone.now() - dt.timedelta(hours=hours_ago)
    )
    note_record(
        actor=specialist,
        appointment=appointment,
        summary=f"{marker} summary",
        advice=f"{marker} advice",
        outcome=f"{marker} outcome",
        follow_up_on=timezone.localdate() + dt.timedelta(days=3),
        legal_issue="alimony" if kind == "legal" else "",
        legal_resolved=True if kind == "legal" else None,
        placement=PlacementData(f"{marker} employer", f"{marker} position", timezone.localdate(), True, "85_150")
        if kind == "employment"
        else None,
    )
    return appointment


def pages(world, user) -> list[str]:
    family = world["family"]
    urls = [
        reverse("families:detail", args=[family.pk]),
        reverse("families:today"),
        reverse("consultations:calendar"),
        reverse("consultations:calendar") + "?span=day",
        reverse("consultations:my_day"),
        reverse("consultations:follow_ups"),
        reverse("consultations:family_section", args=[family.pk]),
        reverse("consultations:book_for_family", args=[family.pk]),
        reverse("consultations:cabinet"),
        reverse("notifications:log"),
        "/admin/consultations/workplace/",
        "/admin/consultations/timeoff/",
        "/admin/audit/auditevent/",
    ]
    for appointment in world["appointments"].values():
        urls += [
            reverse("consultations:appointment", args=[appointment.pk]),
            reverse("consultations:note", args=[appointment.pk]),
            reverse("consultations:specialist_calendar", args=[appointment.specialist_id]),
        ]
    return urls


def exports() -> list[str]:
    return [reverse("consultations:export"), reverse("families:export")]


def text_of(response) -> str:
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        return " ".join(str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row)
    return response.content.decode()


def seen(text: str) -> set[str]:
    return {kind for kind, marker in MARKERS.items() if marker in text}


def allowed(world, user) -> set[str]:
    return {kind for kind, appointment in world["appointments"].items() if can_read_note(user, appointment)}


@pytest.mark.parametrize(
    "username",
    [
        "lawyer",
        "psychologist",
        "adviser",
        "registrar",
        "head",
        "grants",
        "psychologist_elsewhere",
        "district",
        "city",
        "admin",
        "mother",
    ],
)
def test_every_page_fragment_and_export_shows_a_note_only_to_whom_the_predicate_allows(world, username):
    user = world["users"][username]
    client = Client()
    client.force_login(user)
    may = allowed(world, user)
    found: set[str] = set()
    for url in pages(world, user) + exports():
        for headers in ({}, HTMX):
            response = client.get(url, headers=headers)
            assert response.status_code < 500, url
            leaked = seen(text_of(response)) - may
            assert not leaked, f"{username} reads the {leaked} note on {url} {headers}"
            found |= seen(text_of(response))
    # The walk sees the notes where it should: those who may read them, and see the family, read them.
    visible = set(Appointment.objects.visible_to(user).values_list("kind", flat=True))
    assert found == may & visible


def test_the_predicate_says_who_reads_which_kind(world):
    users = world["users"]
    assert allowed(world, users["lawyer"]) == {"legal"}
    assert allowed(world, users["psychologist"]) == {"psychological"}
    assert allowed(world, users["adviser"]) == {"employment"}
    assert allowed(world, users["head"]) == {"legal", "employment"}
    assert allowed(world, users["psychologist_elsewhere"]) == {"psychological"}  # were she to see the family
    for name in ("registrar", "grants", "district", "city", "admin", "mother"):
        assert allowed(world, users[name]) == set(), name


def test_a_psychologist_of_another_district_does_not_even_see_the_appointment(world):
    client = Client()
    client.force_login(world["users"]["psychologist_elsewhere"])
    response = client.get(reverse("consultations:appointment", args=[world["appointments"]["psychological"].pk]))
    assert response.status_code == 404


def test_no_note_word_is_in_the_timeline_the_audit_and_access_logs_or_any_message(world):
    for rows in (TimelineEntry.objects.all(), AuditEvent.objects.all(), AccessEvent.objects.all(), Notification.objects.all()):
        dumped = serializers.serialize("json", rows)
        assert not seen(dumped), rows.model.__name__
    bodies = json.dumps([(n.body, n.subject, n.context) for n in Notification.objects.all()], ensure_ascii=False)
    assert not seen(bodies)
    assert Appointment.objects.filter(status="done").count() == 3
