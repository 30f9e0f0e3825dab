"""Mothers sign in with their phone number (typed any common way) or their IIN, and their password.

Staff keep their logins (``accounts.backends.ModelBackend``); django-axes guards both, and
``axes_username`` makes every way of typing one mother's number or IIN count against one login.
"""

from __future__ import annotations

from django.conf import settings

from accounts.backends import ModelBackend
from mothers.selectors import accounts_for_login


class PhoneOrIinBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        for user in accounts_for_login(username):
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
