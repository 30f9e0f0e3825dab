"""The one reader of the process environment.

Settings ask it for typed values; a value that is present but wrong stops the process with an
``ImproperlyConfigured`` error naming the variable, instead of silently falling back to a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_MISSING = object()
# A SECRET_KEY containing one of these was copied from an example, not generated: .env.example's
# "change-me-...", Django's startproject "django-insecure-...", the development profile's own key.
_PLACEHOLDER_KEYS = ("change-me", "changeme", "change_me", "django-insecure-", "development-only-key")
# E-mail backends that talk to no server: "consolemail://" is complete as it is.
_SERVERLESS_EMAIL = ("consolemail", "memorymail", "dummymail")


class Env:
    def __init__(self, environ_: Mapping[str, str] | None = None) -> None:
        self._environ = os.environ if environ_ is None else environ_

    def _raw(self, name: str, default, *, required: bool = False):
        raw = self._environ.get(name)
        if raw is None or raw.strip() == "":
            if required or default is _MISSING:
                raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
            return None
        return raw.strip()

    @staticmethod
    def _bad(name: str, raw: str, expected: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"Environment variable {name}={raw!r} is invalid: expected {expected}.")

    def str(self, name: str, default=_MISSING, *, required: bool = False) -> str:
        raw = self._raw(name, default, required=required)
        return default if raw is None else raw

    def bool(self, name: str, default: bool) -> bool:
        raw = self._raw(name, default)
        if raw is None:
            return default
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise self._bad(name, raw, "one of true/false/1/0/yes/no/on/off")

    def int(self, name: str, default: int, *, minimum: int | None = None) -> int:
        raw = self._raw(name, default)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise self._bad(name, raw, "a whole number") from None
        if minimum is not None and value < minimum:
            raise self._bad(name, raw, f"a whole number of at least {minimum}")
        return value

    def list(self, name: str, default: Sequence[str]) -> list[str]:
        raw = self._raw(name, default)
        if raw is None:
            return list(default)
        return [item.strip() for item in raw.split(",") if item.strip()]

    def choice(self, name: str, choices: Sequence[str], default: str | None = None, *, required: bool = False) -> str | None:
        raw = self._raw(name, default, required=required)
        if raw is None:
            return default
        if raw not in choices:
            raise self._bad(name, raw, "one of " + ", ".join(choices))
        return raw

    def path(self, name: str, default: Path) -> Path:
        raw = self._raw(name, default)
        return default if raw is None else Path(raw).expanduser().resolve()

    def secret_key(self, name: str, default: str, *, production: bool) -> str:
        """A key that production requires and that must not be one of the well-known placeholders."""
        value = self.str(name, default=default, required=production)
        if production and (value == default or any(marker in value.lower() for marker in _PLACEHOLDER_KEYS)):
            raise ImproperlyConfigured(
                f"Environment variable {name} is a placeholder, not a secret: generate one with "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
            )
        return value

    def url(
        self,
        name: str,
        schemes: Sequence[str],
        default: str | None = None,
        *,
        required: bool = False,
        bare: Sequence[str] = (),
    ) -> str | None:
        """A URL of one of ``schemes``; those in ``bare`` need nothing after the ``://``."""
        raw = self._raw(name, default, required=required)
        if raw is None:
            return default
        parts = urlsplit(raw)
        if parts.scheme not in schemes or not (parts.netloc or parts.path or parts.scheme in bare):
            raise self._bad(name, _redact(raw), "a URL starting with " + " or ".join(f"{s}://" for s in schemes))
        return raw

    def database(self, name: str) -> dict | None:
        """A Postgres ``DATABASES`` entry from a URL, or None when the variable is unset."""
        raw = self.url(name, ("postgres", "postgresql", "pgsql"))
        if raw is None:
            return None
        config = environ.Env.db_url_config(raw)
        if not config.get("NAME"):
            raise self._bad(name, _redact(raw), "a URL that names the database, e.g. postgres://user@host:5432/otbasy")
        return config

    def email(self, name: str, default: str) -> dict:
        raw = self.url(
            name, ("smtp", "smtps", "smtp+tls", "smtp+ssl", "filemail", *_SERVERLESS_EMAIL), default, bare=_SERVERLESS_EMAIL
        )
        return environ.Env.email_url_config(raw)


def _redact(url: str) -> str:
    """Keeps passwords out of error messages."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url
