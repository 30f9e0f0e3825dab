"""A family's timeline: everything that happened to it, from every app.

The family page asks ``timeline_for(family, user)``. Apps add their own entries by registering a
provider — a function ``(family, user) -> iterable of Entry`` that makes a fixed number of queries
whatever the number of entries — with the ``@provider`` decorator, from their AppConfig.ready(). This
module registers the registry's own: visits, requests and referrals, category changes and consent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

Provider = Callable[..., Iterable["Entry"]]
_providers: list[Provider] = []


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    icon: str  # a Bootstrap Icons name
    title: str
    detail: str = ""
    actor: str = ""


def provider(function: Provider) -> Provider:
    _providers.append(function)
    return function


def timeline_for(family, user) -> list[Entry]:
    entries = [entry for function in _providers for entry in function(family, user)]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@provider
def visits(family, user) -> Iterable[Entry]:
    from families.models import Visit

    for visit in Visit.objects.filter(family=family).select_related("centre", "served_by").prefetch_related("purposes"):
        purposes = ", ".join(purpose.name for purpose in visit.purposes.all())
        yield Entry(
            at=visit.arrived_at,
            icon="door-open",
            title=_("Visit to %(centre)s: %(purposes)s") % {"centre": visit.centre.name, "purposes": purposes},
            detail=visit.what_was_done if visit.status == Visit.Status.SERVED else str(_("waiting to be served")),
            actor=str(visit.served_by or ""),
        )


@provider
def requests(family, user) -> Iterable[Entry]:
    from families.models import Referral, Request, RequestStep

    steps = Prefetch("steps", queryset=RequestStep.objects.select_related("by"))
    referrals = Prefetch("referrals", queryset=Referral.objects.select_related("agency", "sent_by"))
    # Its own query, not family.requests: the family page may have prefetched those differently.
    for request in Request.objects.filter(family=family).prefetch_related(steps, referrals):
        for step in request.steps.all():
            if not step.from_status:
                title = _("Request opened: %(kind)s") % {"kind": request.get_kind_display()}
                detail = request.description
            else:
                title = _("Request “%(kind)s” is now %(status)s") % {
                    "kind": request.get_kind_display(),
                    "status": step.get_to_status_display(),
                }
                detail = step.comment
            yield Entry(at=step.at, icon="inboxes", title=title, detail=detail, actor=str(step.by))
        for referral in request.referrals.all():
            yield Entry(
                at=referral.sent_at,
                icon="send",
                title=_("Referred to %(agency)s") % {"agency": referral.agency.name},
                detail=referral.expected_outcome,
                actor=str(referral.sent_by),
            )
            if referral.outcome_on:
                yield Entry(
                    at=_midnight(referral.outcome_on),
                    icon="envelope-open",
                    title=_("Answer from %(agency)s") % {"agency": referral.agency.name},
                    detail=referral.outcome,
                )


@provider
def category_changes(family, user) -> Iterable[Entry]:
    from families.models import CategoryChange

    for change in CategoryChange.objects.filter(family=family).select_related("by"):
        template = _("Became: %(category)s") if change.gained else _("No longer: %(category)s")
        yield Entry(
            at=change.at,
            icon="arrow-up-circle" if change.gained else "arrow-down-circle",
            title=template % {"category": change.get_category_display()},
            actor=str(change.by or _("daily check")),
        )


@provider
def consents(family, user) -> Iterable[Entry]:
    from families.models import Consent

    for consent in Consent.objects.filter(family=family).select_related("recorded_by", "withdrawn_by", "text"):
        yield Entry(
            at=consent.recorded_at,
            icon="file-earmark-check",
            title=_("Consent to data processing recorded (version %(version)s)") % {"version": consent.text.version},
            actor=str(consent.recorded_by),
        )
        if consent.withdrawn_on:
            yield Entry(
                at=_midnight(consent.withdrawn_on),
                icon="file-earmark-x",
                title=_("Consent to data processing withdrawn"),
                actor=str(consent.withdrawn_by or ""),
            )
