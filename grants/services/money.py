"""The money: the commission's approval within the programme's budget and the district's allocation,
the tranches, and the monitoring visits they start.

Approving locks the budget's row and then the allocation's (always in that order, so two approvals
cannot deadlock), checks what remains, and saves the amount: the database trigger (migration 0002)
then adds it to both counters, and their check constraints refuse an overspend that got past the lock
(a script, the admin, a bug) — the last line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_change
from core.errors import DomainError
from core.locking import lock_timeout
from core.money import tenge
from core.roles import Role
from grants import timeline
from grants.dates import months_after
from grants.models import Allocation, Application, Budget, MonitoringVisit, Tranche
from grants.services.workflow import do_move, locked_application, refuse_unless_allowed

OVERSPENT = _("There is not enough money left for this amount.")


def locked_envelope(application: Application) -> tuple[Budget, Allocation | None]:
    """The budget and the district's allocation of ``application``, locked (budget first)."""
    with lock_timeout():
        budget = Budget.objects.select_for_update().get(pk=application.budget_id)
        allocation = (
            Allocation.objects.select_for_update()
            .filter(budget_id=application.budget_id, district_id=application.district_id)
            .first()
        )
    return budget, allocation


@transaction.atomic
def application_approve(*, actor, application: Application, amount: Decimal, comment: str = "") -> Application:
    application = locked_application(application)
    refuse_unless_allowed(actor, application, "approve")
    if not application.reviews.filter(submitted_at__isnull=False).exists():
        raise DomainError(_("No reviewer has scored this application yet."))
    amount = Decimal(amount)
    if amount <= 0 or amount > application.requested_amount:
        raise DomainError(
            _("Approve between 1 ₸ and the amount requested (%(amount)s).") % {"amount": tenge(application.requested_amount)},
            field="amount",
        )
    budget, allocation = locked_envelope(application)
    if allocation is None:
        raise DomainError(_("The budget has no allocation for the applicant's district."), field="amount")
    remaining = min(budget.amount - budget.approved, allocation.amount - allocation.approved)
    if amount > remaining:
        raise DomainError(
            _("%(overspent)s Remaining: %(remaining)s.") % {"overspent": OVERSPENT, "remaining": tenge(remaining)}, field="amount"
        )
    application.approved_amount = amount
    application.decided_at = timezone.now()
    try:
        with transaction.atomic():
            do_move(actor, application, "approve", comment=comment, fields=("approved_amount", "decided_at"))
    except IntegrityError:
        raise DomainError(OVERSPENT, field="amount") from None
    return application


@transaction.atomic
def tranche_record(*, actor, application: Application, amount: Decimal, paid_on: dt.date) -> Tranche:
    """A payment; the first one starts the monitoring visits, the last one (paid in full) the monitoring."""
    if actor.role != Role.GRANT_OFFICER:
        raise DomainError(_("Your role does not allow this step."))
    application = locked_application(application)
    if application.status not in ("agreement", "disbursed"):
        raise DomainError(_("Tranches are paid once the agreement is signed."))
    amount = Decimal(amount)
    left = (application.approved_amount or 0) - application.disbursed
    if amount <= 0 or amount > left:
        raise DomainError(_("A tranche is at most what is left to pay: %(left)s.") % {"left": tenge(left)}, field="amount")
    if paid_on > timezone.localdate():
        raise DomainError(_("A payment cannot be dated in the future."), field="paid_on")
    tranche = Tranche.objects.create(application=application, amount=amount, paid_on=paid_on, recorded_by=actor)
    application.refresh_from_db(fields=["disbursed"])
    record_change(
        actor=actor, subject=application.family, action="grant.tranche", target=application, changed_fields=("tranches",)
    )
    timeline.tranche_paid(application, actor=actor, amount=tenge(amount))
    if application.status == "agreement":
        application.first_paid_on = paid_on
        do_move(actor, application, "pay", fields=("first_paid_on",))
        MonitoringVisit.objects.bulk_create(
            [MonitoringVisit(application=application, months=m, due_on=months_after(paid_on, m)) for m in (6, 12)]
        )
    if application.disbursed == application.approved_amount:
        do_move(actor, application, "monitor")
    return tranche


@transaction.atomic
def visit_record(
    *,
    actor,
    visit: MonitoringVisit,
    done_on: dt.date,
    operating: bool,
    jobs_created: int,
    revenue_band: str,
    comment: str = "",
    photo=None,
) -> MonitoringVisit:
    if actor.role != Role.GRANT_OFFICER:
        raise DomainError(_("Your role does not allow this step."))
    with lock_timeout():
        visit = MonitoringVisit.objects.select_for_update().select_related("application__family").get(pk=visit.pk)
    if visit.done_on is not None:
        raise DomainError(_("This visit is already recorded."))
    if done_on > timezone.localdate():
        raise DomainError(_("A visit cannot be dated in the future."), field="done_on")
    visit.done_on, visit.operating, visit.jobs_created = done_on, operating, jobs_created
    visit.revenue_band, visit.comment, visit.recorded_by = revenue_band, comment, actor
    if photo:
        visit.photo = photo
    visit.save()
    record_change(
        actor=actor, subject=visit.application.family, action="grant.visit", target=visit.application, changed_fields=("visits",)
    )
    return visit
