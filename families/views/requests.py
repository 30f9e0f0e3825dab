"""One-window requests and referrals to outside agencies."""

from django.shortcuts import render
from django.urls import reverse

from accounts.permissions import get_visible_or_404, role_required
from families import permissions, selectors
from families.forms import ReferralForm, ReferralOutcomeForm, RequestForm, RequestMoveForm
from families.models import Family, Referral, Request
from families.services import referral_create, referral_record_outcome, request_move, request_open
from otbasy.modal import modal_form


def _family_url(family_id: int) -> str:
    return reverse("families:detail", args=[family_id])


@role_required(*permissions.HANDLE_REQUESTS)
def request_new(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    return modal_form(
        request,
        form=RequestForm(request.POST or None),
        template_name="families/request_form.html",
        context={"family": family},
        save=lambda data: request_open(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=_family_url(family.pk),
    )


@role_required(*permissions.HANDLE_REQUESTS)
def request_move_view(request, request_pk: int):
    request_obj = get_visible_or_404(Request.objects.select_related("family__mother"), request.user, pk=request_pk)
    return modal_form(
        request,
        form=RequestMoveForm(request.POST or None, request_obj=request_obj),
        template_name="families/request_move.html",
        context={"request_obj": request_obj},
        save=lambda data: request_move(actor=request.user, request=request_obj, **data),
        event="familyChanged",
        done_url=_family_url(request_obj.family_id),
    )


@role_required(*permissions.HANDLE_REQUESTS)
def referral_new(request, request_pk: int):
    request_obj = get_visible_or_404(Request.objects.select_related("family__mother"), request.user, pk=request_pk)
    return modal_form(
        request,
        form=ReferralForm(request.POST or None),
        template_name="families/referral_form.html",
        context={"request_obj": request_obj},
        save=lambda data: referral_create(actor=request.user, request=request_obj, **data),
        event="familyChanged",
        done_url=_family_url(request_obj.family_id),
    )


@role_required(*permissions.HANDLE_REQUESTS)
def referral_outcome(request, referral_pk: int):
    referral = get_visible_or_404(
        Referral.objects.select_related("agency", "request__family__mother"), request.user, pk=referral_pk
    )
    return modal_form(
        request,
        form=ReferralOutcomeForm(request.POST or None),
        template_name="families/referral_outcome.html",
        context={"referral": referral},
        save=lambda data: referral_record_outcome(actor=request.user, referral=referral, **data),
        event="familyChanged",
        done_url=_family_url(referral.request.family_id),
    )


@role_required(*permissions.HANDLE_REQUESTS)
def overdue(request):
    return render(request, "families/overdue_referrals.html", {"referrals": selectors.overdue_referrals(request.user)})
