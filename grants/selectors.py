"""The grants' reads: a round's ranking, the live balance of the budgets, the outcome funnel, what a
reviewer may see of the others' scores, and the diff between an application's versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, DecimalField, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from centres.models import District
from core.i18n import translated_fields
from core.roles import Role
from courses.models import Booking
from courses.models import Category as CourseCategory
from grants.models import (
    APPROVED_STATUSES,
    Allocation,
    Application,
    ApplicationVersion,
    Budget,
    MonitoringVisit,
    Programme,
    Review,
    Round,
    Status,
    Tranche,
    Transition,
    application_number,
)

RANKING_PER_PAGE = 50
RANKED = (Status.UNDER_REVIEW, Status.RESERVE, *APPROVED_STATUSES, Status.REJECTED)
SUBMITTED_REVIEW = Q(reviews__submitted_at__isnull=False)
# A submitted score older than the application's latest version was given to an earlier one (as on the
# application page, ``reviews_for``). Amended applications are few: the version is tested first.
_LATEST_VERSION_AT = Subquery(
    ApplicationVersion.objects.filter(application=OuterRef("pk"), number=OuterRef("version")).values("created_at")[:1]
)
EARLIER_VERSION_REVIEW = Q(version__gt=1) & SUBMITTED_REVIEW & Q(reviews__submitted_at__lt=_LATEST_VERSION_AT)


def ranked(user, round_: Round) -> QuerySet[Application]:
    """The round's applications before the commission, best average score first (the unscored last); ``earlier_scores``
    counts the scores given to a version the application has been amended from since."""
    return (
        Application.objects.visible_to(user)
        .filter(round=round_, status__in=RANKED)
        .annotate(
            score=Avg("reviews__total", filter=SUBMITTED_REVIEW),
            scored=Count("reviews", filter=SUBMITTED_REVIEW),
            earlier_scores=Count("reviews", filter=EARLIER_VERSION_REVIEW),
        )
        .select_related("district")
        # An application no reviewer has scored yet comes after every scored one (PostgreSQL puts NULL
        # first in a descending order).
        .order_by(F("score").desc(nulls_last=True), "submitted_at", "pk")
    )


def ranking(user, round_: Round) -> list[Application]:
    """The whole ranking, as the commission pack lists it (one query)."""
    return list(ranked(user, round_))


@dataclass(frozen=True)
class RankedLine:
    """What the ranking page shows of an application (a round holds hundreds: no model is built)."""

    pk: int
    status: str
    requested_amount: Decimal
    score: Decimal | None
    scored: int
    earlier_scores: int
    district: District

    @property
    def number(self) -> str:
        return application_number(self.pk)


RANKED_COLUMNS = ("pk", "status", "requested_amount", "score", "scored", "earlier_scores")  # with ranked()'s annotations
# The district's name in every language, read in the ranking's own query (a district is eight rows).
_DISTRICT_FIELDS = translated_fields("name")
_DISTRICT_COLUMNS = ("district_id", *(f"district__{field}" for field in _DISTRICT_FIELDS))


def ranking_page(user, round_: Round, number) -> Page:
    """One page of the ranking for the screen; ranks run on across pages (``page.start_index``). One
    query: the whole ranking's few columns with its districts' names (cheaper than counting it and
    reading a page, which each repeat the scoped join with the reviews)."""
    rows = ranked(user, round_).values_list(*RANKED_COLUMNS, *_DISTRICT_COLUMNS)
    districts: dict[int, District] = {}
    lines = []
    for pk, status, amount, score, scored, earlier, district_id, *names in rows:
        if district_id not in districts:
            districts[district_id] = District(pk=district_id, **dict(zip(_DISTRICT_FIELDS, names, strict=True)))
        lines.append(
            RankedLine(
                pk=pk,
                status=status,
                requested_amount=amount,
                score=score,
                scored=scored,
                earlier_scores=earlier,
                district=districts[district_id],
            )
        )
    return Paginator(lines, RANKING_PER_PAGE).get_page(number)


@dataclass
class Line:
    """A line of the balance: a programme's budget, or one district's allocation of it."""

    label: str
    amount: Decimal
    approved: Decimal
    disbursed: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.approved


@dataclass
class BudgetUse(Line):
    """One programme's money of a year up to a moment (``label`` its name): its budget (or one
    district's allocation of it), the amounts approved by then, paid out by then, and what remains."""

    programme: Programme

    @property
    def share_used(self) -> float | None:
        """The share of the amount approved, in per cent (None for no amount)."""
        return round(float(self.approved * 100 / self.amount), 1) if self.amount else None


def _sum_of(queryset: QuerySet, field: str, *, per: str) -> Coalesce:
    """The sum of ``field`` over ``queryset`` (filtered on the outer row through ``OuterRef``), as a
    subquery of that row: 0 when nothing matches."""
    total = queryset.order_by().values(per).annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total), Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=0))


def budget_used(year: int, *, district=None, approved_before: dt.datetime, paid_by: dt.date) -> list[BudgetUse]:
    """Every programme's budget for ``year`` (a district's allocation of it, for ``district``) with the
    amounts approved before ``approved_before`` (the decisions' time) and paid out by ``paid_by`` (the
    tranches' dates): one query whatever the number of programmes. An approved amount stays counted
    from its decision on: an application is withdrawn only before the decision (``grants.workflow``)."""
    approved = Application.objects.filter(budget=OuterRef("pk"), status__in=APPROVED_STATUSES, decided_at__lt=approved_before)
    paid = Tranche.objects.filter(application__budget=OuterRef("pk"), paid_on__lte=paid_by)
    envelope: F | Coalesce = F("amount")
    if district is not None:
        approved, paid = approved.filter(district=district), paid.filter(application__district=district)
        share = Allocation.objects.filter(budget=OuterRef("pk"), district=district).values("amount")[:1]
        envelope = Coalesce(Subquery(share), Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=0))
    budgets = (
        Budget.objects.filter(year=year)
        .select_related("programme")
        .order_by("programme__pk")
        .annotate(
            envelope=envelope,
            approved_then=_sum_of(approved, "approved_amount", per="budget"),
            paid_then=_sum_of(paid, "amount", per="application__budget"),
        )
    )
    return [
        BudgetUse(
            label=str(budget.programme),
            amount=budget.envelope,
            approved=budget.approved_then,
            disbursed=budget.paid_then,
            programme=budget.programme,
        )
        for budget in budgets
    ]


def balance(year: int) -> list[tuple[Line, list[Line]]]:
    """Every programme's budget for ``year`` with its districts: budget, approved, disbursed, remaining
    (three queries whatever the number of programmes and districts)."""
    budgets = list(Budget.objects.filter(year=year).select_related("programme"))
    paid = {
        (row["budget_id"], row["district_id"]): row["total"]
        for row in Application.objects.filter(budget__year=year, disbursed__gt=0)
        .values("budget_id", "district_id")
        .annotate(total=Sum("disbursed"))
    }
    allocations: dict[int, list[Line]] = {}
    for allocation in Allocation.objects.filter(budget__year=year).select_related("district"):
        allocations.setdefault(allocation.budget_id, []).append(
            Line(
                str(allocation.district),
                allocation.amount,
                allocation.approved,
                paid.get((allocation.budget_id, allocation.district_id), Decimal(0)),
            )
        )
    return [
        (
            Line(
                str(budget.programme),
                budget.amount,
                budget.approved,
                sum((line.disbursed for line in allocations.get(budget.pk, [])), Decimal(0)),
            ),
            allocations.get(budget.pk, []),
        )
        for budget in budgets
    ]


FUNNEL_STEPS = ("applied", "eligible", "approved", "disbursed", "opened", "operating_12", "took_course")


def funnel_labels() -> dict[str, str]:
    from django.utils.translation import gettext as _

    return {
        "applied": _("Applied"),
        "eligible": _("Eligible"),
        "approved": _("Approved"),
        "disbursed": _("Paid out"),
        "opened": _("Business opened"),
        "operating_12": _("Still operating at 12 months"),
        "took_course": _("Took an entrepreneurship course first"),
    }


def funnel(*, round_: Round | None = None, year: int | None = None) -> dict[str, int]:
    """Applied → eligible → approved → disbursed → business opened → operating at 12 months, and how many
    took an entrepreneurship course before applying; for a round or for the rounds opened in a year."""
    applications = Application.objects.filter(submitted_at__isnull=False)
    if round_ is not None:
        applications = applications.filter(round=round_)
    if year is not None:
        applications = applications.filter(round__opens_on__year=year)
    course_first = Booking.objects.filter(
        family_id=OuterRef("family_id"),
        course__category=CourseCategory.ENTREPRENEURSHIP,
        completed_at__lt=OuterRef("submitted_at"),
    )
    opened = MonitoringVisit.objects.filter(application_id=OuterRef("pk"), operating=True)
    return applications.aggregate(
        applied=Count("pk"),
        eligible=Count(
            "pk", filter=Q(Exists(Transition.objects.filter(application_id=OuterRef("pk"), target=Status.UNDER_REVIEW)))
        ),
        approved=Count("pk", filter=Q(approved_amount__isnull=False)),
        disbursed=Count("pk", filter=Q(disbursed__gt=0)),
        opened=Count("pk", filter=Q(Exists(opened))),
        operating_12=Count("pk", filter=Q(Exists(opened.filter(months=12)))),
        took_course=Count("pk", filter=Q(Exists(course_first))),
    )


def others_scores_visible(user, application: Application) -> bool:
    """Blind review: a reviewer sees the others' scores only once she submitted hers; the officer and
    the commission see them all."""
    if user.role == Role.GRANT_REVIEWER:
        return Review.objects.filter(application=application, reviewer=user, submitted_at__isnull=False).exists()
    return user.role in (Role.GRANT_OFFICER, Role.COMMISSION_MEMBER)


def reviews_for(user, application: Application) -> list[Review]:
    """The reviews ``user`` may read: all of them, or only her own while hers is not submitted. Each
    submitted one knows the version it scored (``scored_version``): an amendment erases no score, and
    the page marks those given to an earlier version."""
    queryset = application.reviews.select_related("reviewer").prefetch_related("scores__criterion")
    if not others_scores_visible(user, application):
        queryset = queryset.filter(reviewer=user)
    reviews = list(queryset)
    _mark_scored_versions(application, [review for review in reviews if review.submitted_at is not None])
    return reviews


def _mark_scored_versions(application: Application, submitted: list[Review]) -> None:
    """Each submitted review's ``scored_version``: the latest version written before she submitted (one
    query, and only for an application amended since its submission)."""
    if application.version <= 1:
        for review in submitted:
            review.scored_version = application.version
        return
    versions = list(application.versions.values_list("number", "created_at")) if submitted else []
    for review in submitted:
        at_submission = review.submitted_at
        review.scored_version = max(
            (number for number, written in versions if at_submission and written <= at_submission), default=1
        )


def latest_amendment(application: Application) -> ApplicationVersion | None:
    """The version the latest amendment wrote, with its comment (None: never amended; no query then)."""
    if application.version <= 1:
        return None
    return application.versions.select_related("created_by").filter(number=application.version).first()


def version_diff(application: Application) -> list[tuple[str, str, str]]:
    """Field by field, what the latest version changed against the one before it (empty: one version)."""
    from grants.services.applications import FIELDS

    versions = list(ApplicationVersion.objects.filter(application=application).order_by("-number")[:2])
    if len(versions) < 2:
        return []
    new, old = versions[0].data, versions[1].data
    return [
        (str(getattr(Application._meta.get_field(field), "verbose_name", field)), old.get(field, ""), new.get(field, ""))
        for field in FIELDS
        if old.get(field) != new.get(field)
    ]


def overdue_visits(user, *, today: dt.date | None = None) -> QuerySet[MonitoringVisit]:
    today = today or timezone.localdate()
    return (
        MonitoringVisit.objects.filter(
            done_on__isnull=True, due_on__lt=today, application__in=Application.objects.visible_to(user)
        )
        .select_related("application__family__mother", "application__programme")
        .order_by("due_on", "pk")
    )


def spent(budget: Budget) -> Decimal:
    """The approved amounts counted from the applications (the trigger's counter, recounted)."""
    return Application.objects.filter(budget=budget, status__in=APPROVED_STATUSES).aggregate(
        total=Coalesce(Sum("approved_amount"), Decimal(0))
    )["total"]
