"""The mother's pages: her cabinet section (her applications and their status in her language), her
application online; and the desk's application with her (a registrar or the grant officer, from the
family page). A document is downloaded by those who see the application, as an attachment."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.errors import DomainError, show_on_form
from core.files import private_file_response
from core.htmx import render_page_or_partial
from core.permissions import require, rule_required
from core.scoping import get_visible_or_404
from families.models import Family
from grants import services
from grants.forms import ApplicationForm, DraftForm
from grants.models import Application, Document, Status
from grants.views.amendments import amendment_modal


@rule_required("grants.my_applications")
@require_safe
def my_applications(request):
    rows = Application.objects.visible_to(request.user).select_related("programme", "round")
    return render_page_or_partial(request, "grants/my_applications.html", {"applications": rows}, partial="section")


def _apply(request, *, family: Family | None, done: str):
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.Meta.fields if field != "round"}
        try:
            if family is None:
                raise DomainError(_("Your account is not linked to a family yet. Visit your centre with your documents."))
            services.application_create(
                actor=request.user,
                family=family,
                round=form.cleaned_data["round"],
                plan=form.cleaned_data["plan"],
                submit=form.cleaned_data["submit"],
                **data,
            )
        except DomainError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The application is saved."))
            return redirect(done)
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/apply.html", {"form": form, "family": family}, status=status)


@rule_required("grants.apply_online")
def apply(request):
    family = Family.objects.filter(mother_account=request.user).select_related("mother").first()
    return _apply(request, family=family, done=reverse("grants:my_applications"))


@rule_required("grants.apply_at_desk")
def desk_apply(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    require(request.user, "grants.apply_at_desk", family)
    return _apply(request, family=family, done=family.get_absolute_url())


@rule_required("grants.download_document")
@require_safe
def document(request, pk: int):
    document = get_visible_or_404(Document.objects.select_related("application__family"), request.user, pk=pk)
    return private_file_response(
        document.file,
        actor=request.user,
        what="grants.document",
        target=document.application.family,
        download_name=f"{document.application.number}-{document.kind}",
    )


@rule_required("grants.apply_online")
def edit_mine(request, pk: int):
    """Her saved draft, changed (and submitted if she ticks it); a submitted application is not here (404)."""
    application = get_visible_or_404(
        Application.objects.select_related("round", "programme"), request.user, pk=pk, status=Status.DRAFT
    )
    form = DraftForm(request.POST or None, request.FILES or None, instance=application)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.Meta.fields}
        try:
            services.application_edit(
                actor=request.user,
                application=application,
                plan=form.cleaned_data["plan"],
                submit=form.cleaned_data["submit"],
                **data,
            )
        except DomainError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The application is saved."))
            return redirect("grants:my_applications")
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/apply.html", {"form": form, "application": application}, status=status)


@rule_required("grants.apply_online")
def amend_mine(request, pk: int):
    """Her submitted application amended from her cabinet (another mother's is not hers to see: 404)."""
    application = get_visible_or_404(Application.objects.select_related("round", "programme"), request.user, pk=pk)
    return amendment_modal(
        request,
        application,
        action=reverse("grants:amend_mine", args=[application.pk]),
        back=reverse("grants:my_applications"),
        event="grantApplicationsChanged",
    )


@rule_required("grants.apply_online")
@require_POST
def submit_mine(request, pk: int):
    """Her saved draft submitted from her cabinet (refused with the reason: no business plan, the round closed)."""
    application = get_visible_or_404(Application.objects.select_related("round"), request.user, pk=pk)
    try:
        services.application_submit(actor=request.user, application=application)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The application is submitted."))
    return redirect("grants:my_applications")
