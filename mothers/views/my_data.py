"""What the centre holds about her: her family's data as registered, her consents with the text she
agreed to, which centres opened her file and how often, and a download of it all. Each look and each
download is in the access log, like a member of staff's."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from audit.models import AccessEvent
from audit.services import access_log
from core.permissions import rule_required
from core.xlsx import xlsx_response
from mothers import selectors
from mothers.exports import her_data_file_name, her_data_sheets


@rule_required("mothers.open_cabinet")
@require_safe
def my_data(request):
    family = selectors.her_file(request.user)
    context = {"family": family}
    if family is not None:
        access_log(actor=request.user, action=AccessEvent.Action.VIEW, what="mothers.my_data", target=family)
        context["openings"] = selectors.openings_by_centre(family)
    return render(request, "mothers/my_data.html", context)


@rule_required("mothers.open_cabinet")
@require_safe
def my_data_download(request):
    family = selectors.her_file(request.user)
    if family is None:
        return render(request, "mothers/my_data.html", {"family": None}, status=404)
    sheets = her_data_sheets(
        family=family,
        appeals=selectors.mother_appeals(request.user),
        visits=selectors.her_visits(request.user),
        openings=selectors.openings_by_centre(family),
    )
    return xlsx_response(*sheets, file_name=her_data_file_name(), actor=request.user, what="mothers.my_data_export")
