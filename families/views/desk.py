"""The front desk: who is at the centre today, checking mothers in and marking them served."""

import datetime as dt

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.extensions import visit_links
from core.htmx import Modal, modal_form, render_page_or_partial
from core.permissions import rule_required
from core.scoping import get_visible_or_404
from families import selectors
from families.forms import ServeVisitForm, VisitForm
from families.models import Family, Visit
from families.services import visit_check_in, visit_mark_served


@rule_required("families.serve_visit")
@require_safe
def today(request):
    visits = list(selectors.visits_today(request.user))
    links = visit_links(visits)  # what other apps' records each visit is for (an appointment)
    for visit in visits:
        visit.links = links.get(visit.pk, [])
    context = {
        "visits": visits,
        "waiting": sum(1 for visit in visits if visit.status == Visit.Status.WAITING),
        "today": timezone.localdate(),
    }
    return render_page_or_partial(request, "families/today.html", context, partial="visits")


@rule_required("families.record_visit")
def visit_new(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    return modal_form(
        request,
        form=VisitForm(request.POST or None),
        modal=Modal(
            title=_("Record a visit"),
            action=reverse("families:visit_new", args=[family.pk]),
            cancel_url=reverse("families:detail", args=[family.pk]),
            submit=_("Record the visit"),
            intro=family.mother.full_name,
        ),
        save=lambda data: visit_check_in(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=reverse("families:detail", args=[family.pk]),
    )


@rule_required("families.serve_visit")
def visit_serve(request, visit_pk: int):
    visit = get_visible_or_404(Visit.objects.select_related("family__mother"), request.user, pk=visit_pk)
    return modal_form(
        request,
        form=ServeVisitForm(request.POST or None),
        modal=Modal(
            title=_("Mark the visit as served"),
            action=reverse("families:visit_serve", args=[visit.pk]),
            cancel_url=reverse("families:today"),
            intro=visit.family.mother.full_name,
            body_template="families/_visit_links.html",
        ),
        context={"links": visit_links([visit]).get(visit.pk, [])},
        save=lambda data: visit_mark_served(actor=request.user, visit=visit, **data),
        event="visitsChanged",
        done_url=reverse("families:today"),
    )


@rule_required("families.view_family")
@require_safe
def changes(request):
    since = timezone.localdate() - dt.timedelta(days=30)
    return render(
        request, "families/changes.html", {"changes": selectors.category_changes(request.user, since=since)[:200], "since": since}
    )
