import pytest
from django.utils import timezone

from families import timeline
from families.models import VisitPurpose
from families.services import request_open, visit_check_in
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def test_another_app_adds_its_entries_by_registering_a_provider(monkeypatch, almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    monkeypatch.setattr(timeline, "_providers", list(timeline._providers))

    @timeline.provider
    def consultations(family, user):
        yield timeline.Entry(at=timezone.now(), icon="chat", title="Consultation with a lawyer")

    titles = [entry.title for entry in timeline.timeline_for(family, None)]
    assert "Consultation with a lawyer" in titles


def test_the_timeline_is_newest_first_and_tells_visits_requests_and_consent(almaly):
    registrar = RegistrarFactory(centre=almaly)
    family = FamilyFactory(registrar=registrar)
    visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.filter(code="legal"))
    request_open(actor=registrar, family=family, kind="housing", description="Кезек")

    entries = timeline.timeline_for(family, registrar)

    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    icons = [e.icon for e in entries]
    assert icons[:2] == ["inboxes", "door-open"] and "file-earmark-check" in icons
