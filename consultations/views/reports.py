"""Follow-ups and no-show rates, the centre's export, and the parts other pages load: the family
page's consultations and the mother's appointments in her cabinet. None shows a note's text."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponseNotAllowed
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from consultations import selectors
from core.htmx import render_page_or_partial
from core.permissions import rule_required
from core.scoping import get_visible_or_404
from core.xlsx import Column, Sheet, xlsx_response
from families.models import Family


@rule_required("consultations.view_follow_ups")
@require_safe
def follow_ups(request):
    due, overdue = selectors.follow_ups(request.user)
    context = {"due": due, "overdue": overdue, "rates": selectors.no_show_rates(request.user), "today": timezone.localdate()}
    return render_page_or_partial(request, "consultations/follow_ups.html", context, partial="lists")


def _month(request) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{request.GET.get('month', '')}-01")
    except ValueError:
        return timezone.localdate().replace(day=1)


@rule_required("consultations.export")
@require_safe
def export(request):
    """The centre's appointments of a month, to Excel: who, when, which type, what became of it."""
    first = _month(request)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rows = selectors.centre_appointments(request.user, first=first, last=last)
    columns = [
        Column(_("Date"), lambda a: timezone.localtime(a.starts_at).date()),
        Column(_("Time"), lambda a: f"{timezone.localtime(a.starts_at):%H:%M}"),
        Column(_("Family no."), lambda a: a.family_id),
        Column(_("Mother"), lambda a: a.family.mother.full_name, width=32),
        Column(_("Type"), lambda a: a.get_kind_display()),
        Column(_("Specialist"), lambda a: a.specialist.get_full_name(), width=28),
        Column(_("How"), lambda a: a.get_channel_display()),
        Column(_("Status"), lambda a: a.get_status_display()),
    ]
    name = _("Consultations %(month)s") % {"month": date_format(first, "m.Y")}
    return xlsx_response(
        Sheet(_("Consultations"), columns, rows), file_name=name, actor=request.user, what="consultations.export"
    )


@rule_required("consultations.view_family_appointments")
def family_section(request, pk: int):
    """The family page's part: her appointments, upcoming and past (type, time, specialist, status)."""
    family = get_visible_or_404(Family.objects.all(), request.user, pk=pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    appointments = selectors.family_appointments(request.user, family)
    now = timezone.now()
    context = {
        "family": family,
        "upcoming": [a for a in reversed(appointments) if a.ends_at > now and a.is_open],
        "past": [a for a in appointments if not (a.ends_at > now and a.is_open)],
    }
    return render_page_or_partial(request, "consultations/family_section.html", context, partial="section")


@rule_required("consultations.view_own_appointments")
@require_safe
def cabinet(request):
    """The mother's cabinet part: her own appointments, when and where (no note: her cabinet is not
    where a specialist's notes are read)."""
    appointments = selectors.mother_appointments(request.user)
    now = timezone.now()
    context = {
        "upcoming": [a for a in reversed(appointments) if a.ends_at > now and a.is_open],
        "past": [a for a in appointments if not (a.ends_at > now and a.is_open)],
    }
    return render_page_or_partial(request, "consultations/cabinet.html", context, partial="section")
