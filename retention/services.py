"""Every change retention makes: holds, the anonymisation of one family (a mother's request to be
forgotten, or the monthly run), and the monthly run itself, in chunks."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.services import record_change
from core import text
from core.errors import DomainError
from core.locking import lock_timeout
from families.models import Family
from families.services import consent_scans_delete_superseded, family_anonymise
from retention.models import Anonymisation, RetentionHold, RetentionPolicy
from retention.selectors import due_families, family_cutoff, scan_cutoff

logger = logging.getLogger(__name__)

REASON_MAX = 500
CHUNK = 500  # families per transaction in the monthly run: locks are held on these rows only


def _locked(family: Family) -> Family:
    """The family's row, locked: a hold and an anonymisation of one family wait for each other."""
    with lock_timeout():
        return Family.objects.select_for_update(of=("self",)).get(pk=family.pk)


def _reason(reason: str) -> str:
    reason = text.paragraphs(reason or "")
    if not reason:
        raise DomainError(_("Give the reason."), field="reason")
    return text.bounded(reason, limit=REASON_MAX, field="reason")


def _already_anonymised() -> DomainError:
    return DomainError(_("This family's personal data has already been removed. Nothing was changed."))


def held_message(hold: RetentionHold) -> str:
    return _("This family is on hold since %(date)s (%(who)s): %(reason)s. Nothing was changed.") % {
        "date": date_format(timezone.localtime(hold.at), "SHORT_DATE_FORMAT"),
        "who": hold.held_by.get_full_name() or hold.held_by.get_username(),
        "reason": hold.reason,
    }


@transaction.atomic
def hold_create(*, actor, family: Family, reason: str) -> RetentionHold:
    """Keeps ``family`` from being anonymised until the hold is released."""
    reason = _reason(reason)
    family = _locked(family)
    if family.anonymised_at is not None:
        raise _already_anonymised()
    if existing := RetentionHold.objects.filter(family=family, released_at__isnull=True).select_related("held_by").first():
        raise DomainError(_("This family is already on hold: %(reason)s") % {"reason": existing.reason})
    hold = RetentionHold.objects.create(family=family, reason=reason, held_by=actor)
    record_change(actor=actor, subject=family, action="retention.hold", target=hold)
    return hold


@transaction.atomic
def hold_release(*, actor, hold: RetentionHold) -> RetentionHold:
    with lock_timeout():
        hold = RetentionHold.objects.select_for_update().select_related("family").get(pk=hold.pk)
    if hold.released_at is not None:
        raise DomainError(_("This hold has already been released."))
    hold.released_at = timezone.now()
    hold.released_by = actor
    hold.save(update_fields=["released_at", "released_by"])
    record_change(actor=actor, subject=hold.family, action="retention.release", target=hold)
    return hold


def _anonymise(*, actor, family: Family, kind: str, reason: str = "") -> Family:
    """In the caller's transaction, with the family's row locked: refused if it is anonymised or held."""
    if family.anonymised_at is not None:
        raise _already_anonymised()
    if hold := RetentionHold.objects.filter(family=family, released_at__isnull=True).select_related("held_by").first():
        raise DomainError(held_message(hold))
    # Written before the family's data goes: the receiver of family_anonymising then takes her names
    # out of the reason as out of every other text (retention.receivers).
    Anonymisation.objects.create(family=family, kind=kind, reason=reason, by=actor if kind == Anonymisation.Kind.FORGET else None)
    return family_anonymise(actor=actor, family=family, reason=kind)


@transaction.atomic
def family_forget(*, actor, family: Family, reason: str) -> Family:
    """A mother who withdrew her consent asked to be forgotten: the centre head carries it out."""
    reason = _reason(reason)
    family = _locked(family)
    if family.anonymised_at is None:
        latest = family.consents.order_by("-given_on", "-pk").first()
        if latest is not None and latest.withdrawn_on is None:
            raise DomainError(
                _("The mother's consent is still in force. Record her withdrawal of consent first, then her request.")
            )
    return _anonymise(actor=actor, family=family, kind=Anonymisation.Kind.FORGET, reason=reason)


@transaction.atomic
def family_retention_anonymise(*, actor, family: Family) -> Family:
    """One family whose period is over (the monthly run, or by hand): refused if anonymised or held."""
    return _anonymise(actor=actor, family=_locked(family), kind=Anonymisation.Kind.RETENTION)


def families_anonymise_due(*, family_ids: list[int], cutoff: dt.datetime) -> int:
    """One chunk of the monthly run, in one transaction: those of ``family_ids`` still due are locked,
    skipping any another transaction holds (a head putting one on hold, a registrar recording a
    visit: it is left for the next run), and anonymised. Returns how many."""
    with transaction.atomic():
        due = due_families(cutoff).filter(pk__in=family_ids).order_by("pk")
        families = list(due.select_for_update(skip_locked=True, of=("self",)))
        for family in families:
            _anonymise(actor=None, family=family, kind=Anonymisation.Kind.RETENTION)
    return len(families)


def retention_apply(*, now: dt.datetime | None = None, chunk: int = CHUNK) -> dict[str, int]:
    """The monthly run: families past their period are anonymised and signed copies past theirs are
    deleted, a chunk per transaction. Idempotent and resumable: what is done is no longer due, so a run
    that stopped halfway (a deploy, a crash) is finished by the next one."""
    policy = RetentionPolicy.current()
    now = now or timezone.now()
    cutoff = family_cutoff(policy, now=now)
    families = last = 0
    while ids := list(due_families(cutoff).filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk]):
        families += families_anonymise_due(family_ids=ids, cutoff=cutoff)
        last = ids[-1]
    scans = 0
    while deleted := consent_scans_delete_superseded(
        superseded_by=scan_cutoff(policy, today=timezone.localdate(now)), limit=chunk
    ):
        scans += deleted
    logger.info("retention: %d families anonymised, %d signed consents deleted", families, scans)
    return {"families": families, "scans": scans}
