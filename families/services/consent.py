from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record_change
from core.errors import DomainError
from core.locking import lock_timeout
from families import rules
from families.models import Consent, ConsentText, Family, TimelineEntry
from families.timeline import consent_given_entry, consent_withdrawn_entry


@transaction.atomic
def consent_record(*, actor, family: Family, given_on: dt.date, language: str, scan=None) -> Consent:
    """A new consent (for example after a withdrawal, or a new text version)."""
    if family.anonymised_at is not None:
        raise DomainError(ANONYMISED)
    if given_on > timezone.localdate():
        raise DomainError(_("This date is in the future."), field="given_on")
    if late := rules.consent_problem(mother_birth_date=family.mother.birth_date, given_on=given_on):
        raise DomainError(late, field="given_on")
    text = ConsentText.current()
    if text is None:
        raise DomainError(_("There is no consent text in force. An administrator has to publish one."))
    consent = Consent.objects.create(
        family=family, text=text, language=language, given_on=given_on, recorded_by=actor, scan=scan or ""
    )
    TimelineEntry.objects.create(**consent_given_entry(consent, version=text.version))
    record_change(actor=actor, subject=family, action="consent.record", target=consent)
    return consent


@transaction.atomic
def consent_withdraw(*, actor, family: Family, on: dt.date) -> Consent:
    """The mother withdraws her consent: the family stays on record, but nothing new is added until she
    gives it again."""
    with lock_timeout():
        consent = family.consents.select_for_update().filter(withdrawn_on__isnull=True).order_by("-given_on", "-pk").first()
    if consent is None:
        raise DomainError(_("There is no consent in force to withdraw."))
    if on > timezone.localdate():
        raise DomainError(_("This date is in the future."), field="on")
    if on < consent.given_on:
        raise DomainError(_("The withdrawal cannot be earlier than the consent."), field="on")
    consent.withdrawn_on = on
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
    # An earlier version she agreed to stands no more either: one withdrawal ends every consent in force.
    family.consents.filter(withdrawn_on__isnull=True, given_on__lte=on).update(withdrawn_on=on, withdrawn_by=actor)
    TimelineEntry.objects.create(**consent_withdrawn_entry(consent))
    record_change(actor=actor, subject=family, action="consent.withdraw", target=consent)
    return consent


ANONYMISED = gettext_lazy("This family's personal data has been removed. If the mother comes back, register her family again.")
WITHDRAWN = gettext_lazy("The mother has withdrawn her consent. Record a new consent before adding anything.")


def require_consent(family: Family) -> None:
    """Nothing is recorded or sent about a family without the mother's consent in force: every service
    that does (this app's and every other app's) calls this first. Recording a new consent, a withdrawal
    and her own refusal of messages are the exceptions."""
    if family.anonymised_at is not None:
        raise DomainError(ANONYMISED)
    latest = family.consents.order_by("-given_on", "-pk").first()
    if latest is None or latest.withdrawn_on is not None:
        raise DomainError(WITHDRAWN)
