"""Reviewers: assigned by the grant officer unless she is of the applicant's family or household,
scoring every criterion of the programme's rubric after declaring she has no conflict of interest."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_log
from core.errors import DomainError
from core.locking import lock_timeout
from core.roles import Role
from grants.eligibility import conflict_of_interest
from grants.models import Application, Criterion, Review, ReviewerProfile, Score, Status
from grants.services.workflow import locked_application

CONFLICT = _("This reviewer is a member of the applicant's family or household and may not review the application.")


def refuse_conflict(reviewer, application: Application) -> None:
    profile = ReviewerProfile.objects.filter(user=reviewer).first()
    if profile is None:
        raise DomainError(_("The reviewer's IIN is not recorded: an administrator sets it first."), field="reviewer")
    if conflict_of_interest(profile.iin, application.family):
        raise DomainError(CONFLICT, field="reviewer")


@transaction.atomic
def review_assign(*, actor, application: Application, reviewer) -> Review:
    if actor.role != Role.GRANT_OFFICER:
        raise DomainError(_("Your role does not allow this step."))
    application = locked_application(application)
    if application.status != Status.UNDER_REVIEW:
        raise DomainError(_("Reviewers are assigned to applications under review."))
    if reviewer.role != Role.GRANT_REVIEWER or not reviewer.is_active:
        raise DomainError(_("Choose a reviewer."), field="reviewer")
    refuse_conflict(reviewer, application)
    try:
        with transaction.atomic():
            review = Review.objects.create(application=application, reviewer=reviewer, assigned_by=actor)
    except IntegrityError:
        raise DomainError(_("She is already assigned to this application."), field="reviewer") from None
    audit_log(actor=actor, action="grant.review_assign", target=application, data={"reviewer": reviewer.pk})
    return review


def weighted_total(criteria: list[Criterion], scores: dict[int, int]) -> Decimal:
    """Her score out of 100: each criterion's share of its highest score, weighted."""
    weights = sum(c.weight for c in criteria)
    total = sum((Decimal(scores[c.pk]) / c.max_score * c.weight for c in criteria), Decimal(0)) / weights * 100
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def review_submit(*, actor, review: Review, scores: dict[int, int], declared: bool, comment: str = "") -> Review:
    with lock_timeout():
        review = (
            Review.objects.select_for_update().select_related("application__family", "application__programme").get(pk=review.pk)
        )
    if actor.pk != review.reviewer_id:
        raise DomainError(_("Only the assigned reviewer scores this application."))
    if review.submitted_at is not None:
        raise DomainError(_("Your scores are already submitted."))
    if review.application.status not in (Status.UNDER_REVIEW, Status.RESERVE):
        raise DomainError(_("This application is no longer under review."))
    if not declared:
        raise DomainError(_("Declare that you have no conflict of interest."), field="declared")
    refuse_conflict(actor, review.application)
    criteria = list(Criterion.objects.filter(programme_id=review.application.programme_id))
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None or not (0 <= value <= criterion.max_score):
            raise DomainError(
                _("Score “%(criterion)s” from 0 to %(max)s.") % {"criterion": criterion.name, "max": criterion.max_score},
                field=f"criterion_{criterion.pk}",
            )
    Score.objects.bulk_create([Score(review=review, criterion=c, score=scores[c.pk]) for c in criteria])
    review.declared_at = review.submitted_at = timezone.now()
    review.total = weighted_total(criteria, scores) if criteria else Decimal(0)
    review.comment = comment
    review.save()
    audit_log(actor=actor, action="grant.review_submit", target=review.application)
    return review
