"""The desk's queue of mothers who signed up online and wait for a registrar to see their documents:
families to verify, and accounts to link to the family the registry holds."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.errors import DomainError
from core.permissions import rule_required
from mothers import selectors
from mothers.services import mother_link


@rule_required("mothers.see_sign_ups")
@require_safe
def verification_queue(request):
    page = Paginator(selectors.sign_ups_to_verify(request.user), 50).get_page(request.GET.get("page"))
    accounts = selectors.accounts_to_link(request.user)[:50]
    return render(request, "mothers/verification_queue.html", {"page": page, "accounts": accounts})


@rule_required("mothers.see_sign_ups")
@require_POST
def link(request, pk: int):
    profile = get_object_or_404(selectors.accounts_to_link(request.user), pk=pk)
    try:
        family = mother_link(actor=request.user, profile=profile)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("mothers:verification_queue")
    messages.success(request, _("Her account is linked to her family."))
    return redirect(family)
