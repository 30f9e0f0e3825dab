"""Signing in and out, the profile and the passwords in the URL × role matrix (how: tests/url_matrix.py).

Everyone signed in has a profile and changes her password; the sign-in and reset pages are public.
"""

from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.roles import STAFF_ROLES, Role
from tests.url_matrix import EVERY_ROLE, LOGIN, Access, Case, Persona, Redirect, everyone, signed_in


def _reset_link(world, *, forged=False) -> list[str]:
    user = world.users["mother_without_family"]
    token = "forged-token" if forged else default_token_generator.make_token(user)
    return [urlsafe_base64_encode(force_bytes(user.pk)), token]


def _set_password_page(world) -> str:
    with translation.override("kk"):
        return reverse("accounts:password_reset_confirm", args=[_reset_link(world)[0], "set-password"])


# Where each role lands after signing in (tests/accounts/test_landing.py).
DESKS = {
    Role.MOTHER: "mothers:cabinet",
    Role.REGISTRAR: "families:today",
    Role.SPECIALIST: "consultations:my_day",
    Role.CENTRE_HEAD: "families:today",
    Role.GRANT_OFFICER: "families:list",
    Role.GRANT_REVIEWER: "grants:my_reviews",
    Role.COMMISSION_MEMBER: "grants:rounds",
    Role.DISTRICT_OFFICIAL: "dashboards:district",
    Role.CITY_OFFICIAL: "dashboards:city",
    Role.ADMINISTRATOR: "admin:index",
}


@dataclass(frozen=True)
class ToDesk(Access):
    """Signed in already: the sign-in page sends each role on to her desk."""

    def outcome(self, persona: Persona):
        return self.anonymous if persona.role is None else Redirect(DESKS.get(persona.role, "home"))


_SIGN_IN = ToDesk(EVERY_ROLE, anonymous=200)
# The steps after the password need a sign-in waiting for its code in the session; the matrix's
# sessions have none, so they go back to the sign-in page (htmx: as a whole page, see
# accounts.middleware.HtmxLoginRedirectMiddleware). Staff may set up the app from their profile.
_NOT_PENDING = everyone(Redirect("accounts:login"))
_ENROL = Access(STAFF_ROLES, anonymous=Redirect("accounts:login"))
_ENROL_HTMX = Access(STAFF_ROLES, anonymous=LOGIN)

URLS = {
    "accounts:login": Case(get=_SIGN_IN, post=_SIGN_IN),
    "accounts:logout": Case(get=everyone(405), post=everyone(Redirect("home"))),
    "accounts:two_factor": Case(get=_NOT_PENDING, post=_NOT_PENDING, htmx_get=everyone(LOGIN), htmx_post=everyone(LOGIN)),
    # An empty form comes back with its error.
    "accounts:two_factor_enrol": Case(get=_ENROL, post=_ENROL, htmx_get=_ENROL_HTMX, htmx_post=_ENROL_HTMX),
    # Shown once after they were made; with none to show, her profile.
    "accounts:recovery_codes": Case(get=signed_in(Redirect("accounts:profile")), post=signed_in(405)),
    # Nobody in the matrix has an app set up: the profile says so.
    "accounts:recovery_codes_renew": Case(get=signed_in(405), post=signed_in(Redirect("accounts:profile"))),
    "accounts:sign_out_everywhere": Case(
        get=signed_in(405), post=signed_in(Redirect("accounts:login")), htmx_post=signed_in(LOGIN)
    ),
    "accounts:profile": Case(get=signed_in(), post=signed_in(405)),
    # An empty form comes back with its errors (Django's password views answer 200).
    "accounts:password_change": Case(get=signed_in(), post=signed_in()),
    "accounts:password_change_done": Case(get=signed_in(), post=signed_in(405)),
    "accounts:password_reset": Case(get=everyone(200), post=everyone(200)),
    "accounts:password_reset_done": Case(get=everyone(200), post=everyone(405)),
    "accounts:password_reset_confirm": [
        # A valid link hides its token in the session and moves on to the form's own address.
        Case(
            label="valid link",
            args=_reset_link,
            get=everyone(Redirect(_set_password_page)),
            post=everyone(Redirect(_set_password_page)),
        ),
        Case(
            label="forged link",
            args=lambda world: _reset_link(world, forged=True),
            get=everyone(200),
            post=everyone(200),
        ),
    ],
    "accounts:password_reset_complete": Case(get=everyone(200), post=everyone(405)),
}
