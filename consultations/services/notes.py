"""The case note the specialist records after a consultation, with its outcomes: a legal question's
category and whether it was settled, an employment consultation's job placement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_change
from consultations import messages
from consultations.kinds import Kind
from consultations.models import Appointment, CaseNote, Placement
from consultations.models.notes import ADVICE_MAX, OUTCOME_MAX, SUMMARY_MAX
from consultations.timeline import add_entry
from core import text
from core.errors import DomainError
from core.locking import lock_timeout
from families.models import Agency
from families.services import require_consent

Status = Appointment.Status
FIELD_MAX = 200


@dataclass(frozen=True)
class PlacementData:
    employer: str
    position: str
    starts_on: dt.date
    formal: bool
    salary_band: str


def _locked(appointment: Appointment) -> Appointment:
    with lock_timeout():
        return (
            Appointment.objects.select_for_update(of=("self",))
            .select_related("family", "specialist", "centre")
            .get(pk=appointment.pk)
        )


def _check_may_record(actor, appointment: Appointment) -> None:
    if appointment.specialist_id != actor.pk:
        raise DomainError(_("Only the specialist who held this consultation writes its note."))
    if appointment.status in (Status.CANCELLED, Status.NO_SHOW):
        raise DomainError(
            _("This appointment is %(status)s: there is no consultation to write about.")
            % {"status": appointment.get_status_display()}
        )
    if not appointment.has_begun:
        raise DomainError(_("This consultation has not begun yet."))


def _texts(summary: str, advice: str, outcome: str) -> dict[str, str]:
    values = {
        "summary": text.bounded(text.paragraphs(summary or ""), limit=SUMMARY_MAX, field="summary"),
        "advice": text.bounded(text.paragraphs(advice or ""), limit=ADVICE_MAX, field="advice"),
        "outcome": text.bounded(text.paragraphs(outcome or ""), limit=OUTCOME_MAX, field="outcome"),
    }
    if not values["summary"]:
        raise DomainError(_("Write a summary of the consultation."), field="summary")
    return values


def _outcome_fields(appointment: Appointment, *, legal_issue: str, legal_resolved: bool | None, placement) -> dict:
    if appointment.kind != Kind.LEGAL and (legal_issue or legal_resolved is not None):
        raise DomainError(_("Only a legal consultation has an issue category."), field="legal_issue")
    if appointment.kind != Kind.EMPLOYMENT and placement is not None:
        raise DomainError(_("Only an employment consultation records a job placement."), field="employer")
    if appointment.kind == Kind.LEGAL and not legal_issue:
        raise DomainError(_("Choose what the legal question was about."), field="legal_issue")
    return {"legal_issue": legal_issue or "", "legal_resolved": legal_resolved if legal_issue else None}


def _save_placement(appointment: Appointment, placement: PlacementData | None) -> None:
    if placement is None:
        Placement.objects.filter(appointment=appointment).delete()
        return
    employer = text.bounded(text.one_line(placement.employer), limit=FIELD_MAX, field="employer")
    position = text.bounded(text.one_line(placement.position), limit=FIELD_MAX, field="position")
    if not employer or not position:
        raise DomainError(_("Name the employer and the position."), field="employer" if not employer else "position")
    if placement.starts_on < timezone.localtime(appointment.starts_at).date() - dt.timedelta(days=365):
        raise DomainError(_("The job cannot have started a year before the consultation."), field="starts_on")
    Placement.objects.update_or_create(
        appointment=appointment,
        defaults={
            "employer": employer,
            "position": position,
            "starts_on": placement.starts_on,
            "formal": placement.formal,
            "salary_band": placement.salary_band,
        },
    )


def _held(appointment: Appointment, *, actor) -> None:
    """A booked consultation whose note is written has been held."""
    appointment.status = Status.DONE
    appointment.status_changed_by, appointment.status_changed_at = actor, timezone.now()
    appointment.save(update_fields=["status", "status_changed_by", "status_changed_at"])
    add_entry(appointment, kind="consultations.done", actor=actor)
    messages.withdraw_reminder(appointment)


@transaction.atomic
def note_record(
    *,
    actor,
    appointment: Appointment,
    summary: str,
    advice: str = "",
    outcome: str = "",
    follow_up_on: dt.date | None = None,
    referrals: Iterable[Agency] = (),
    legal_issue: str = "",
    legal_resolved: bool | None = None,
    placement: PlacementData | None = None,
) -> CaseNote:
    """Writes (or corrects) the note of a consultation that has begun; a booked one is then held."""
    appointment = _locked(appointment)
    _check_may_record(actor, appointment)
    require_consent(appointment.family)
    values = _texts(summary, advice, outcome)
    if follow_up_on is not None and follow_up_on <= timezone.localtime(appointment.starts_at).date():
        raise DomainError(_("The follow-up comes after the consultation."), field="follow_up_on")
    values |= _outcome_fields(appointment, legal_issue=legal_issue, legal_resolved=legal_resolved, placement=placement)
    note, created = CaseNote.objects.update_or_create(
        appointment=appointment, defaults={**values, "follow_up_on": follow_up_on, "author": actor}
    )
    note.referrals.set(list(referrals))
    _save_placement(appointment, placement)
    if appointment.status == Status.BOOKED:
        _held(appointment, actor=actor)
    # Field names only: the audit data never holds the note's words.
    changed = [*values, "follow_up_on", "referrals", *(["placement"] if placement else [])]
    record_change(
        actor=actor,
        subject=appointment.family,
        action="consultation.note" if created else "consultation.note_change",
        target=appointment,
        changed_fields=changed,
    )
    return note
