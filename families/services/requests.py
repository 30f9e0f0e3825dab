from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from families.models import Agency, Family, Referral, Request, RequestStep
from families.services._messages import tell_referred, tell_request_closed
from families.services._records import record_change
from families.services.consent import require_consent
from otbasy.errors import DomainError


@transaction.atomic
def request_open(*, actor, family: Family, kind: str, description: str) -> Request:
    if actor.centre_id is None:
        raise DomainError(_("Only the staff of a centre can open requests."))
    if not description.strip():
        raise DomainError(_("Describe what she asks for."), field="description")
    require_consent(family)
    request = Request.objects.create(
        family=family, centre_id=actor.centre_id, kind=kind, description=description.strip(), opened_by=actor
    )
    RequestStep.objects.create(request=request, from_status="", to_status=Request.Status.OPEN, by=actor)
    record_change(actor=actor, family=family, action="request.open", target=request, data={"kind": kind})
    return request


def _move(request: Request, to_status: str, *, actor, comment: str) -> RequestStep:
    if to_status not in Request.TRANSITIONS[request.status]:
        raise DomainError(
            _("A request that is “%(from)s” cannot become “%(to)s”.")
            % {"from": request.get_status_display(), "to": Request.Status(to_status).label},
            field="to_status",
        )
    step = RequestStep.objects.create(request=request, from_status=request.status, to_status=to_status, by=actor, comment=comment)
    request.status = to_status
    request.closed_at = timezone.now() if to_status in (Request.Status.RESOLVED, Request.Status.DECLINED) else None
    request.save(update_fields=["status", "closed_at"])
    return step


@transaction.atomic
def request_move(*, actor, request: Request, to_status: str, comment: str = "") -> Request:
    """Moves a request one step (open → in progress → referred → resolved/declined), recording who and when."""
    request = (
        Request.objects.select_for_update(of=("self",)).select_related("family__mother", "family__centre").get(pk=request.pk)
    )
    from_status = request.status
    if to_status in (Request.Status.RESOLVED, Request.Status.DECLINED) and not comment.strip():
        raise DomainError(_("Say how the request ended."), field="comment")
    step = _move(request, to_status, actor=actor, comment=comment.strip())
    if request.is_closed:
        tell_request_closed(request, step)
    record_change(
        actor=actor,
        family=request.family,
        action="request.move",
        target=request,
        changed_fields=["status"],
        data={"from": from_status, "to": to_status},
    )
    return request


@transaction.atomic
def referral_create(*, actor, request: Request, agency: Agency, expected_outcome: str, due_on: dt.date) -> Referral:
    """Sends the request on to an outside agency; the request becomes "referred"."""
    request = (
        Request.objects.select_for_update(of=("self",)).select_related("family__mother", "family__centre").get(pk=request.pk)
    )
    if due_on < timezone.localdate():
        raise DomainError(_("The answer cannot be due in the past."), field="due_on")
    if not expected_outcome.strip():
        raise DomainError(_("Say what the family expects from the agency."), field="expected_outcome")
    if request.status != Request.Status.REFERRED:
        _move(request, Request.Status.REFERRED, actor=actor, comment=agency.name)
    referral = Referral.objects.create(
        request=request, agency=agency, expected_outcome=expected_outcome.strip(), due_on=due_on, sent_by=actor
    )
    record_change(actor=actor, family=request.family, action="referral.create", target=referral, data={"agency": agency.pk})
    tell_referred(referral)
    return referral


@transaction.atomic
def referral_record_outcome(*, actor, referral: Referral, outcome: str, outcome_on: dt.date) -> Referral:
    referral = Referral.objects.select_for_update().select_related("request__family").get(pk=referral.pk)
    if referral.outcome_on is not None:
        raise DomainError(_("The outcome of this referral is already recorded."))
    if not outcome.strip():
        raise DomainError(_("Write what the agency answered."), field="outcome")
    if outcome_on > timezone.localdate():
        raise DomainError(_("This date is in the future."), field="outcome_on")
    referral.outcome = outcome.strip()
    referral.outcome_on = outcome_on
    referral.outcome_recorded_by = actor
    referral.save(update_fields=["outcome", "outcome_on", "outcome_recorded_by"])
    record_change(
        actor=actor, family=referral.request.family, action="referral.outcome", target=referral, changed_fields=["outcome"]
    )
    return referral
