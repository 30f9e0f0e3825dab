from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from accounts.forms import LoginForm, PasswordResetForm
from accounts.services import user_set_language
from core import ratelimit
from core.clients import client_ip
from core.extensions import desk_for
from core.i18n import language_of, translate_url


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a ``next``, each role goes to its desk (core.extensions.Desk); a mother, home."""
        desk = desk_for(self.request.user)
        return reverse(desk.url_name) if desk else super().get_default_redirect_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        language = self.request.user.language
        # The portal opens in the language she chose last time, whatever page she signed in from.
        response = HttpResponseRedirect(translate_url(response.url, language))
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
        return response


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
    return render(request, "accounts/profile.html")


password_change = auth_views.PasswordChangeView.as_view(
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
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html", success_url=reverse_lazy("accounts:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
