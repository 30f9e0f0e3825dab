"""The mother's cabinet: her landing page, which loads every app's part of it (``cabinet_sections``)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.htmx import render_page_or_partial
from core.permissions import rule_required
from mothers import selectors


@rule_required("mothers.open_cabinet")
@require_safe
def cabinet(request):
    context = {"family": selectors.mother_family(request.user), "sections": selectors.cabinet_sections()}
    return render(request, "mothers/cabinet.html", context)


@rule_required("mothers.open_cabinet")
@require_safe
def appeals(request):
    """Her one-window requests and where each stands (a cabinet section)."""
    context = {"appeals": selectors.mother_appeals(request.user)}
    return render_page_or_partial(request, "mothers/appeals.html", context, partial="section")
