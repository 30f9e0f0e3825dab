"""A mother's grant application, its frozen versions, its documents and every move of its status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.files import PrivateStorage
from core.roles import Role
from core.scoping import NOTHING, ScopedQuerySet
from grants.models.programmes import Budget, Programme, Round


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("grant status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("grant status", "submitted")
    ELIGIBILITY = "eligibility", pgettext_lazy("grant status", "eligibility check")
    INELIGIBLE = "ineligible", pgettext_lazy("grant status", "not eligible")
    UNDER_REVIEW = "under_review", pgettext_lazy("grant status", "under review")
    RESERVE = "reserve", pgettext_lazy("grant status", "reserve list")
    REJECTED = "rejected", pgettext_lazy("grant status", "rejected")
    APPROVED = "approved", pgettext_lazy("grant status", "approved")
    AGREEMENT = "agreement", pgettext_lazy("grant status", "agreement signed")
    DISBURSED = "disbursed", pgettext_lazy("grant status", "being paid out")
    MONITORING = "monitoring", pgettext_lazy("grant status", "monitoring")
    OPERATING = "operating", pgettext_lazy("grant status", "closed: business operating")
    BUSINESS_CLOSED = "business_closed", pgettext_lazy("grant status", "closed: business closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("grant status", "withdrawn")


# The statuses whose approved amount is spent from the budget (counted by the database trigger).
APPROVED_STATUSES = (
    Status.APPROVED,
    Status.AGREEMENT,
    Status.DISBURSED,
    Status.MONITORING,
    Status.OPERATING,
    Status.BUSINESS_CLOSED,
)
# The statuses a mother may still be asked about: no application of the same round while one is live.
ENDED_STATUSES = (Status.WITHDRAWN, Status.INELIGIBLE, Status.REJECTED)


class Sector(models.TextChoices):
    TRADE = "trade", pgettext_lazy("business sector", "trade")
    SERVICES = "services", pgettext_lazy("business sector", "services")
    SEWING = "sewing", pgettext_lazy("business sector", "sewing and crafts")
    FOOD = "food", pgettext_lazy("business sector", "food production")
    BEAUTY = "beauty", pgettext_lazy("business sector", "beauty")
    FARMING = "farming", pgettext_lazy("business sector", "farming")
    OTHER = "other", pgettext_lazy("business sector", "other")


def application_number(pk: int) -> str:
    """How an application is named on paper and on screen: G-00042."""
    return f"G-{pk:05d}"


class ApplicationQuerySet(ScopedQuerySet):
    """Centre staff see the applications of the families they see (their district's and those who came
    to their centre); a mother her own; a reviewer the applications assigned to her; a commission member
    those of the rounds at the decision stage. Officials and administrators see none."""

    def scope_q(self, scope):
        if self.sees_nothing(scope):
            return NOTHING
        if scope.role == Role.GRANT_REVIEWER:
            from grants.models.reviews import Review

            return Q(pk__in=Review.objects.filter(reviewer_id=scope.user_id).values("application_id"))
        if scope.role == Role.COMMISSION_MEMBER:
            return Q(round__stage=Round.Stage.DECISION) & ~Q(status__in=[Status.DRAFT, Status.WITHDRAWN])
        if scope.reference_only:
            return NOTHING
        if scope.own_records_only:
            return Q(family__mother_account_id=scope.user_id)
        from families.models import Family

        return Q(family__in=Family.objects.filter(Family.objects.none().scope_q(scope)).values("pk"))


class Application(models.Model):
    """A grant application. Its current text is on the row; a submitted application is frozen, and an
    amendment writes a new ``ApplicationVersion`` (the page shows what changed)."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="applications", verbose_name=_("round"), db_index=False
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+", editable=False)
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="+", editable=False)
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="grant_applications")
    # The family's district at submission: the allocation it is paid from.
    district = models.ForeignKey("centres.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    # The mother's IIN at submission, for "one grant of a programme family in N years" across families.
    applicant_iin = models.CharField(max_length=12, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    cap = models.DecimalField(max_digits=12, decimal_places=0, editable=False)

    business_idea = models.CharField(_("business idea"), max_length=300)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    requested_amount = models.DecimalField(_("amount requested, ₸"), max_digits=12, decimal_places=0)
    own_contribution = models.DecimalField(_("own contribution, ₸"), max_digits=12, decimal_places=0, default=0)
    expected_jobs = models.PositiveSmallIntegerField(_("jobs expected"), default=1)
    plan_market = models.TextField(_("customers and market"), blank=True)
    plan_costs = models.TextField(_("what the grant pays for"), blank=True)
    plan_income = models.TextField(_("expected monthly income"), blank=True)

    eligibility = models.JSONField(default=dict, blank=True, editable=False)
    eligibility_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    approved_amount = models.DecimalField(_("amount approved, ₸"), max_digits=12, decimal_places=0, null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    disbursed = models.DecimalField(max_digits=12, decimal_places=0, default=0, editable=False)
    first_paid_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        constraints = [
            models.CheckConstraint(
                name="grants_application_amount_within_cap",
                condition=Q(requested_amount__gt=0) & Q(requested_amount__lte=F("cap")),
            ),
            models.CheckConstraint(
                name="grants_application_approved_within_request",
                condition=Q(approved_amount__isnull=True)
                | (Q(approved_amount__gt=0) & Q(approved_amount__lte=F("requested_amount"))),
            ),
            models.CheckConstraint(
                name="grants_application_approved_has_amount",
                condition=Q(status__in=APPROVED_STATUSES, approved_amount__isnull=False)
                | (~Q(status__in=APPROVED_STATUSES) & Q(approved_amount__isnull=True)),
            ),
            models.CheckConstraint(
                name="grants_application_tranches_within_approved",
                condition=Q(disbursed__gte=0) & (Q(disbursed=0) | Q(disbursed__lte=F("approved_amount"))),
            ),
            models.CheckConstraint(name="grants_application_contribution", condition=Q(own_contribution__gte=0)),
            models.UniqueConstraint(
                fields=["round", "family"], condition=~Q(status__in=ENDED_STATUSES), name="grants_application_one_per_round"
            ),
        ]
        indexes = [
            models.Index(fields=["round", "status"], name="grants_app_round_status"),
            models.Index(fields=["applicant_iin", "status"], name="grants_app_iin"),
        ]

    def __str__(self) -> str:
        return f"№{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("grants:application", args=[self.pk])

    @property
    def number(self) -> str:
        return application_number(self.pk)

    @property
    def frozen(self) -> bool:
        return self.status != Status.DRAFT


class ApplicationVersion(models.Model):
    """The application as submitted (1) and as each amendment left it (2, 3 …), never changed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions", db_index=False)
    number = models.PositiveIntegerField()
    data = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    comment = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="grants_version_unique")]

    def __str__(self) -> str:
        return f"{self.application_id} v{self.number}"


class DocumentQuerySet(ScopedQuerySet):
    """Seen by those who see the application; never by the reviewers or the commission (the file may
    show her name and IIN)."""

    def scope_q(self, scope):
        if scope.reference_only:  # administrators and the panels
            return NOTHING
        return Q(application__in=Application.objects.filter(Application.objects.none().scope_q(scope)).values("pk"))


class Document(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", pgettext_lazy("grant document", "business plan")
        IDENTITY = "identity", pgettext_lazy("grant document", "identity document")
        QUOTE = "quote", pgettext_lazy("grant document", "price quote")
        OTHER = "other", pgettext_lazy("grant document", "other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="grants", storage=PrivateStorage())
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["application", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind}"


class Transition(models.Model):
    """One move of an application's status: who, when, from what to what, and her comment."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=32)
    source = models.CharField(max_length=16, choices=Status.choices)
    target = models.CharField(max_length=16, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "at", "pk"]
        indexes = [models.Index(fields=["target", "at"], name="grants_transition_target_at")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.name}"
