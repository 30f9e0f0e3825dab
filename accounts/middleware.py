from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect
from django_otp import DEVICE_ID_SESSION_KEY

SESSION_KEY = "staff_last_seen"
SIGNED_IN_KEY = "staff_signed_in"
# Sent by page parts that refresh on their own (hx-headers on the "Today" page's poll): such a request
# is not the user at the desk, so it must not keep her session alive.
BACKGROUND_HEADER = "X-Background-Poll"
# Write the session at most this often, not on every request.
_WRITE_EVERY_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Signs staff out after STAFF_IDLE_TIMEOUT without a request of theirs, and in any case
    STAFF_SESSION_LIFETIME after they signed in: a front desk is a shared place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff_member:
            now = timezone.now().timestamp()
            reason = _session_ended(request.session, now)
            if reason:
                logout(request)
                messages.info(request, reason)
                return redirect_to_login(request.get_full_path())
            last_seen = request.session.get(SESSION_KEY)
            background = request.headers.get(BACKGROUND_HEADER) == "true"
            if last_seen is None or (not background and now - last_seen > _WRITE_EVERY_SECONDS):
                request.session[SESSION_KEY] = now
        return self.get_response(request)


def _session_ended(session, now: float) -> str | None:
    """Why this staff session is over, or None while it is not."""
    last_seen = session.get(SESSION_KEY)
    if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT.total_seconds():
        return _("You were signed out after a period without activity. Please sign in again.")
    # Sessions that began before the sign-in time was recorded start their clock now.
    signed_in = session.setdefault(SIGNED_IN_KEY, now)
    lifetime = settings.STAFF_SESSION_LIFETIME.total_seconds()
    if now - signed_in > lifetime:
        hours = int(lifetime // 3600)
        return ngettext(
            "You were signed out: a session lasts at most %(hours)d hour. Please sign in again.",
            "You were signed out: a session lasts at most %(hours)d hours. Please sign in again.",
            hours,
        ) % {"hours": hours}
    return None


def record_sign_in_time(request) -> None:
    request.session[SIGNED_IN_KEY] = timezone.now().timestamp()


class HtmxLoginRedirectMiddleware:
    """Sends an htmx request that needs a sign-in to the login page as a whole page (``HX-Redirect``).

    Otherwise htmx follows the redirect and swaps the login form into the part of the page that asked,
    e.g. into the "Today" list on its next poll. After signing in she returns to the page she was on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.htmx and response.status_code == 302 and urlsplit(response.url).path == resolve_url(settings.LOGIN_URL):
            page = request.htmx.current_url_abs_path or request.get_full_path()
            return HttpResponseClientRedirect(redirect_to_login(page).url)
        return response


class TwoFactorRequiredMiddleware:
    """With ``STAFF_2FA_REQUIRED``, a staff session that never passed the code step (one begun before the
    setting was turned on, or on the admin's own sign-in page) is turned back into a sign-in waiting for
    its code (or for enrolment): nothing else answers her until then. A session that passed it carries
    django-otp's device id; resetting her devices ends her sessions (accounts.services)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_2FA_REQUIRED and _unverified_staff(request):
            return _back_to_second_step(request, request.user)
        return self.get_response(request)


def _unverified_staff(request) -> bool:
    user = request.user
    return user.is_authenticated and user.is_staff_member and DEVICE_ID_SESSION_KEY not in request.session


def _back_to_second_step(request, user):
    from accounts import twofactor

    backend = request.session.get(BACKEND_SESSION_KEY, settings.AUTHENTICATION_BACKENDS[-1])
    next_url = request.get_full_path() if request.method == "GET" and not request.htmx else ""
    logout(request)
    twofactor.pending_begin(request, user, backend=backend, next_url=next_url)
    url = reverse(twofactor.next_step(user))
    return HttpResponseClientRedirect(url) if request.htmx else HttpResponseRedirect(url)
