from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.htmx import render_page_or_partial, row_swap
from core.permissions import rule_required
from core.scoping import get_visible_or_404
from notifications import selectors
from notifications.filters import DeliveryLogFilter, MonthForm
from notifications.models import Notification
from notifications.services import notification_retry


@rule_required("notifications.read_delivery_log")
@require_safe
def delivery_log(request):
    filterset = DeliveryLogFilter(request.GET, queryset=selectors.delivery_log(request.user), user=request.user)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render_page_or_partial(request, "notifications/delivery_log.html", {"filter": filterset, "page": page}, partial="log")


@rule_required("notifications.read_delivery_log")
def retry(request, pk: int):
    """Sends a failed message again: the row is swapped in place (core.htmx, shape 3)."""
    notification = get_visible_or_404(Notification, request.user, pk=pk)
    if request.method != "POST":  # checked after the scope: outside it, any method is a 404
        return HttpResponseNotAllowed(["POST"])
    return row_swap(
        request,
        act=lambda: notification_retry(actor=request.user, notification=notification),
        template_name="notifications/delivery_log.html",
        partial="row",
        context=lambda: {"notification": selectors.delivery_log(request.user).get(pk=pk)},
        done=_("The message will be sent again."),
        back="notifications:log",
    )


@rule_required("notifications.read_delivery_log")
@require_safe
def summary(request):
    form = MonthForm(request.GET or {"month": timezone.localdate().strftime("%Y-%m")})
    month = form.cleaned_data["month"] if form.is_valid() else timezone.localdate().replace(day=1)
    return render(
        request,
        "notifications/summary.html",
        {"form": form, "month": month, "rows": selectors.monthly_summary(request.user, month)},
    )
