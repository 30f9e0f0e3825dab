"""The front desk: who is at the centre today, checking mothers in and marking them served."""

import datetime as dt

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import get_visible_or_404, role_required
from families import permissions, selectors
from families.forms import ServeVisitForm, VisitForm
from families.models import Family, Visit
from families.services import visit_check_in, visit_mark_served
from otbasy.htmx import render_page_or_partial
from otbasy.modal import modal_form


@role_required(*permissions.SERVE_VISITS)
def today(request):
    visits = list(selectors.visits_today(request.user))
    context = {
        "visits": visits,
        "waiting": sum(1 for visit in visits if visit.status == Visit.Status.WAITING),
        "today": timezone.localdate(),
    }
    return render_page_or_partial(request, "families/today.html", context, partial="visits")


@role_required(*permissions.RECORD_VISITS)
def visit_new(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    return modal_form(
        request,
        form=VisitForm(request.POST or None),
        template_name="families/visit_form.html",
        context={"family": family},
        save=lambda data: visit_check_in(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=reverse("families:detail", args=[family.pk]),
    )


@role_required(*permissions.SERVE_VISITS)
def visit_serve(request, visit_pk: int):
    visit = get_visible_or_404(Visit.objects.select_related("family__mother"), request.user, pk=visit_pk)
    return modal_form(
        request,
        form=ServeVisitForm(request.POST or None),
        template_name="families/visit_serve.html",
        context={"visit": visit},
        save=lambda data: visit_mark_served(actor=request.user, visit=visit, **data),
        event="visitsChanged",
        done_url=reverse("families:today"),
    )


@role_required(*permissions.READ_FAMILIES)
def changes(request):
    since = timezone.localdate() - dt.timedelta(days=30)
    return render(
        request, "families/changes.html", {"changes": selectors.category_changes(request.user, since=since)[:200], "since": since}
    )
