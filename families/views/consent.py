"""Consent to personal-data processing: a new one, a withdrawal, and the signed copy."""

from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import private_file_response
from core.htmx import Modal, modal_form
from core.permissions import rule_required
from core.scoping import counts_emergency_access, get_visible_or_404
from families.forms import ConsentRenewForm, ConsentWithdrawForm
from families.models import Consent, ConsentText, Family
from families.services import consent_record, consent_withdraw


def _family(request, pk: int) -> Family:
    return get_visible_or_404(Family.objects.select_related("mother").prefetch_related("consents"), request.user, pk=pk)


@rule_required("families.record_consent")
def consent_new(request, pk: int):
    family = _family(request, pk)
    form = ConsentRenewForm(request.POST or None, request.FILES or None, initial={"language": family.language})
    return modal_form(
        request,
        form=form,
        modal=Modal(
            title=_("Record a new consent"),
            action=reverse("families:consent_new", args=[family.pk]),
            cancel_url=family.get_absolute_url(),
            submit=_("Record the consent"),
            intro=family.mother.full_name,
            body_template="families/_consent_text.html",
        ),
        context={"consent_text": ConsentText.current()},
        save=lambda data: consent_record(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=family.get_absolute_url(),
    )


@rule_required("families.record_consent")
def consent_withdraw_view(request, pk: int):
    family = _family(request, pk)
    return modal_form(
        request,
        form=ConsentWithdrawForm(request.POST or None),
        modal=Modal(
            title=_("Record a withdrawal of consent"),
            action=reverse("families:consent_withdraw", args=[family.pk]),
            cancel_url=family.get_absolute_url(),
            submit=_("Record the withdrawal"),
            submit_style="danger",
            intro=family.mother.full_name,
            body_template="families/_consent_withdraw_text.html",
        ),
        save=lambda data: consent_withdraw(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=family.get_absolute_url(),
    )


@rule_required("families.open_family_page")
@counts_emergency_access
def consent_scan(request, consent_pk: int):
    """The signed copy, only through the family's scope, as an attachment; every download is logged."""
    consent = get_visible_or_404(Consent.objects.select_related("family"), request.user, pk=consent_pk)
    if request.method not in ("GET", "HEAD"):  # checked after the scope: outside it, any method is a 404
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return private_file_response(
        consent.scan,
        actor=request.user,
        what="families.consent_scan",
        target=consent.family,
        # Translators: the name of the downloaded file (its extension is added); date is the consent's, as 2026-12-01.
        download_name=_("Signed consent %(date)s") % {"date": consent.given_on.isoformat()},
    )
