"""Mothers sign in with their phone number (typed any common way) or their IIN, and their password.

Staff keep their logins (``accounts.backends.ModelBackend``); django-axes guards both, and
``axes_username`` makes every way of typing one mother's number or IIN count against one login.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from accounts.backends import ModelBackend
from mothers.selectors import accounts_for_login, looks_like_phone_or_iin


class PhoneOrIinBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None or not looks_like_phone_or_iin(username):
            return None
        accounts = accounts_for_login(username)
        if not accounts:
            # As Django's own backend does for a login of nobody: a password hashed all the same, so
            # that the time taken does not tell whether an account has this phone or IIN.
            get_user_model()().set_password(password)
        for user in accounts:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        return None


def axes_username(request, credentials: dict | None) -> str:
    """The login django-axes counts failures against: the account's own login when a phone or IIN
    typed names exactly one mother's account, else what was typed."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    typed = (source.get(settings.AXES_USERNAME_FORM_FIELD) or "").strip()
    accounts = accounts_for_login(typed) if typed else []
    return accounts[0].get_username() if len(accounts) == 1 else typed
