from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

SESSION_KEY = "staff_last_seen"
# Write the session at most this often, not on every request.
_WRITE_EVERY_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Signs staff out after STAFF_IDLE_TIMEOUT without a request: a front desk is a shared place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff_member:
            now = timezone.now().timestamp()
            last_seen = request.session.get(SESSION_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT.total_seconds():
                logout(request)
                messages.info(request, _("You were signed out after a period without activity. Please sign in again."))
                response = redirect_to_login(request.get_full_path())
                if getattr(request, "htmx", False):
                    return HttpResponseClientRedirect(response.url)
                return response
            if last_seen is None or now - last_seen > _WRITE_EVERY_SECONDS:
                request.session[SESSION_KEY] = now
        return self.get_response(request)
