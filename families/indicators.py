"""The registry's monthly figures for the officials' dashboards and reports (``core.extensions.Indicator``),
declared by ``families.apps``.

Each figure is counted per centre (a family at the centre that registered her, a visit or an appeal at
the centre where it happened), with the centre's district, so that districts and the city are sums. Flows
("new families", "visits") count what happened within the month in Almaty time; stocks ("families by
category", "overdue referrals") count what stood at the month's end, or now for the month still running.

Families count once the registry vouches for them (``Family.objects.verified()``: registered at a desk, or
signed up online and verified since). A family's categories are stored as they are today; what they were at the end of an earlier month is the
state before the first category change recorded after it (``CategoryChange``, written whenever a category
comes or goes), or today's when none was recorded since.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.extensions import FigureRows, Indicator, Source
from core.months import Month
from families.categories import Category
from families.models import Appeal, CategoryChange, Family, Referral, Visit
from families.models.family import VERIFIED

FAMILIES = pgettext_lazy("unit", "families")
REGISTRY = _("Families")
APPEALS = _("Appeals")

FAMILY_SOURCES = (
    Source("families.Family", ("created_at",), onward=True),
    Source("families.CategoryChange", ("at",), onward=True),
)
VISIT_SOURCES = (Source("families.Visit", ("arrived_at",)),)
APPEAL_SOURCES = (Source("families.Appeal", ("opened_at", "closed_at")),)
REFERRAL_SOURCES = (Source("families.Referral", ("sent_at",)),)
OVERDUE_SOURCES = (Source("families.Referral", ("sent_at", "due_on"), onward=True),)


def _rows(queryset: QuerySet, district: str, centre: str, value=None) -> FigureRows:
    return (
        queryset.order_by()
        .values_list(district, centre)
        .annotate(value=value or Count("pk"))
        .values_list(district, centre, "value")
    )


def _in(month: Month, field: str) -> Q:
    return Q(**{f"{field}__gte": month.start, f"{field}__lt": month.end})


# --- Families by category (a stock) and new families (a flow) ---------------------------------------


def _holding(category: Category, month: Month) -> QuerySet:
    """The families registered by the month's end that held ``category`` then: those whose first change
    of it since was a loss, and, of those with no change of it since, those who hold it now. The few
    families changed since are found once (not looked for family by family), and only theirs is the
    first change read."""
    moment = month.moment(timezone.now())
    later = CategoryChange.objects.filter(category=category, at__gte=moment)
    first_later = later.filter(family=OuterRef("pk")).order_by("at", "pk").values("gained")[:1]
    changed = Q(pk__in=later.values("family_id"))
    return (
        Family.objects.verified()
        .filter(created_at__lt=moment)
        .alias(first_later=Subquery(first_later))
        .filter((~changed & Q(**{category.flag: True})) | (changed & Q(first_later=False)))
    )


def _category_indicator(category: Category, label, note, order: int) -> Indicator:
    def count(month: Month) -> FigureRows:
        return _rows(_holding(category, month), "district_id", "centre_id")

    def families(month: Month, centre_ids: Sequence[int]) -> Q:
        return Q(pk__in=_holding(category, month).filter(centre_id__in=centre_ids).values("pk"))

    return Indicator(
        code=f"families.{category.value}",
        label=label,
        unit=FAMILIES,
        note=note,
        count=count,
        sources=FAMILY_SOURCES,
        group=REGISTRY,
        families=families,
        order=order,
    )


def _new_families(month: Month) -> FigureRows:
    return _rows(Family.objects.verified().filter(_in(month, "created_at")), "district_id", "centre_id")


def _new_families_of(month: Month, centre_ids: Sequence[int]) -> Q:
    return _in(month, "created_at") & Q(centre_id__in=centre_ids) & VERIFIED


# --- Visits ----------------------------------------------------------------------------------------


def _visits(month: Month) -> FigureRows:
    return _rows(Visit.objects.filter(_in(month, "arrived_at")), "centre__district_id", "centre_id")


def _visitors(month: Month, centre_ids: Sequence[int]) -> Q:
    return Q(Exists(Visit.objects.filter(_in(month, "arrived_at"), family=OuterRef("pk"), centre_id__in=centre_ids)))


# --- Appeals and referrals -------------------------------------------------------------------------


def _opened(month: Month) -> QuerySet:
    return Appeal.objects.filter(_in(month, "opened_at"))


def _resolved(month: Month) -> QuerySet:
    return Appeal.objects.filter(_in(month, "closed_at"), status=Appeal.Status.RESOLVED)


def _referred(month: Month) -> QuerySet:
    return Appeal.objects.filter(Exists(Referral.objects.filter(_in(month, "sent_at"), appeal=OuterRef("pk"))))


def _overdue(month: Month) -> QuerySet:
    """Referrals sent by the month's end, past their due date then and not answered by then (as the
    registry's "overdue referrals" list says on each day)."""
    day = month.day_after(timezone.localdate())
    return Referral.objects.filter(sent_at__lt=month.moment(timezone.now()), due_on__lt=day).filter(
        Q(outcome_on__isnull=True) | Q(outcome_on__gte=day)
    )


def _appeal_count(appeals: Callable[[Month], QuerySet]) -> Callable[[Month], FigureRows]:
    def count(month: Month) -> FigureRows:
        return _rows(appeals(month), "centre__district_id", "centre_id")

    return count


def _appeal_families(appeals: Callable[[Month], QuerySet]) -> Callable[[Month, Sequence[int]], Q]:
    def families(month: Month, centre_ids: Sequence[int]) -> Q:
        return Q(pk__in=appeals(month).filter(centre_id__in=centre_ids).values("family_id"))

    return families


def _overdue_count(month: Month) -> FigureRows:
    return _rows(_overdue(month), "appeal__centre__district_id", "appeal__centre_id")


def _overdue_families(month: Month, centre_ids: Sequence[int]) -> Q:
    return Q(pk__in=_overdue(month).filter(appeal__centre_id__in=centre_ids).values("appeal__family_id"))


INDICATORS = [
    _category_indicator(
        Category.LARGE,
        _("Large families"),
        _(
            "Families registered by the end of the month that counted as large then (4 or more children under 18, or under 23 in full-time study)."
        ),
        order=10,
    ),
    _category_indicator(
        Category.LOW_INCOME,
        _("Low-income families"),
        _("Families registered by the end of the month whose income per person was below the poverty line then."),
        order=11,
    ),
    _category_indicator(
        Category.SINGLE_PARENT,
        _("Single-parent families"),
        _("Families registered by the end of the month with one parent bringing up the children then."),
        order=12,
    ),
    _category_indicator(
        Category.DISABLED_CHILD,
        _("Families with a disabled child"),
        _("Families registered by the end of the month with a child with a disability then."),
        order=13,
    ),
    Indicator(
        code="families.new",
        label=_("New families"),
        unit=FAMILIES,
        note=_("Families registered during the month, at the centre that registered them."),
        count=_new_families,
        sources=FAMILY_SOURCES,
        group=REGISTRY,
        families=_new_families_of,
        order=14,
    ),
    Indicator(
        code="families.visits",
        label=_("Visits"),
        unit=pgettext_lazy("unit", "visits"),
        note=_(
            "Every visit to a centre during the month (a mother who came three times counts three times), at the centre she came to."
        ),
        count=_visits,
        sources=VISIT_SOURCES,
        group=REGISTRY,
        families=_visitors,
        order=20,
    ),
    Indicator(
        code="families.appeals_opened",
        label=_("Appeals opened"),
        unit=pgettext_lazy("unit", "appeals"),
        note=_("Appeals opened during the month."),
        count=_appeal_count(_opened),
        sources=APPEAL_SOURCES,
        group=APPEALS,
        families=_appeal_families(_opened),
        order=30,
    ),
    Indicator(
        code="families.appeals_resolved",
        label=_("Appeals resolved"),
        unit=pgettext_lazy("unit", "appeals"),
        note=_("Appeals closed as resolved during the month, whenever they were opened (declined appeals are not counted)."),
        count=_appeal_count(_resolved),
        sources=APPEAL_SOURCES,
        group=APPEALS,
        families=_appeal_families(_resolved),
        order=31,
    ),
    Indicator(
        code="families.appeals_referred",
        label=_("Appeals referred to agencies"),
        unit=pgettext_lazy("unit", "appeals"),
        note=_(
            "Appeals with at least one referral to an outside agency sent during the month (an appeal referred twice counts once)."
        ),
        count=_appeal_count(_referred),
        sources=REFERRAL_SOURCES,
        group=APPEALS,
        families=_appeal_families(_referred),
        order=32,
    ),
    Indicator(
        code="families.referrals_overdue",
        label=_("Overdue referrals"),
        unit=pgettext_lazy("unit", "referrals"),
        note=_("Referrals still without the agency's answer at the end of the month although their answer was due before then."),
        count=_overdue_count,
        sources=OVERDUE_SOURCES,
        group=APPEALS,
        families=_overdue_families,
        order=33,
    ),
]
