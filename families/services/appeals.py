"""One-window appeals and their referrals to outside agencies."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_change
from core import text
from core.errors import DomainError
from core.locking import lock_timeout
from families import rules
from families.messages import tell_appeal_closed, tell_referred
from families.models import Agency, Appeal, AppealStep, Family, Referral, TimelineEntry
from families.services.consent import require_consent
from families.timeline import appeal_step_entry, referral_answer_entry, referral_entry


@transaction.atomic
def appeal_open(*, actor, family: Family, kind: str, description: str) -> Appeal:
    if actor.centre_id is None:
        raise DomainError(_("Only the staff of a centre can open appeals."))
    description = text.bounded(text.paragraphs(description), limit=rules.DESCRIPTION_MAX, field="description")
    if not description:
        raise DomainError(_("Describe what she asks for."), field="description")
    require_consent(family)
    appeal = Appeal.objects.create(family=family, centre_id=actor.centre_id, kind=kind, description=description, opened_by=actor)
    step = AppealStep.objects.create(appeal=appeal, from_status="", to_status=Appeal.Status.OPEN, by=actor)
    TimelineEntry.objects.create(**appeal_step_entry(appeal, step))
    record_change(actor=actor, subject=family, action="appeal.open", target=appeal, data={"kind": kind})
    return appeal


def _move(appeal: Appeal, to_status: str, *, actor, comment: str) -> AppealStep:
    if to_status not in Appeal.TRANSITIONS[Appeal.Status(appeal.status)]:
        raise DomainError(
            _("An appeal that is “%(from)s” cannot become “%(to)s”.")
            % {"from": appeal.get_status_display(), "to": Appeal.Status(to_status).label},
            field="to_status",
        )
    step = AppealStep.objects.create(appeal=appeal, from_status=appeal.status, to_status=to_status, by=actor, comment=comment)
    appeal.status = to_status
    appeal.closed_at = timezone.now() if to_status in Appeal.CLOSED else None
    appeal.save(update_fields=["status", "closed_at"])
    TimelineEntry.objects.create(**appeal_step_entry(appeal, step))
    return step


def _locked(appeal: Appeal) -> Appeal:
    """The appeal, locked for this transaction, once the family's consent is known to stand."""
    with lock_timeout():
        appeal = Appeal.objects.select_for_update(of=("self",)).select_related("family__mother", "centre").get(pk=appeal.pk)
    require_consent(appeal.family)
    return appeal


@transaction.atomic
def appeal_move(*, actor, appeal: Appeal, to_status: str, comment: str = "") -> Appeal:
    """Moves an appeal one step (open → in progress → referred → resolved/declined), recording who and when."""
    appeal = _locked(appeal)
    from_status = appeal.status
    comment = text.bounded(text.paragraphs(comment), limit=rules.NOTE_MAX, field="comment")
    if to_status in Appeal.CLOSED and not comment:
        raise DomainError(_("Say how the appeal ended."), field="comment")
    step = _move(appeal, to_status, actor=actor, comment=comment)
    if appeal.is_closed:
        tell_appeal_closed(appeal, step)
    record_change(
        actor=actor,
        subject=appeal.family,
        action="appeal.move",
        target=appeal,
        changed_fields=["status"],
        data={"from": from_status, "to": to_status},
    )
    return appeal


@transaction.atomic
def referral_create(*, actor, appeal: Appeal, agency: Agency, expected_outcome: str, due_on: dt.date) -> Referral:
    """Sends the appeal on to an outside agency; the appeal becomes "referred"."""
    appeal = _locked(appeal)
    if due_on < timezone.localdate():
        raise DomainError(_("The answer cannot be due in the past."), field="due_on")
    expected_outcome = text.bounded(text.paragraphs(expected_outcome), limit=rules.NOTE_MAX, field="expected_outcome")
    if not expected_outcome:
        raise DomainError(_("Say what the family expects from the agency."), field="expected_outcome")
    if appeal.status != Appeal.Status.REFERRED:
        # No comment: the referral's own entry names the agency, in the language of whoever reads it
        # (a name stored here would stay in the language of whoever referred her).
        _move(appeal, Appeal.Status.REFERRED, actor=actor, comment="")
    referral = Referral.objects.create(
        appeal=appeal, agency=agency, expected_outcome=expected_outcome, due_on=due_on, sent_by=actor
    )
    TimelineEntry.objects.create(**referral_entry(referral, family_id=appeal.family_id, agency=agency))
    record_change(actor=actor, subject=appeal.family, action="referral.create", target=referral, data={"agency": agency.pk})
    tell_referred(referral)
    return referral


@transaction.atomic
def referral_record_outcome(*, actor, referral: Referral, outcome: str, outcome_on: dt.date) -> Referral:
    with lock_timeout():
        referral = Referral.objects.select_for_update(of=("self",)).select_related("appeal__family", "agency").get(pk=referral.pk)
    require_consent(referral.appeal.family)
    if referral.outcome_on is not None:
        raise DomainError(_("The outcome of this referral is already recorded."))
    outcome = text.bounded(text.paragraphs(outcome), limit=rules.DESCRIPTION_MAX, field="outcome")
    if not outcome:
        raise DomainError(_("Write what the agency answered."), field="outcome")
    if outcome_on > timezone.localdate():
        raise DomainError(_("This date is in the future."), field="outcome_on")
    referral.outcome = outcome
    referral.outcome_on = outcome_on
    referral.outcome_recorded_by = actor
    referral.save(update_fields=["outcome", "outcome_on", "outcome_recorded_by"])
    TimelineEntry.objects.create(**referral_answer_entry(referral, family_id=referral.appeal.family_id, agency=referral.agency))
    record_change(
        actor=actor, subject=referral.appeal.family, action="referral.outcome", target=referral, changed_fields=["outcome"]
    )
    return referral
