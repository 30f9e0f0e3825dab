import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import extensions
from core.i18n import in_languages
from core.timeline import TimelineKind
from families.models import Agency, VisitPurpose
from families.services import appeal_open, consent_record, consent_withdraw, referral_create, visit_check_in
from families.timeline import timeline_add, timeline_for
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory, years_ago

pytestmark = pytest.mark.django_db

CONSULTATION = TimelineKind("consultations.booked", "chat", _("Consultation booked with %(specialist)s"), detail="note")
SECRET = TimelineKind(
    "consultations.secret", "lock", "Psychologist's session", visible=lambda user, params: user.role == "specialist"
)


@pytest.fixture
def another_app(monkeypatch):
    """An app that declares its own kinds of timeline entry, as consultations will."""
    kinds = {**extensions.timeline_kinds(), CONSULTATION.code: CONSULTATION, SECRET.code: SECRET}
    monkeypatch.setattr("families.timeline.timeline_kinds", lambda: kinds)


def test_another_app_writes_its_entries_and_they_are_read_in_the_readers_language(another_app, almaly):
    registrar = RegistrarFactory(centre=almaly)
    family = FamilyFactory(registrar=registrar)
    timeline_add(
        family=family,
        kind="consultations.booked",
        actor=registrar,
        params={"specialist": in_languages(_("Lawyer")), "note": "12:30"},
    )

    with translation.override("ru"):
        [entry] = timeline_for(family, registrar)
    assert (entry.title, entry.detail, entry.actor, entry.icon) == (
        "Consultation booked with Юрист",
        "12:30",
        str(registrar),
        "chat",
    )


def test_an_entry_of_a_kind_nobody_declares_is_refused(almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    with pytest.raises(LookupError):
        timeline_add(family=family, kind="nobody.declares_this")


def test_a_kind_can_hide_its_entries_from_readers_who_may_not_see_them(another_app, almaly):
    registrar = RegistrarFactory(centre=almaly)
    family = FamilyFactory(registrar=registrar)
    timeline_add(family=family, kind="consultations.secret")

    assert timeline_for(family, registrar) == []


def test_the_timeline_is_newest_first_and_tells_visits_appeals_and_consent(almaly):
    registrar = RegistrarFactory(centre=almaly)
    family = FamilyFactory(registrar=registrar, consent=False)
    consent_record(actor=registrar, family=family, given_on=years_ago(0), language="kk")
    visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.filter(code="legal"))
    appeal_open(actor=registrar, family=family, kind="housing", description="Кезек")

    entries = timeline_for(family, registrar)

    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert [e.icon for e in entries] == ["inboxes", "door-open", "file-earmark-check"]


def test_a_centre_is_named_in_the_language_of_the_page_not_of_the_member_of_staff(almaly):
    registrar = RegistrarFactory(centre=almaly, language="kk")
    family = FamilyFactory(registrar=registrar)
    with translation.override("kk"):
        visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.filter(code="legal"))
        consent_withdraw(actor=registrar, family=family, on=years_ago(0))

    with translation.override("ru"):
        titles = [entry.title for entry in timeline_for(family, registrar)]
    assert any(almaly.name_ru in title and almaly.name_kk not in title for title in titles), titles


def test_a_referral_names_its_agency_in_the_readers_language_and_the_referred_step_keeps_no_name(almaly):
    registrar = RegistrarFactory(centre=almaly, language="kk")
    family = FamilyFactory(registrar=registrar)
    agency = Agency.objects.get(name_ru="Управление жилищной политики города Алматы")
    with translation.override("kk"):
        appeal = appeal_open(actor=registrar, family=family, kind="housing", description="Кезек")
        referral_create(
            actor=registrar, appeal=appeal, agency=agency, expected_outcome="Кезек", due_on=years_ago(0) + dt.timedelta(days=9)
        )

    assert appeal.steps.get(to_status="referred").comment == ""
    with translation.override("ru"):
        entries = timeline_for(family, registrar)
    shown = " ".join(f"{entry.title} {entry.detail}" for entry in entries)
    assert f"Направлено в ведомство: {agency.name_ru}" in shown
    assert agency.name_kk not in shown
