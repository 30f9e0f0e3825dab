"""One-window appeals and referrals to outside agencies."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.htmx import Modal, modal_form
from core.permissions import require, rule_required
from core.scoping import get_visible_or_404
from families import selectors
from families.forms import AppealForm, AppealMoveForm, ReferralForm, ReferralOutcomeForm
from families.models import Appeal, Family, Referral
from families.services import appeal_move, appeal_open, referral_create, referral_record_outcome


def _family_url(family_id: int) -> str:
    return reverse("families:detail", args=[family_id])


@rule_required("families.open_appeal")
def appeal_new(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    return modal_form(
        request,
        form=AppealForm(request.POST or None),
        modal=Modal(
            title=_("New appeal"),
            action=reverse("families:appeal_new", args=[family.pk]),
            cancel_url=_family_url(family.pk),
            submit=_("Open the appeal"),
            intro=family.mother.full_name,
        ),
        save=lambda data: appeal_open(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=_family_url(family.pk),
    )


def _appeal(request, pk: int) -> Appeal:
    appeal = get_visible_or_404(Appeal.objects.select_related("family__mother"), request.user, pk=pk)
    require(request.user, "families.handle_appeal", appeal)
    return appeal


@rule_required("families.handle_appeal")
def appeal_move_view(request, appeal_pk: int):
    appeal = _appeal(request, appeal_pk)
    return modal_form(
        request,
        form=AppealMoveForm(request.POST or None, appeal=appeal),
        modal=Modal(
            title=_("Change the status of the appeal"),
            action=reverse("families:appeal_move", args=[appeal.pk]),
            cancel_url=_family_url(appeal.family_id),
            intro=appeal.get_kind_display().capitalize(),
        ),
        save=lambda data: appeal_move(actor=request.user, appeal=appeal, **data),
        event="familyChanged",
        done_url=_family_url(appeal.family_id),
    )


@rule_required("families.handle_appeal")
def referral_new(request, appeal_pk: int):
    appeal = _appeal(request, appeal_pk)
    return modal_form(
        request,
        form=ReferralForm(request.POST or None),
        modal=Modal(
            title=_("Refer to an agency"),
            action=reverse("families:referral_new", args=[appeal.pk]),
            cancel_url=_family_url(appeal.family_id),
            submit=_("Refer"),
            intro=appeal.get_kind_display().capitalize(),
        ),
        save=lambda data: referral_create(actor=request.user, appeal=appeal, **data),
        event="familyChanged",
        done_url=_family_url(appeal.family_id),
    )


@rule_required("families.handle_appeal")
def referral_outcome(request, referral_pk: int):
    referral = get_visible_or_404(
        Referral.objects.select_related("agency", "appeal__family__mother"), request.user, pk=referral_pk
    )
    return modal_form(
        request,
        form=ReferralOutcomeForm(request.POST or None),
        modal=Modal(
            title=_("Answer from the agency"),
            action=reverse("families:referral_outcome", args=[referral.pk]),
            cancel_url=_family_url(referral.appeal.family_id),
            intro=referral.agency.name,
        ),
        save=lambda data: referral_record_outcome(actor=request.user, referral=referral, **data),
        event="familyChanged",
        done_url=_family_url(referral.appeal.family_id),
    )


@rule_required("families.handle_appeal")
@require_safe
def overdue(request):
    return render(request, "families/overdue_referrals.html", {"referrals": selectors.overdue_referrals(request.user)})
