"""The centre head's retention pages: the dry run with its holds, a hold, a release, a request to be
forgotten."""

from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.services import access_log
from core.htmx import Modal, modal_form, render_page_or_partial, row_swap
from core.paging import CappedPaginator
from core.permissions import rule_required
from core.scoping import get_visible_or_404
from families.models import Family
from retention import selectors
from retention.forms import ForgetForm, HoldForm
from retention.models import RetentionHold, RetentionPolicy
from retention.services import family_forget, hold_create, hold_release

PER_PAGE = 50


@rule_required("retention.view_due")
def due(request):
    """The dry run: her centre's families the next monthly run would anonymise (ids, no names or IINs)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    policy = RetentionPolicy.current()
    page = CappedPaginator(selectors.due_for_centre(request.user, policy), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "policy": policy,
        "page": page,
        "holds": selectors.holds_for_centre(request.user),
        "scans_due": selectors.scans_due_for_centre(request.user, policy),
        "cutoff": selectors.family_cutoff(policy),
    }
    return render_page_or_partial(request, "retention/due.html", context, partial="lists")


@rule_required("retention.hold_family")
def hold_new(request, pk: int):
    family = get_visible_or_404(Family.objects.all(), request.user, pk=pk)
    return modal_form(
        request,
        form=HoldForm(request.POST or None),
        modal=Modal(
            title=_("Keep this family from anonymisation"),
            action=reverse("retention:hold_new", args=[family.pk]),
            cancel_url=reverse("retention:due"),
            submit=_("Put on hold"),
            intro=_("Family no. %(id)s") % {"id": family.pk},
        ),
        save=lambda data: hold_create(actor=request.user, family=family, **data),
        event="retentionChanged",
        done_url=reverse("retention:due"),
    )


@rule_required("retention.hold_family")
def hold_release_view(request, hold_pk: int):
    hold = get_visible_or_404(RetentionHold.objects.select_related("held_by"), request.user, pk=hold_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return row_swap(
        request,
        act=lambda: hold_release(actor=request.user, hold=hold),
        template_name="retention/due.html",
        partial="hold-row",
        context=lambda: {"hold": RetentionHold.objects.select_related("held_by").get(pk=hold.pk)},
        done=_("The hold is released."),
        back="retention:due",
    )


@rule_required("retention.forget_family")
def forget(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother").prefetch_related("consents"), request.user, pk=pk)
    if request.method == "GET":  # the form shows her name: a read of her file
        access_log(actor=request.user, action="view", what="retention.forget", target=family)
    return modal_form(
        request,
        form=ForgetForm(request.POST or None),
        modal=Modal(
            title=_("Forget this family at the mother's request"),
            action=reverse("retention:forget", args=[family.pk]),
            cancel_url=family.get_absolute_url(),
            submit=_("Remove her personal data"),
            submit_style="danger",
            intro=family.mother.full_name,
            body_template="retention/_forget_text.html",
        ),
        save=lambda data: family_forget(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=family.get_absolute_url(),
    )
