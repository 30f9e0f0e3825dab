"""The mother's cabinet section: her applications and their status in her language."""

from __future__ import annotations

from django.views.decorators.http import require_safe

from core.htmx import render_page_or_partial
from core.permissions import rule_required
from grants.models import Application


@rule_required("grants.my_applications")
@require_safe
def my_applications(request):
    rows = Application.objects.visible_to(request.user).select_related("programme", "round")
    return render_page_or_partial(request, "grants/my_applications.html", {"applications": rows}, partial="section")
