"""The desk's queue of mothers who signed up online and wait for a registrar to see their documents."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.permissions import rule_required
from mothers import selectors


@rule_required("mothers.see_sign_ups")
@require_safe
def verification_queue(request):
    page = Paginator(selectors.sign_ups_to_verify(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "mothers/verification_queue.html", {"page": page})
