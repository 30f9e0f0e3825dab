from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.models import AccessEvent
from audit.services import access_log
from core.errors import DomainError, EditConflict
from core.extensions import contributions
from core.htmx import Modal, modal_form, render_cached_partial, render_page_or_partial
from core.paging import CappedPaginator
from core.permissions import check, require, rule_required
from core.scoping import counts_emergency_access, get_visible_or_404, scope_for
from core.submissions import Once, Repeated
from core.xlsx import xlsx_response
from families import selectors
from families.categories import reasons
from families.exports import families_file_name, families_sheet
from families.forms import AccessLogFilter, FamilyFilter, FamilyForms, VerifyForm
from families.models import Family
from families.services import family_register, family_update, family_verify
from families.timeline import timeline_for

PAGE_SIZE = 25
# The family list counts up to this many (then says "more than"): an exact count of a district's
# thousands of families cost more than the rest of the page.
COUNT_CAP = 1000
# ...and remembers for this long that a list went past it (core.paging).
COUNT_REMEMBER_SECONDS = 300
# A family page's body is kept this long under its stamp: what the stamp does not follow (the name of
# a colleague or an agency it shows, a new release's wording) is at most this old.
FAMILY_BODY_SECONDS = 300


def _search_fields(request):
    """The search form's fields. The form posts them, so that an IIN, a phone or a name typed into it
    stays out of addresses, browser history, proxies' logs and the referring page; a GET takes the same
    fields (a link to a filtered list)."""
    return request.POST if request.method == "POST" else request.GET


@rule_required("families.view_family")
@require_http_methods(["GET", "HEAD", "POST"])
def family_list(request):
    fields = _search_fields(request)
    filterset = FamilyFilter(fields, queryset=selectors.family_list_rows(request.user), request=request)
    paginator = CappedPaginator(filterset.qs, PAGE_SIZE, cap=COUNT_CAP, remember_seconds=COUNT_REMEMBER_SECONDS)
    page = paginator.get_page(fields.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "families": page.object_list,
        "query": selectors.Query.parse(fields.get("q", "")),
        "min_digits": selectors.MIN_DIGITS,
    }
    return render_page_or_partial(request, "families/family_list.html", context, partial="results")


@rule_required("families.export_families")
@require_http_methods(["GET", "HEAD", "POST"])
def family_export(request):
    filterset = FamilyFilter(_search_fields(request), queryset=selectors.families_for_list(request.user), request=request)
    return xlsx_response(families_sheet(filterset.qs), file_name=families_file_name(), actor=request.user, what="families.export")


def _save_or_show_errors(request, forms: FamilyForms, save, template: str, context: dict):
    """Runs the service; a refusal goes back to the form with everything the registrar typed. The same
    page sent twice saves once: the second POST is answered as the first was (core.submissions).
    Returns the saved family's page, or the page of errors."""
    once = Once(request, forms.once)
    try:
        if not forms.is_valid():
            first = once.first()
            return (first.answer, None) if first else (None, _errors(request, forms, template, context))
        with once.saving() as saving:
            saving.answer = save().get_absolute_url()
    except Repeated as first_save:
        return first_save.answer, None
    except DomainError as error:
        if first := once.first():  # refused because a twin of this POST has just saved it: answer as it was
            return first.answer, None
        return None, _refused(request, forms, error, template, context)
    for warning in forms.warnings():
        messages.warning(request, warning)
    return saving.answer, None


def _refused(request, forms: FamilyForms, error: DomainError, template: str, context: dict):
    if isinstance(error, EditConflict):
        forms.saw_version(error.version)
        return _errors(request, forms, template, {**context, "conflict": error})
    forms.add_error(error.field, error.message)
    return _errors(request, forms, template, {**context, "existing_link": error.link}, found=error.record)


def _errors(request, forms: FamilyForms, template: str, context: dict, *, found=None):
    """The form again, with its errors. What the duplicate checks found is shown on it: each family's
    access log says so."""
    lookups = [("families.duplicate_iin_check", found)] if found is not None else []
    lookups += [("families.duplicate_name_check", duplicate.family) for duplicate in forms.mother.duplicates]
    for what, family in lookups:
        access_log(actor=request.user, action=AccessEvent.Action.VIEW, what=what, target=family)
    return render(request, template, {**context, "forms": forms}, status=400)


@rule_required("families.register_family")
def family_register_view(request):
    from families.models import ConsentText

    context = {"consent_text": ConsentText.current()}
    if request.method != "POST":
        return render(request, "families/family_form.html", {**context, "forms": FamilyForms(user=request.user)})
    forms = FamilyForms(request.POST, request.FILES, user=request.user)

    def save():
        return family_register(
            actor=request.user,
            mother=forms.mother.person_data(),
            details=forms.details.details(),
            children=forms.children.children(),
            spouse=forms.spouse.person_data(),
            consent=forms.consent.consent_data(forms.details.cleaned_data["language"]),
        )

    saved, error_page = _save_or_show_errors(request, forms, save, "families/family_form.html", context)
    if error_page:
        return error_page
    messages.success(request, _("The family is registered."))
    return redirect(saved)


@rule_required("families.edit_family")
def family_edit(request, pk: int):
    family = get_visible_or_404(selectors.family_queryset_for_edit(), request.user, pk=pk)
    context = {"family": family}
    if request.method != "POST":
        access_log(actor=request.user, action=AccessEvent.Action.VIEW, what="families.family_edit", target=family)
        return render(
            request,
            "families/family_form.html",
            {**context, "forms": FamilyForms(user=request.user, family=family, with_consent=False)},
        )
    forms = FamilyForms(request.POST, user=request.user, family=family, with_consent=False)

    def save():
        return family_update(
            actor=request.user,
            family=family,
            mother=forms.mother.person_data(),
            details=forms.details.details(),
            children=forms.children.children(),
            spouse=forms.spouse.person_data(),
            version=forms.version.cleaned_data["version"],
        )

    saved, error_page = _save_or_show_errors(request, forms, save, "families/family_form.html", context)
    if error_page:
        return error_page
    messages.success(request, _("The changes are saved."))
    return redirect(saved)


def _allowed(user, items, family) -> list:
    return sorted((item for item in items if check(user, item.rule, family)), key=lambda item: item.order)


@rule_required("families.open_family_page")
@counts_emergency_access
def family_detail(request, pk: int):
    family = selectors.family_page_head(request.user, pk)
    if request.method not in ("GET", "HEAD"):  # checked after the scope: outside it, any method is a 404
        return HttpResponseNotAllowed(["GET", "HEAD"])
    access_log(actor=request.user, action=AccessEvent.Action.VIEW, what="families.family_detail", target=family)
    # Opened through an emergency access: for reading only, so no buttons and no other app's sections.
    grant = selectors.emergency_grant(request.user, family)
    if grant or family.page_stamp is None:
        context = _family_body(request, selectors.family_for_page(family), grant)
        return render_page_or_partial(request, "families/family_detail.html", context, partial="family-body")
    # The body is kept for her under the family's stamp: opened again, or refreshed after a change
    # that did not touch it, it costs no more than the stamp (families.selectors.family_page_head).
    return render_cached_partial(
        request,
        "families/family_detail.html",
        partial="family-body",
        key=_family_body_key(request, family),
        build=lambda: _family_body(request, selectors.family_for_page(family), None),
        page={"family": family},
        seconds=FAMILY_BODY_SECONDS,
    )


def _family_body(request, family: Family, grant) -> dict:
    categories = selectors.family_categories(family)
    return {
        "family": family,
        "categories": categories,
        "reasons": reasons(categories),
        "timeline": timeline_for(family, request.user),
        "emergency": grant,
        "actions": [] if grant else _allowed(request.user, contributions("family_actions"), family),
        "sections": [] if grant else _allowed(request.user, contributions("family_sections"), family),
    }


def _family_body_key(request, family: Family) -> str:
    """Everything the body shows besides the family's rows: who asks (her actions, what of the timeline
    she may see), the language and address, and the day with its category thresholds."""
    today = timezone.localdate()
    return "|".join(
        [request.path, family.page_stamp, repr(scope_for(request.user)), str(today), repr(selectors.thresholds_on(today))]
    )


@rule_required("families.read_access_log")
def family_access_log(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    filterset = AccessLogFilter(request.GET, queryset=selectors.family_viewers(family))
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    grants = selectors.family_emergency_accesses(family)
    return render(request, "families/access_log.html", {"family": family, "page": page, "grants": grants, "filter": filterset})


@rule_required("families.verify_family")
def family_verify_view(request, pk: int):
    """A family its mother signed up online: the registrar has seen her documents (a modal form)."""
    family = get_visible_or_404(Family.objects.select_related("mother").prefetch_related("consents"), request.user, pk=pk)
    require(request.user, "families.verify_family", family)
    return modal_form(
        request,
        form=VerifyForm(request.POST or None),
        modal=Modal(
            title=_("Verify a family signed up online"),
            action=reverse("families:verify", args=[family.pk]),
            cancel_url=family.get_absolute_url(),
            submit=_("Verify"),
            submit_style="success",
            intro=family.mother.full_name,
        ),
        save=lambda data: family_verify(actor=request.user, family=family),
        event="familyChanged",
        done_url=family.get_absolute_url(),
    )
