"""The derived categories of a family, computed from its facts and the thresholds of the day.

The one definition of the four categories (``Category``: code, label, the family's flag, the badge
colour) and pure functions over facts: no database access, so the daily recomputation of every family
and the demo seeding can run them in bulk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.money import tenge


class Category(models.TextChoices):
    """The four categories a family can fall into. Never typed in: computed by ``compute``."""

    LARGE = "large", _("large family")
    LOW_INCOME = "low_income", _("low-income")
    SINGLE_PARENT = "single_parent", _("single-parent")
    DISABLED_CHILD = "disabled_child", _("has a disabled child")

    @property
    def flag(self) -> str:
        """The name of the family's stored flag (and of the ``Categories`` attribute)."""
        return _FLAGS[self]

    @property
    def badge(self) -> str:
        """The Bootstrap colour of the category's badge."""
        return _BADGES[self]


_FLAGS = {
    Category.LARGE: "is_large",
    Category.LOW_INCOME: "is_low_income",
    Category.SINGLE_PARENT: "is_single_parent",
    Category.DISABLED_CHILD: "has_disabled_child",
}
_BADGES = {
    Category.LARGE: "primary",
    Category.LOW_INCOME: "warning",
    Category.SINGLE_PARENT: "info",
    Category.DISABLED_CHILD: "secondary",
}


def held(record) -> list[Category]:
    """The categories a family (or a ``Categories``) holds, in their fixed order."""
    return [category for category in Category if getattr(record, category.flag)]


@dataclass(frozen=True)
class ChildFacts:
    birth_date: dt.date
    has_disability: bool
    in_full_time_education: bool
    lives_with_family: bool


@dataclass(frozen=True)
class Thresholds:
    poverty_line: Decimal
    large_family_children: int
    child_age_limit: int
    student_age_limit: int

    @classmethod
    def of(cls, row) -> Thresholds:
        return cls(row.poverty_line, row.large_family_children, row.child_age_limit, row.student_age_limit)


@dataclass(frozen=True)
class Categories:
    is_large: bool
    is_low_income: bool
    is_single_parent: bool
    has_disabled_child: bool
    large_until: dt.date | None
    # Numbers behind the decision, for the reasons shown on the family page.
    counted_children: int = 0
    counted_students: int = 0
    household_size: int = 0
    income_per_person: Decimal = Decimal(0)
    thresholds: Thresholds | None = field(default=None, compare=False)

    def as_fields(self) -> dict:
        return {**{category.flag: getattr(self, category.flag) for category in Category}, "large_until": self.large_until}

    @property
    def held(self) -> list[Category]:
        return held(self)


def birthday(born: dt.date, age: int) -> dt.date:
    """The day someone born on ``born`` turns ``age`` (29 February birthdays fall on 1 March)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return dt.date(born.year + age, 3, 1)


def counts_until(child: ChildFacts, limits: Thresholds) -> dt.date | None:
    """The day this child stops counting towards a large family (None if she does not count)."""
    if not child.lives_with_family:
        return None
    age_limit = limits.student_age_limit if child.in_full_time_education else limits.child_age_limit
    return birthday(child.birth_date, age_limit)


def compute(
    *,
    children: list[ChildFacts],
    married: bool,
    monthly_income: Decimal,
    limits: Thresholds,
    today: dt.date,
) -> Categories:
    ends = sorted(end for child in children if (end := counts_until(child, limits)) is not None and end > today)
    counted = len(ends)
    students = sum(
        1
        for child in children
        if child.lives_with_family
        and child.in_full_time_education
        and birthday(child.birth_date, limits.child_age_limit) <= today < birthday(child.birth_date, limits.student_age_limit)
    )
    is_large = counted >= limits.large_family_children
    # If nothing changes, the family stops being large when so many children have aged out that
    # fewer than the threshold are left: on the (counted - threshold + 1)-th end date.
    large_until = ends[counted - limits.large_family_children] if is_large else None

    household = 1 + (1 if married else 0) + sum(1 for child in children if child.lives_with_family)
    per_person = (Decimal(monthly_income) / household).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Categories(
        is_large=is_large,
        is_low_income=per_person < limits.poverty_line,
        is_single_parent=not married,
        has_disabled_child=any(child.has_disability for child in children),
        large_until=large_until,
        counted_children=counted,
        counted_students=students,
        household_size=household,
        income_per_person=per_person,
        thresholds=limits,
    )


def reasons(categories: Categories) -> dict[Category, str]:
    """Why each category holds, in the active language ("4 children under 18")."""
    limits = categories.thresholds
    out: dict[Category, str] = {}
    if categories.is_large:
        minors = categories.counted_children - categories.counted_students
        text = ngettext("%(count)d child under %(age)d", "%(count)d children under %(age)d", minors) % {
            "count": minors,
            "age": limits.child_age_limit,
        }
        if categories.counted_students:
            text = ngettext(
                "%(children)s and %(count)d student under %(age)d",
                "%(children)s and %(count)d students under %(age)d",
                categories.counted_students,
            ) % {"children": text, "count": categories.counted_students, "age": limits.student_age_limit}
        out[Category.LARGE] = text
    if categories.is_low_income:
        # Translators: both amounts come with their tenge sign: "10 000 ₸ per person, below ... 35 596 ₸".
        out[Category.LOW_INCOME] = gettext("%(income)s per person, below the poverty line of %(line)s") % {
            "income": tenge(categories.income_per_person),
            "line": tenge(limits.poverty_line),
        }
    if categories.is_single_parent:
        out[Category.SINGLE_PARENT] = gettext("the mother is not married")
    if categories.has_disabled_child:
        out[Category.DISABLED_CHILD] = gettext("a child with a disability")
    return out
