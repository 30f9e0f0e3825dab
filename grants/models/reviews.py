"""Reviewers' scores: an assignment per reviewer and application, her scores per criterion, and the
IIN that the conflict-of-interest check compares with the applicant's household."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import Role
from core.scoping import NOTHING, ScopedQuerySet
from grants.models.applications import Application
from grants.models.programmes import Criterion


class ReviewerProfile(models.Model):
    """A reviewer's own IIN (set by an administrator): she may not review her relatives or her household."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile")
    iin = models.CharField(_("IIN"), max_length=12)

    class Meta:
        verbose_name = _("reviewer's profile")
        verbose_name_plural = _("reviewers' profiles")
        constraints = [models.CheckConstraint(name="grants_reviewer_iin_12_digits", condition=Q(iin__regex=r"^[0-9]{12}$"))]

    def __str__(self) -> str:
        return str(self.user)


class ReviewQuerySet(ScopedQuerySet):
    """A reviewer sees her own assignments; the staff who see an application see its reviews."""

    def scope_q(self, scope):
        if self.sees_nothing(scope):
            return NOTHING
        if scope.role == Role.GRANT_REVIEWER:
            return Q(reviewer_id=scope.user_id)
        if scope.reference_only:
            return NOTHING
        return Q(application__in=Application.objects.filter(Application.objects.none().scope_q(scope)).values("pk"))


class Review(models.Model):
    """A reviewer assigned to an application; submitted once she declared no conflict and scored
    every criterion. ``total`` is her weighted score out of 100."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews", db_index=False)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_reviews")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    declared_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    total = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = ReviewQuerySet.as_manager()
    # Not a column: set by grants.selectors.reviews_for, the application's version her scores were given to.
    scored_version: int | None = None

    class Meta:
        ordering = ["application", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="grants_review_once"),
            models.CheckConstraint(
                name="grants_review_submitted_scored",
                condition=Q(submitted_at__isnull=True, total__isnull=True)
                | Q(submitted_at__isnull=False, total__isnull=False, declared_at__isnull=False),
            ),
            models.CheckConstraint(name="grants_review_total_range", condition=Q(total__gte=0, total__lte=100) | Q(total=None)),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} / {self.reviewer_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores", db_index=False)
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="grants_score_once")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"
