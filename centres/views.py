from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.http import require_safe

from centres.filters import CentreFilter
from centres.models import Centre
from core.htmx import render_page_or_partial
from core.permissions import rule_required
from core.scoping import get_visible_or_404


@rule_required("centres.view_centres")
@require_safe
def centre_list(request):
    centres = (
        Centre.objects.visible_to(request.user)
        .select_related("district")
        .annotate(staff_count=Count("staff", filter=Q(staff__is_active=True)))
    )
    filterset = CentreFilter(request.GET, queryset=centres)
    context = {"filter": filterset, "centres": filterset.qs}
    return render_page_or_partial(request, "centres/centre_list.html", context, partial="centre-rows")


@rule_required("centres.view_centres")
def centre_detail(request, pk: int):
    centre = get_visible_or_404(Centre.objects.select_related("district"), request.user, pk=pk)
    if request.method not in ("GET", "HEAD"):  # checked after the scope: outside it, any method is a 404
        return HttpResponseNotAllowed(["GET", "HEAD"])
    staff = centre.staff.filter(is_active=True).order_by("role", "last_name", "first_name")
    return render(request, "centres/centre_detail.html", {"centre": centre, "staff": staff})
