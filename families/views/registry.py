from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.models import AccessEvent
from audit.services import access_log, access_log_many
from core.errors import DomainError
from core.extensions import contributions
from core.htmx import render_page_or_partial
from core.paging import CappedPaginator
from core.permissions import check, rule_required
from core.scoping import get_visible_or_404
from families import selectors
from families.categories import reasons
from families.exports import families_workbook
from families.forms import FamilyFilter, FamilyForms
from families.models import Family
from families.services import family_register, family_update
from families.timeline import timeline_for

PAGE_SIZE = 25
# The family list counts up to this many (then says "more than"): an exact count of a district's
# thousands of families cost more than the rest of the page.
COUNT_CAP = 1000


@rule_required("families.view_family")
def family_list(request):
    filterset = FamilyFilter(request.GET, queryset=selectors.family_list_rows(request.user), request=request)
    page = CappedPaginator(filterset.qs, PAGE_SIZE, cap=COUNT_CAP).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "families": page.object_list,
    }
    return render_page_or_partial(request, "families/family_list.html", context, partial="results")


@rule_required("families.export_families")
def family_export(request):
    filterset = FamilyFilter(request.GET, queryset=selectors.families_for_list(request.user), request=request)
    content, ids = families_workbook(filterset.qs)
    access_log(actor=request.user, action=AccessEvent.Action.EXPORT, what="families.export", row_count=len(ids))
    # ...and in each family's own history, so that "who looked at this family" shows the export too.
    access_log_many(actor=request.user, action=AccessEvent.Action.EXPORT, what="families.export", model=Family, ids=ids)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="families.xlsx"'
    return response


def _save_or_show_errors(request, forms: FamilyForms, save, template: str, context: dict):
    """Runs the service; a refusal goes back to the form with everything the registrar typed."""
    if forms.is_valid():
        try:
            family = save()
        except DomainError as error:
            forms.add_error(error.field, error.message)
            context["existing_link"] = error.link
        else:
            for warning in forms.warnings():
                messages.warning(request, warning)
            return family, None
    return None, render(request, template, {**context, "forms": forms}, status=400)


@rule_required("families.register_family")
def family_register_view(request):
    from families.models import ConsentText

    context = {"consent_text": ConsentText.current()}
    if request.method != "POST":
        return render(request, "families/family_form.html", {**context, "forms": FamilyForms()})
    forms = FamilyForms(request.POST, request.FILES)

    def save():
        return family_register(
            actor=request.user,
            mother=forms.mother.person_data(),
            details=forms.details.details(),
            children=forms.children.children(),
            spouse=forms.spouse.person_data(),
            consent=forms.consent.consent_data(forms.details.cleaned_data["language"]),
        )

    family, error_page = _save_or_show_errors(request, forms, save, "families/family_form.html", context)
    if error_page:
        return error_page
    messages.success(request, _("The family is registered."))
    return redirect("families:detail", family.pk)


@rule_required("families.edit_family")
def family_edit(request, pk: int):
    family = get_visible_or_404(selectors.family_queryset_for_edit(), request.user, pk=pk)
    context = {"family": family}
    if request.method != "POST":
        access_log(actor=request.user, action=AccessEvent.Action.VIEW, what="families.family_edit", target=family)
        return render(request, "families/family_form.html", {**context, "forms": FamilyForms(family=family, with_consent=False)})
    forms = FamilyForms(request.POST, family=family, with_consent=False)

    def save():
        return family_update(
            actor=request.user,
            family=family,
            mother=forms.mother.person_data(),
            details=forms.details.details(),
            children=forms.children.children(),
            spouse=forms.spouse.person_data(),
        )

    saved, error_page = _save_or_show_errors(request, forms, save, "families/family_form.html", context)
    if error_page:
        return error_page
    messages.success(request, _("The changes are saved."))
    return redirect("families:detail", saved.pk)


def _allowed(user, items, family) -> list:
    return sorted((item for item in items if check(user, item.rule, family)), key=lambda item: item.order)


@rule_required("families.view_family")
def family_detail(request, pk: int):
    family = selectors.family_for_page(request.user, pk)
    access_log(actor=request.user, action=AccessEvent.Action.VIEW, what="families.family_detail", target=family)
    categories = selectors.family_categories(family)
    context = {
        "family": family,
        "categories": categories,
        "reasons": reasons(categories),
        "timeline": timeline_for(family, request.user),
        "actions": _allowed(request.user, contributions("family_actions"), family),
        "sections": _allowed(request.user, contributions("family_sections"), family),
    }
    return render_page_or_partial(request, "families/family_detail.html", context, partial="family-body")


@rule_required("families.read_access_log")
def family_access_log(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    page = Paginator(selectors.family_viewers(family), 50).get_page(request.GET.get("page"))
    return render(request, "families/access_log.html", {"family": family, "page": page})
