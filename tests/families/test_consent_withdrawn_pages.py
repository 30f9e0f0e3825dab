"""With the consent withdrawn, every form of the family's pages refuses over HTTP, says why in the
user's language, and records nothing (issue 9, item 3, through the real request stack; the services
themselves are walked in test_consent_withdrawn.py)."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from audit.models import AuditEvent
from families.models import Agency, Appeal, Referral, TimelineEntry, Visit, VisitPurpose
from families.services import consent_withdraw
from families.services.consent import WITHDRAWN
from notifications.models import Notification
from tests.families.factories import AppealFactory, FamilyFactory, ReferralFactory, VisitFactory

pytestmark = pytest.mark.django_db
HTMX = {"hx-request": "true"}


def counts() -> tuple:
    models = (Visit, Appeal, Referral, TimelineEntry, AuditEvent, Notification)
    return tuple(model.objects.count() for model in models)


def posts(family, registrar) -> dict[str, tuple[str, dict]]:
    today = timezone.localdate()
    appeal = AppealFactory(family=family, status="in_progress")
    referral = ReferralFactory(appeal=AppealFactory(family=family, status="referred"))
    visit = VisitFactory(family=family, centre=registrar.centre)
    return {
        "record a visit": (f"/ru/families/{family.pk}/visits/new/", {"purposes": [VisitPurpose.objects.first().pk]}),
        "open an appeal": (f"/ru/families/{family.pk}/appeals/new/", {"kind": "housing", "description": "Очередь на жильё"}),
        "move an appeal": (f"/ru/families/appeals/{appeal.pk}/move/", {"to_status": "resolved", "comment": "Решено"}),
        "refer": (
            f"/ru/families/appeals/{appeal.pk}/referrals/new/",
            {
                "agency": Agency.objects.first().pk,
                "expected_outcome": "Ответ",
                "due_on": (today + dt.timedelta(days=7)).isoformat(),
            },
        ),
        "record an answer": (
            f"/ru/families/referrals/{referral.pk}/outcome/",
            {"outcome": "Ответ", "outcome_on": today.isoformat()},
        ),
        "mark served": (f"/ru/families/visits/{visit.pk}/serve/", {"what_was_done": "Консультация"}),
    }


@pytest.mark.parametrize(
    "action", ["record a visit", "open an appeal", "move an appeal", "refer", "record an answer", "mark served"]
)
def test_every_form_about_the_family_refuses_over_http_once_the_consent_is_withdrawn(client, registrar, action):
    family = FamilyFactory(registrar=registrar)
    url, data = posts(family, registrar)[action]
    consent_withdraw(actor=registrar, family=family, on=timezone.localdate())
    before = counts()

    response = client.post(url, data, headers=HTMX)

    assert response.status_code == 400
    with translation.override("ru"):
        assert str(WITHDRAWN) in response.content.decode()
    assert counts() == before


def test_the_family_page_offers_no_button_that_records_once_the_consent_is_withdrawn(client, registrar):
    family = FamilyFactory(registrar=registrar)
    AppealFactory(family=family, status="in_progress")
    consent_withdraw(actor=registrar, family=family, on=timezone.localdate())

    page = client.get(f"/kk/families/{family.pk}/").content.decode()

    for link in ("/visits/new/", "/appeals/new/", "/edit/", "/move/", "/referrals/new/"):
        assert link not in page, link
    assert f"/kk/families/{family.pk}/consent/new/" in page  # what she can do: record a new consent
