"""After the mother withdraws her consent, nothing more is recorded or sent about her family, by any
service, until she gives it again (issue 9, item 3). Every service of the registry is walked: a new one
fails here until it says what it does without consent."""

import datetime as dt
import inspect

import pytest
from django.utils import timezone, translation

from audit.models import AuditEvent
from core.errors import DomainError
from families import services
from families.models import Agency, CentreGuest, TimelineEntry, VisitPurpose
from families.services import consent_withdraw
from notifications import sms
from notifications.models import Notification
from tests.factories import MotherUserFactory
from tests.families.factories import AppealFactory, FamilyFactory, ReferralFactory, VisitFactory
from tests.families.registration import details, mother_data
from tests.mothers.factories import SelfRegisteredFamilyFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate

# Services that rightly work without consent in force, and why.
EXEMPT = {
    "consent_record": "recording a new consent is how she gives it again",
    "consent_withdraw": "a withdrawal is refused on its own terms when there is none in force",
    "family_register": "registration records her consent in the same step",
    "family_self_register": "her sign-up records her consent in the same step",
    "family_stop_optional_messages": "she may always refuse reminders and news",
    "categories_refresh": "called by the services above, after their own check",
    "categories_recompute_all": "skips families without consent (tested below)",
    "family_open_to_centre": "called by services that brought her before a centre, after their own check",
    "require_consent": "the check itself",
    "family_anonymise": "removes her data: what a withdrawn consent asks for, not something recorded about her",
    "consent_scans_delete_superseded": "deletes signed copies of consents no longer in force",
    "name_words_forget_unused": "removes words of names no family holds, of no family in particular",
}


def calls(family, actor):
    """How to call each service about ``family`` as ``actor``, with everything else valid."""
    appeal = AppealFactory(family=family, status="in_progress")
    referral = ReferralFactory(appeal=AppealFactory(family=family, status="referred"))
    visit = VisitFactory(family=family, centre=actor.centre)
    purposes = VisitPurpose.objects.filter(code="legal")
    return {
        "visit_check_in": lambda: services.visit_check_in(actor=actor, family=family, purposes=purposes),
        "visit_mark_served": lambda: services.visit_mark_served(actor=actor, visit=visit, what_was_done="Кеңес берілді"),
        "appeal_open": lambda: services.appeal_open(actor=actor, family=family, kind="housing", description="Кезек"),
        "appeal_move": lambda: services.appeal_move(actor=actor, appeal=appeal, to_status="resolved", comment="Шешілді"),
        "referral_create": lambda: services.referral_create(
            actor=actor,
            appeal=appeal,
            agency=Agency.objects.first(),
            expected_outcome="Жауап",
            due_on=TODAY() + dt.timedelta(days=5),
        ),
        "referral_record_outcome": lambda: services.referral_record_outcome(
            actor=actor, referral=referral, outcome="Жауап", outcome_on=TODAY()
        ),
        "family_link_account": lambda: services.family_link_account(actor=actor, family=family, account=MotherUserFactory()),
        "family_verify": lambda: services.family_verify(actor=actor, family=family),
        "family_discard_sign_up": lambda: services.family_discard_sign_up(
            actor=actor, family=SelfRegisteredFamilyFactory(mother__iin=None), into=family
        ),
        "family_set_phone": lambda: services.family_set_phone(actor=actor, family=family, phone="+77015550199"),
        "family_set_preferences": lambda: services.family_set_preferences(
            actor=actor, family=family, language="ru", notify_by="sms", email="", optional_messages=False
        ),
        "family_update": lambda: services.family_update(
            actor=actor, family=family, mother=mother_data(iin=family.mother.iin), details=details(), children=[], spouse=None
        ),
    }


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def every_service() -> list[str]:
    return sorted(name for name in services.__all__ if inspect.isfunction(getattr(services, name)))


def counts() -> tuple:
    return (TimelineEntry.objects.count(), AuditEvent.objects.count(), Notification.objects.count(), CentreGuest.objects.count())


@pytest.mark.parametrize("name", every_service())
def test_no_service_records_or_sends_anything_once_the_consent_is_withdrawn(name, registrar):
    if name in EXEMPT:
        return
    family = FamilyFactory(registrar=registrar)
    call = calls(family, registrar).get(name)
    assert call is not None, f"say how families.services.{name} behaves without consent: add it to calls() or EXEMPT"
    consent_withdraw(actor=registrar, family=family, on=TODAY())
    before = counts()

    with pytest.raises(DomainError, match="withdrawn her consent"):
        call()

    assert counts() == before and sms.outbox == []


def test_a_withdrawal_ends_every_version_of_the_consent_she_had_given(registrar):
    family = FamilyFactory(registrar=registrar)
    services.consent_record(actor=registrar, family=family, given_on=TODAY(), language="kk")
    consent_withdraw(actor=registrar, family=family, on=TODAY())

    assert not family.consents.filter(withdrawn_on__isnull=True).exists()
    with pytest.raises(DomainError):
        services.visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.all()[:1])


def test_the_daily_check_leaves_a_family_without_consent_alone(registrar):
    from tests.families.factories import family_with_children

    kept = family_with_children(5, 7, 9, 11, registrar=registrar)
    left = family_with_children(5, 7, 9, 11, registrar=registrar)
    consent_withdraw(actor=registrar, family=left, on=TODAY())
    for family in (kept, left):
        for child in family.children.all():
            child.person.birth_date = dt.date(2000, 1, 1)
            child.person.save()

    assert services.categories_recompute_all() == 1
    kept.refresh_from_db(), left.refresh_from_db()
    assert (kept.is_large, left.is_large) == (False, True)


def test_recording_a_new_consent_opens_the_family_again(registrar):
    family = FamilyFactory(registrar=registrar)
    consent_withdraw(actor=registrar, family=family, on=TODAY())
    services.consent_record(actor=registrar, family=family, given_on=TODAY(), language="kk")

    services.appeal_open(actor=registrar, family=family, kind="legal", description="Кеңес")
    assert family.appeals.count() == 1
