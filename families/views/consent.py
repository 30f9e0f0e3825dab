"""Consent to personal-data processing: a new one, a withdrawal, and the signed copy."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from accounts.permissions import get_visible_or_404, role_required
from audit.models import AccessEvent
from audit.services import access_log
from families import permissions
from families.forms import ConsentRenewForm, ConsentWithdrawForm
from families.models import Consent, ConsentText, Family
from families.services import consent_record, consent_withdraw
from otbasy.modal import modal_form


@role_required(*permissions.REGISTER_FAMILIES)
def consent_new(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    form = ConsentRenewForm(request.POST or None, request.FILES or None, initial={"language": family.language})
    return modal_form(
        request,
        form=form,
        template_name="families/consent_form.html",
        context={"family": family, "consent_text": ConsentText.current()},
        save=lambda data: consent_record(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=reverse("families:detail", args=[family.pk]),
    )


@role_required(*permissions.REGISTER_FAMILIES)
def consent_withdraw_view(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    return modal_form(
        request,
        form=ConsentWithdrawForm(request.POST or None),
        template_name="families/consent_withdraw.html",
        context={"family": family},
        save=lambda data: consent_withdraw(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=reverse("families:detail", args=[family.pk]),
    )


@role_required(*permissions.READ_FAMILIES)
def consent_scan(request, consent_pk: int):
    """The signed copy, only through the family's scope, and every download logged."""
    visible_families = Family.objects.visible_to(request.user).values("pk")
    consent = get_object_or_404(Consent.objects.select_related("family"), pk=consent_pk, family__in=visible_families)
    if not consent.scan:
        raise Http404
    access_log(actor=request.user, action=AccessEvent.Action.VIEW, what="families.consent_scan", target=consent.family)
    return FileResponse(consent.scan.open("rb"), as_attachment=False, filename=consent.scan.name.rsplit("/", 1)[-1])
