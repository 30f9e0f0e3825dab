"""Reads for retention: which families are past their period, and the holds."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from core.extensions import contributions
from families.models import Family
from families.services.anonymise import superseded_scans
from retention.models import RetentionHold, RetentionPolicy


def family_cutoff(policy: RetentionPolicy, *, now: dt.datetime | None = None) -> dt.datetime:
    """Families with no activity since this moment are past their period."""
    return (now or timezone.now()) - dt.timedelta(days=policy.family_inactivity_days)


def scan_cutoff(policy: RetentionPolicy, *, today: dt.date | None = None) -> dt.date:
    """Signed copies of consents superseded on or before this day are past their period."""
    return (today or timezone.localdate()) - dt.timedelta(days=policy.consent_scan_days)


def _sources():
    """(model, ActivityDate) of every app's activity, the family's own dates (``family_field="pk"``) too."""
    for activity in contributions("activity_dates"):
        yield apps.get_model(activity.model), activity


def active_since(cutoff: dt.datetime) -> Q:
    """A family with any activity at or after ``cutoff``: an EXISTS per app's records, each answered
    from an index on (family, date) where the app has one."""
    condition = Q()
    for model, activity in _sources():
        recent = {f"{activity.date_field}__gte": cutoff}
        if activity.family_field == "pk":
            condition |= Q(**recent)
        else:
            condition |= Q(Exists(model.objects.filter(**{activity.family_field: OuterRef("pk")}, **recent)))
    return condition


def held() -> Exists:
    return Exists(RetentionHold.objects.filter(family=OuterRef("pk"), released_at__isnull=True))


def due_families(cutoff: dt.datetime, *, among: QuerySet[Family] | None = None) -> QuerySet[Family]:
    """Families (``among`` them) past their period and not held: what the monthly task anonymises."""
    families = Family.objects.all() if among is None else among
    return families.filter(anonymised_at__isnull=True).exclude(active_since(cutoff)).exclude(held())


def with_last_activity(families: QuerySet[Family]) -> QuerySet[Family]:
    """Each family's latest activity of every app (PostgreSQL's GREATEST skips the apps with none)."""
    latest = []
    for model, activity in _sources():
        if activity.family_field == "pk":
            latest.append(activity.date_field)
        else:
            rows = model.objects.filter(**{activity.family_field: OuterRef("pk")}).order_by(f"-{activity.date_field}")
            latest.append(Subquery(rows.values(activity.date_field)[:1]))
    return families.annotate(last_activity=Greatest(*latest) if len(latest) > 1 else latest[0])


def due_for_centre(user, policy: RetentionPolicy) -> QuerySet[Family]:
    """The dry run: the families registered at ``user``'s centre that the next run would anonymise."""
    mine = Family.objects.visible_to(user).filter(centre_id=user.centre_id)
    families = due_families(family_cutoff(policy), among=mine)
    return with_last_activity(families).order_by("pk")


def holds_for_centre(user) -> QuerySet[RetentionHold]:
    """The holds in force on the families of ``user``'s centre."""
    return (
        RetentionHold.objects.visible_to(user)
        .filter(family__centre_id=user.centre_id, released_at__isnull=True)
        .select_related("held_by")
        .order_by("-at", "-pk")
    )


def scans_due_for_centre(user, policy: RetentionPolicy) -> int:
    """How many signed copies of the centre's consents the next run would delete."""
    return superseded_scans(scan_cutoff(policy)).visible_to(user).filter(family__centre_id=user.centre_id).count()


def hold_in_force(family: Family) -> RetentionHold | None:
    return RetentionHold.objects.filter(family=family, released_at__isnull=True).select_related("held_by").first()
