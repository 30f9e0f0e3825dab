from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import get_visible_or_404, role_required
from families.models import Family
from families.services import family_stop_optional_messages
from notifications import permissions, selectors
from notifications.filters import DeliveryLogFilter, MonthForm
from notifications.models import Notification
from notifications.services import notification_retry
from notifications.unsubscribe import family_id_from
from otbasy.errors import DomainError
from otbasy.htmx import render_page_or_partial


@role_required(*permissions.READ_DELIVERY_LOG)
def delivery_log(request):
    filterset = DeliveryLogFilter(request.GET, queryset=selectors.delivery_log(request.user), user=request.user)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render_page_or_partial(request, "notifications/delivery_log.html", {"filter": filterset, "page": page}, partial="log")


@require_POST
@role_required(*permissions.READ_DELIVERY_LOG)
def retry(request, pk: int):
    """Sends a failed message again. With htmx the row refreshes in place; without, back to the log."""
    notification = get_visible_or_404(Notification, request.user, pk=pk)
    error = None
    try:
        notification_retry(actor=request.user, notification=notification)
    except DomainError as refusal:
        error = refusal.message
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("The message will be sent again."))
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
        return redirect(back if safe else "notifications:log")
    context = {"notification": selectors.delivery_log(request.user).get(pk=pk), "error": error}
    return render(request, "notifications/delivery_log.html#row", context, status=400 if error else 200)


@role_required(*permissions.READ_DELIVERY_LOG)
def summary(request):
    form = MonthForm(request.GET or {"month": timezone.localdate().strftime("%Y-%m")})
    month = form.cleaned_data["month"] if form.is_valid() else timezone.localdate().replace(day=1)
    return render(
        request,
        "notifications/summary.html",
        {"form": form, "month": month, "rows": selectors.monthly_summary(request.user, month)},
    )


# Mail clients' one-click unsubscribe (RFC 8058) posts without a CSRF token; the signed link is the
# credential, and all it can do is turn reminders and news off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    family = Family.objects.filter(pk=family_id_from(token) or 0).first()
    if family is None:
        raise Http404
    if request.method == "POST":
        family_stop_optional_messages(actor=None, family=family)
        return render(request, "notifications/unsubscribed.html")
    return render(request, "notifications/unsubscribe.html", {"stopped": not family.optional_messages})
