"""A round's stage, moved by the grant officer one step forward: open → review → commission decision →
closed. Each step has its guard, so that no mother loses the window she was promised and the commission
decides on applications that are ready; reaching the decision tells the commission members."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import audit_log
from core.errors import DomainError
from core.locking import lock_timeout
from core.roles import Role
from core.text import paragraphs
from grants import messages
from grants.models import Application, Review, Round, RoundMove, Status

# Not through the eligibility check yet: they would reach no commission.
UNCHECKED = (Status.SUBMITTED, Status.ELIGIBILITY)
# Before the commission at the decision stage; the reserve list is a decision already.
BEFORE_COMMISSION = (Status.UNDER_REVIEW, Status.RESERVE)


@transaction.atomic
def round_move(*, actor, round_: Round, stage: str, comment: str = "") -> Round:
    """Moves ``round_`` to ``stage``, which must be the one after its current stage (a form sent twice,
    or after another officer moved it, is refused rather than moving it twice)."""
    if actor.role != Role.GRANT_OFFICER:
        raise DomainError(_("Your role does not allow this step."))
    with lock_timeout():
        round_ = Round.objects.select_for_update(of=("self",)).select_related("programme").get(pk=round_.pk)
    source = Round.Stage(round_.stage)
    target = round_.next_stage
    if target is None:
        raise DomainError(_("The round is closed: its stage moves no further."))
    if stage != target:
        raise DomainError(
            _("The round is at the stage “%(current)s”: it moves on to “%(next)s” only, one stage at a time.")
            % {"current": source.label, "next": target.label}
        )
    GUARDS[target](round_)
    round_.stage = target
    round_.save(update_fields=["stage"])
    RoundMove.objects.create(round=round_, source=source, target=target, actor=actor, comment=paragraphs(comment))
    audit_log(
        actor=actor, action="grant.round_move", target=round_, changed_fields=("stage",), data={"from": source, "to": target}
    )
    if target == Round.Stage.DECISION:
        count = Application.objects.filter(round=round_, status__in=BEFORE_COMMISSION).count()
        messages.round_at_decision(round_, before_commission=count)
    return round_


def _window_over(round_: Round) -> None:
    # The window runs to the end of its last day in Almaty (timezone.localdate, TIME_ZONE): the round is
    # reviewed from the next day, so that no mother loses a day she was promised.
    if round_.closes_on >= timezone.localdate():
        raise DomainError(
            _("The round takes applications until %(date)s: it goes to review from the next day.")
            % {"date": date_format(round_.closes_on, "SHORT_DATE_FORMAT")}
        )


def _ready_for_decision(round_: Round) -> None:
    applications = Application.objects.filter(round=round_)
    unchecked = applications.filter(status__in=UNCHECKED).count()
    if unchecked:
        raise DomainError(
            ngettext(
                "%(count)d application of the round has not been through the eligibility check yet.",
                "%(count)d applications of the round have not been through the eligibility check yet.",
                unchecked,
            )
            % {"count": unchecked}
        )
    scored = Review.objects.filter(application=OuterRef("pk"), submitted_at__isnull=False)
    unscored = applications.filter(status=Status.UNDER_REVIEW).exclude(Exists(scored)).count()
    if unscored:
        raise DomainError(
            ngettext(
                "%(count)d application under review has no submitted score yet.",
                "%(count)d applications under review have no submitted score yet.",
                unscored,
            )
            % {"count": unscored}
        )


def _all_decided(round_: Round) -> None:
    waiting = Application.objects.filter(round=round_, status__in=(*UNCHECKED, Status.UNDER_REVIEW)).count()
    if waiting:
        raise DomainError(
            ngettext(
                "%(count)d application of the round still awaits the commission's decision.",
                "%(count)d applications of the round still await the commission's decision.",
                waiting,
            )
            % {"count": waiting}
        )


# What each stage needs before the round may reach it.
GUARDS = {Round.Stage.REVIEW: _window_over, Round.Stage.DECISION: _ready_for_decision, Round.Stage.CLOSED: _all_decided}
