from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, show_on_form
from core.permissions import rule_required
from families.forms import EmergencyAccessForm
from families.services.break_glass import open_emergency_access


@rule_required("families.open_emergency_access")
def emergency_access(request):
    """Break-glass: a family outside her scope, by its IIN (sent by POST, never in a URL) and a reason."""
    form = EmergencyAccessForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            opened = open_emergency_access(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            show_on_form(form, error)
        else:
            if opened.grant is not None:
                until = formats.time_format(timezone.localtime(opened.grant.expires_at), "TIME_FORMAT")
                messages.warning(
                    request,
                    _("Emergency access is open until %(time)s, for reading only. The family's centre head sees it.")
                    % {"time": until},
                )
            return redirect(opened.family)
    return render(request, "families/emergency_access.html", {"form": form}, status=400 if form.errors else 200)
