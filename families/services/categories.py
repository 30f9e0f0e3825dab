from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from audit.services import audit_log
from families.categories import Categories, Category, ChildFacts, Thresholds, compute
from families.models import CategoryChange, CategoryThresholds, Child, Consent, Family, MaritalStatus, TimelineEntry
from families.timeline import category_change_entry

FLAGS = [category.flag for category in Category]


def facts_of(children) -> list[ChildFacts]:
    return [
        ChildFacts(
            birth_date=child.person.birth_date,
            has_disability=child.has_disability,
            in_full_time_education=child.in_full_time_education,
            lives_with_family=child.lives_with_family,
        )
        for child in children
        if child.person.birth_date is not None
    ]


# What a family no registrar has verified holds: nothing (it would otherwise be "low-income" on the
# income it has not declared yet, and open the courses reserved for verified categories).
NONE = Categories(is_large=False, is_low_income=False, is_single_parent=False, has_disabled_child=False, large_until=None)


def categories_of(family: Family, children, limits: Thresholds, today: dt.date) -> Categories:
    if not family.is_verified:
        return NONE
    return compute(
        children=facts_of(children),
        married=family.marital_status == MaritalStatus.MARRIED,
        monthly_income=family.monthly_income,
        limits=limits,
        today=today,
    )


def _apply(family: Family, categories: Categories, today: dt.date, *, actor, record: bool) -> list[CategoryChange]:
    """Stores new categories on the family; returns the unsaved change rows for the flags that flipped."""
    changes = [
        CategoryChange(family=family, category=category, gained=getattr(categories, category.flag), on=today, by=actor)
        for category in Category
        if getattr(family, category.flag) != getattr(categories, category.flag)
    ]
    for name, value in categories.as_fields().items():
        setattr(family, name, value)
    family.categories_checked_on = today
    return changes if record else []


@transaction.atomic
def categories_refresh(
    family: Family, *, actor=None, record_changes: bool = True, today: dt.date | None = None
) -> list[CategoryChange]:
    """Recomputes one family's categories after a change to it."""
    today = today or timezone.localdate()
    limits = Thresholds.of(CategoryThresholds.on(today))
    children = Child.objects.filter(family=family).select_related("person")
    changes = _apply(family, categories_of(family, children, limits, today), today, actor=actor, record=record_changes)
    family.save(update_fields=[*FLAGS, "large_until", "categories_checked_on", "updated_at"])
    return _store(changes)


def _store(changes: list[CategoryChange]) -> list[CategoryChange]:
    stored = CategoryChange.objects.bulk_create(changes)
    TimelineEntry.objects.bulk_create([TimelineEntry(**category_change_entry(change)) for change in stored])
    return stored


def categories_recompute_all(*, today: dt.date | None = None, chunk_size: int = 2000) -> int:
    """The daily check: children grow up and thresholds change. Returns how many families changed.

    Families are read in chunks with their children; only the ones whose categories moved are written,
    each with a CategoryChange row per flipped category (staff see them in the "changes" list) and an
    audit row (actor: the system)."""
    today = today or timezone.localdate()
    limits = Thresholds.of(CategoryThresholds.on(today))
    changed_families, last_pk = 0, 0
    # Families whose mother withdrew her consent are processed no further (their categories stay as they were).
    in_force = Exists(Consent.objects.filter(family=OuterRef("pk"), withdrawn_on__isnull=True))
    families = Family.objects.filter(in_force).order_by("pk").prefetch_related("children__person")
    while batch := list(families.filter(pk__gt=last_pk)[:chunk_size]):
        last_pk = batch[-1].pk
        with transaction.atomic():
            to_save, rows = [], []
            for family in batch:
                until_before = family.large_until
                changes = _apply(
                    family, categories_of(family, family.children.all(), limits, today), today, actor=None, record=True
                )
                if changes or until_before != family.large_until:
                    to_save.append(family)
                    rows += changes
            Family.objects.bulk_update(to_save, [*FLAGS, "large_until", "categories_checked_on"])
            _store(rows)
            for family in {row.family for row in rows}:
                audit_log(
                    actor=None,
                    action="family.categories_changed",
                    target=family,
                    changed_fields=[Category(row.category).flag for row in rows if row.family is family],
                )
            changed_families += len({row.family_id for row in rows})
    return changed_families
