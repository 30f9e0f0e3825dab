"""The calendars: a centre's week or day (who is free when), one specialist's week, "my day", and the
free slots offered to book a family."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponseNotAllowed
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.models import User
from centres.models import Centre
from consultations import freshness, selectors
from consultations.kinds import Kind
from core.htmx import render_cached_partial, render_page_or_partial
from core.permissions import rule_required
from core.roles import Role
from core.scoping import get_visible_or_404, scope_for
from families.models import Family

SEARCH_DAYS = 14
WEEK_SECONDS = 15 * 60  # a centre's week kept longer than this is counted again even if nothing changed


def day_asked(request, name: str = "date") -> dt.date:
    """The day in the query (``2026-10-26``), or today for none or a wrong one."""
    try:
        return dt.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return timezone.localdate()


def kind_asked(request) -> str | None:
    kind = request.GET.get("kind", "")
    return kind if kind in Kind.values else None


def _navigation(day: dt.date, span: str) -> dict:
    step = dt.timedelta(days=1 if span == "day" else 7)
    return {"previous": day - step, "next": day + step, "today": timezone.localdate()}


@rule_required("consultations.view_calendar")
@require_safe
def centre_calendar(request):
    """A centre's week: every specialist of the centre as a row, per day how many of her slots are free
    and how many are booked, each a link to her day. Her day (or the centre's) with its free slots to
    book: the same page with ``span=day`` (and ``specialist``), or for htmx its panel under the week."""
    scope = scope_for(request.user)
    centres = list(Centre.objects.filter(pk__in=scope.centre_ids).order_by("pk"))
    asked = request.GET.get("centre", "")
    centre = next((c for c in centres if str(c.pk) == asked), None) or next(c for c in centres if c.pk == request.user.centre_id)
    day, span, kind = day_asked(request), "day" if request.GET.get("span") == "day" else "week", kind_asked(request)
    context = {
        "centre": centre,
        "centres": centres,
        "day": day,
        "span": span,
        "kind": kind or "",
        "kinds": Kind.choices,
        "specialist": None,
        "panel": False,
        # Each count of the week links to her day: one string for all, the specialist and the day added.
        "day_link": f"?centre={centre.pk}{f'&kind={kind}' if kind else ''}&span=day&specialist=",
        "visible_centres": scope.centre_ids,
        **_navigation(day, span),
    }
    if span == "week" and request.htmx.target != "day-panel":
        return _cached_week(request, context, centre=centre, kind=kind, day=day)
    places = selectors.workplaces(centre=centre, kind=kind)
    chosen = [p for p in places if str(p.specialist_id) == request.GET.get("specialist", "")] if span == "day" else []
    places = chosen or places
    context["specialist"] = chosen[0].specialist if chosen else None
    context["panel"] = bool(chosen) and request.htmx.target == "day-panel"
    if span == "day":
        context["calendar"] = selectors.calendar(places, [day])
    # The panel asks for its own partial: empty for a specialist not of this centre's (a forged link).
    partial = "panel" if request.htmx.target == "day-panel" else "calendar"
    return render_page_or_partial(request, "consultations/calendar.html", context, partial=partial)


def _cached_week(request, context: dict, *, centre, kind, day: dt.date):
    """The centre's week, the same for everyone who may see the centre: rendered once and kept until
    something it counts changes (``consultations.freshness``) or the clock moves its counts (the next
    of today's slots begins; midnight), at most WEEK_SECONDS."""

    def build() -> dict:
        return context | {
            "calendar": selectors.week_counts(selectors.workplaces(centre=centre, kind=kind), selectors.week_of(day))
        }

    def seconds(built: dict) -> float:
        return min(WEEK_SECONDS, (built["calendar"].changes_at - timezone.now()).total_seconds())

    return render_cached_partial(
        request,
        "consultations/calendar.html",
        partial="calendar",
        key=f"{request.get_full_path()}|{centre.pk}|{freshness.tokens(centre.pk)}|{timezone.localdate()}",
        build=build,
        page=context,
        seconds=seconds,
    )


@rule_required("consultations.view_calendar")
def specialist_calendar(request, pk: int):
    """One specialist's week at every centre she works at, each free slot a link to book it."""
    specialist = get_visible_or_404(User.objects.filter(role=Role.SPECIALIST), request.user, pk=pk)
    if request.method not in ("GET", "HEAD"):  # after the scope: outside it, any method is a 404
        return HttpResponseNotAllowed(["GET", "HEAD"])
    day = day_asked(request)
    context = {
        "specialist": specialist,
        "calendar": selectors.calendar(selectors.workplaces(specialist=specialist), selectors.week_of(day)),
        "day": day,
        "visible_centres": scope_for(request.user).centre_ids,
        **_navigation(day, "week"),
    }
    return render_page_or_partial(request, "consultations/specialist_calendar.html", context, partial="calendar")


@rule_required("consultations.hold_appointment")
@require_safe
def my_day(request):
    """The specialist's landing page: her appointments of the day at every centre, her free times and
    her follow-ups."""
    day, now = day_asked(request), timezone.now()
    mine = selectors.specialist_day(request.user, day, now=now)
    context = {
        "day": day,
        "appointments": mine.appointments,
        "calendar": mine.calendar,
        "due": mine.due,
        "overdue": mine.overdue,
        "now": now,
        **_navigation(day, "day"),
    }
    return render_page_or_partial(request, "consultations/my_day.html", context, partial="day")


@rule_required("consultations.book")
def book_for_family(request, pk: int):
    """The free slots to book a family picked in the registry: at a centre (hers, or any other), of a
    kind, over two weeks from a day."""
    family = get_visible_or_404(Family.objects.select_related("mother", "district"), request.user, pk=pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    centres = list(Centre.objects.select_related("district").order_by("pk"))
    asked = request.GET.get("centre", "")
    centre = next((c for c in centres if str(c.pk) == asked), None) or next(
        (c for c in centres if c.pk == request.user.centre_id), None
    )
    if centre is None:
        raise Http404
    first = max(day_asked(request, "from"), timezone.localdate())
    slots = selectors.search_free_slots(centre=centre, kind=kind_asked(request), first_day=first, days=SEARCH_DAYS)
    context = {
        "family": family,
        "centre": centre,
        "centres": centres,
        "kind": kind_asked(request) or "",
        "kinds": Kind.choices,
        "first": first,
        "slots": slots,
        "specialists": selectors.specialists_by_id(slots),
        "later": first + dt.timedelta(days=SEARCH_DAYS),
    }
    return render_page_or_partial(request, "consultations/book_for_family.html", context, partial="slots")
