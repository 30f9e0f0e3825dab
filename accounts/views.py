from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.i18n import set_language as django_set_language
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from accounts.forms import CodeForm, EnrolForm, LoginForm, PasswordResetForm
from accounts.services import recovery_codes_renew as recovery_codes_renew_service
from accounts.services import two_factor_enrol as two_factor_enrol_service
from accounts.services import user_session_record, user_sessions_end, user_set_language, user_sign_out_everywhere
from core import ratelimit
from core.clients import client_ip
from core.errors import DomainError, show_on_form
from core.extensions import desk_for
from core.i18n import language_of, translate_url


class LoginView(auth_views.LoginView):
    """The password step. When her sign-in takes a code (``accounts.twofactor``), nobody is signed in
    yet: the account waits in the session for the code step, or for enrolment."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return _desk_url(self.request.user)

    def form_valid(self, form):
        user = form.get_user()
        next_url = self.get_redirect_url()
        if twofactor.asks_code(user):
            twofactor.pending_begin(self.request, user, backend=user.backend, next_url=next_url)
            return redirect(twofactor.next_step(user))
        _sign_in(self.request, user, backend=user.backend)
        return _in_her_language(user, next_url or _desk_url(user))


def _desk_url(user) -> str:
    """Without a ``next``, each role goes to its desk (core.extensions.Desk); a mother, home."""
    desk = desk_for(user)
    return reverse(desk.url_name) if desk else resolve_url(settings.LOGIN_REDIRECT_URL)


def _sign_in(request, user, *, backend: str, device=None) -> None:
    if device is not None:
        user.otp_device = device  # django-otp's user_logged_in receiver marks the session as verified
    auth_login(request, user, backend=backend)


def _in_her_language(user, url: str) -> HttpResponseRedirect:
    """The portal opens in the language she chose last time, whatever page she signed in from."""
    language = user.language
    response = HttpResponseRedirect(translate_url(url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


def _start_again(request):
    """No sign-in waits for a code in this session (never begun, or begun too long ago)."""
    if twofactor.PENDING_KEY in request.session:
        twofactor.pending_end(request)
        messages.info(request, _("The time to enter the code ran out. Please sign in again."))
    return redirect("accounts:login")


def _locked_out(request, credentials: dict):
    twofactor.pending_end(request)
    return get_lockout_response(request, None, credentials)


@require_http_methods(["GET", "POST"])
def two_factor(request):
    """The code step: the app's code or a recovery code. A wrong one counts like a wrong password."""
    state = twofactor.pending(request)
    if state is None:
        return _start_again(request)
    if not twofactor.has_device(state.user):
        return redirect("accounts:two_factor_enrol")
    credentials = {"username": state.user.username}
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked_out(request, credentials)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device = twofactor.verify(state.user, form.cleaned_data["code"])
        except twofactor.CodeRefused as refusal:
            show_on_form(form, refusal)
            if refusal.counts:
                user_login_failed.send(sender=twofactor.CODE_SENDER, credentials=credentials, request=request)
                if AxesProxyHandler.is_locked(request, credentials):
                    return _locked_out(request, credentials)
        else:
            twofactor.pending_end(request)
            _sign_in(request, state.user, backend=state.backend, device=device)
            return _in_her_language(state.user, state.next_url or _desk_url(state.user))
    return render(request, "accounts/two_factor.html", {"form": form})


@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Setting up the authenticator app: right after her password (a pending sign-in), or from her
    profile. The secret lives in the session until a code from the app proves it was scanned."""
    state = twofactor.pending(request)
    user = state.user if state else request.user
    if not user.is_authenticated:
        return _start_again(request)
    if not user.is_staff_member:
        raise PermissionDenied
    if twofactor.has_device(user):
        return redirect("accounts:two_factor" if state else "accounts:profile")
    key = twofactor.enrol_key(request)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device, codes = two_factor_enrol_service(actor=user, key=key, code=form.cleaned_data["code"])
        except DomainError as error:
            show_on_form(form, error)
        else:
            next_url = (state.next_url or _desk_url(user)) if state else reverse("accounts:profile")
            if state:
                twofactor.pending_end(request)
                _sign_in(request, user, backend=state.backend, device=device)
            else:
                request.session.pop(twofactor.ENROL_KEY, None)
                otp_login(request, device)
            request.session[twofactor.NEW_CODES_KEY] = {"codes": codes, "next": translate_url(next_url, user.language)}
            return _in_her_language(user, reverse("accounts:recovery_codes"))
    context = {"form": form, "qr": twofactor.qr_data_uri(user, key), "secret": twofactor.secret_text(key), "pending": state}
    return render(request, "accounts/two_factor_enrol.html", context)


@login_required
@require_safe
def recovery_codes(request):
    """Her new recovery codes, shown once."""
    shown = request.session.pop(twofactor.NEW_CODES_KEY, None)
    if not shown:
        return redirect("accounts:profile")
    return render(request, "accounts/recovery_codes.html", {"codes": shown["codes"], "next_url": shown["next"]})


@login_required
@require_POST
def recovery_codes_renew(request):
    try:
        codes = recovery_codes_renew_service(actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("accounts:profile")
    request.session[twofactor.NEW_CODES_KEY] = {"codes": codes, "next": reverse("accounts:profile")}
    return redirect("accounts:recovery_codes")


@login_required
@require_POST
def sign_out_everywhere(request):
    user_sign_out_everywhere(actor=request.user)
    logout(request)
    messages.success(request, _("You were signed out on every device, this one included."))
    return redirect("accounts:login")


@require_POST
def set_language(request):
    """Django's language switch (same page, other language), also remembered on the account.

    Django resolves the page in the active language, which here (this URL has no language prefix)
    is the cookie's or the browser's: it must be resolved in the language of its own prefix.
    """
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER") or ""
    with translation.override(language_of(next_url)):
        response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_set_language(actor=request.user, language=language)
    return response


@login_required
@require_safe
def profile(request):
    user = request.user
    context = {}
    if user.is_staff_member:
        context["two_factor"] = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        context["recovery_codes_left"] = StaticToken.objects.filter(device__user=user).count()
    return render(request, "accounts/profile.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which keeps her signed in here; her other sessions end."""

    def form_valid(self, form):
        response = super().form_valid(form)
        current = self.request.session.session_key  # a new key: Django cycled it
        user_sessions_end(user=self.request.user, keep=current)
        user_session_record(user=self.request.user, session_key=current)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's new password from a reset link; every session of hers ends."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user_sessions_end(user=form.user)
        return response


password_change = PasswordChangeView.as_view(
    template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_change_done")
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, with a limit per address (no mail-bombing one colleague) and per client (no
    sweep of addresses). Every address counts, known or not, so a refusal tells nothing about accounts."""

    def form_valid(self, form):
        window = settings.PASSWORD_RESET_LIMIT_WINDOW
        address = form.cleaned_data["email"].strip().lower()
        allowed = [
            ratelimit.hit("password-reset-address", address, limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, window=window),
            ratelimit.hit(
                "password-reset-client",
                client_ip(self.request) or "",
                limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
                window=window,
            ),
        ]
        if all(allowed):
            return super().form_valid(form)
        minutes = int(window.total_seconds() // 60)
        form.add_error(
            None,
            ngettext(
                "Too many password reset requests. Please try again in %(minutes)d minute.",
                "Too many password reset requests. Please try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)


password_reset = PasswordResetView.as_view(
    form_class=PasswordResetForm,
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
password_reset_confirm = PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
