"""Two-factor sign-in for staff: a code from an authenticator app (TOTP, RFC 6238, through django-otp)
or a single-use recovery code.

Signing in takes two steps. The password step (``LoginView``) signs nobody in when a code is needed: it
keeps the account *pending* in the still anonymous session for ``PENDING_MINUTES`` and sends her to the
code page, or to enrolment when she has no device yet. Only the code step calls Django's ``login()``, so
every page stays closed until then, and django-axes counts a wrong code like a wrong password. The
failures of a login are forgotten only once the whole sign-in succeeded (``accounts.signals``).

Who is asked: every staff member when ``STAFF_2FA_REQUIRED`` is on; with it off, the staff who set up a
device themselves. Mothers never. A used TOTP code is refused for the rest of its window (django-otp
keeps the last time step verified, ``last_t``), and a recovery code is deleted when it is used.
"""

from __future__ import annotations

import re
import time
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from accounts.models import User
from core.errors import DomainError

PENDING_KEY = "two_factor_pending"
ENROL_KEY = "two_factor_enrol_key"
NEW_CODES_KEY = "two_factor_new_codes"
# Between the password and the code: long enough to find the phone, short enough for a shared desk.
PENDING_MINUTES = 10
RECOVERY_CODES = 10
# The sender of ``user_login_failed`` for a wrong code (axes counts it; the security log tells it apart).
CODE_SENDER = "accounts.two_factor"
_TOTP_CODE = re.compile(r"\d{6}")


def required_for(user: User) -> bool:
    return settings.STAFF_2FA_REQUIRED and user.is_staff_member


def has_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def asks_code(user: User) -> bool:
    """Whether her sign-in takes a second step: the code, or enrolment first."""
    return user.is_staff_member and (settings.STAFF_2FA_REQUIRED or has_device(user))


def next_step(user: User) -> str:
    """The URL name of the step after her password."""
    return "accounts:two_factor" if has_device(user) else "accounts:two_factor_enrol"


# --- The pending sign-in ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    user: User
    backend: str
    next_url: str


def pending_begin(request, user: User, *, backend: str, next_url: str) -> None:
    request.session[PENDING_KEY] = {"user": user.pk, "backend": backend, "since": time.time(), "next": next_url}


def pending(request) -> Pending | None:
    """The account whose password was given in this session, while she may still enter her code."""
    data = request.session.get(PENDING_KEY)
    if not data or time.time() - data["since"] > PENDING_MINUTES * 60:
        return None
    user = User.objects.select_related("centre").filter(pk=data["user"], is_active=True).first()
    return Pending(user, data["backend"], data["next"]) if user is not None else None


def pending_end(request) -> None:
    request.session.pop(PENDING_KEY, None)
    request.session.pop(ENROL_KEY, None)


# --- Codes ----------------------------------------------------------------------------------------


class CodeRefused(DomainError):
    """A code not accepted. ``counts``: it was tried and failed, so it counts towards the lockout (a
    throttled attempt tried nothing)."""

    def __init__(self, message, *, counts: bool = True) -> None:
        super().__init__(message, field="code")
        self.counts = counts


def normalise(code: str) -> str:
    """What she typed, without the spaces and dashes apps and printouts put in codes."""
    return re.sub(r"[\s-]", "", code or "").lower()


def verify(user: User, code: str) -> Device:
    """The device that accepts ``code`` (six digits: the app's; otherwise a recovery code)."""
    code = normalise(code)
    totp = bool(_TOTP_CODE.fullmatch(code))
    model: type[Device] = TOTPDevice if totp else StaticDevice
    with transaction.atomic():
        # Locked, so that the same code sent twice at once is accepted once.
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            raise CodeRefused(_wrong(totp))
        allowed, details = device.verify_is_allowed()
        if not allowed:
            raise CodeRefused(_throttled(device, details), counts=False)
        if device.verify_token(code):
            return device
    if totp and _used_already(device, code):
        raise CodeRefused(_("This code has already been used. Wait for the next code in the app and enter it."))
    raise CodeRefused(_wrong(totp))


def _wrong(totp: bool) -> str:
    if totp:
        return _("This code is wrong or has expired. Enter the code the app shows now.")
    return _("This recovery code is wrong or has already been used. Each recovery code works once.")


def _throttled(device: Device, details: dict | None) -> str:
    locked_until = (details or {}).get("locked_until")
    seconds = max(1, int(locked_until.timestamp() - time.time()) + 1) if locked_until else 1
    return ngettext(
        "Too many wrong codes in a row. Wait %(seconds)d second and try again.",
        "Too many wrong codes in a row. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


def _used_already(device: TOTPDevice, code: str) -> bool:
    """The code is right for this window, but its time step was verified already: a replay."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return bool(totp.verify(int(code), device.tolerance))


# --- Enrolment ------------------------------------------------------------------------------------


def enrol_key(request) -> str:
    """The secret offered on the enrolment page, kept in the session until a code proves it was scanned
    (no device row exists before that)."""
    key = request.session.get(ENROL_KEY)
    if not key:
        key = request.session[ENROL_KEY] = random_hex(20)
    return key


def key_accepts(key: str, code: str) -> int | None:
    """The time step at which ``code`` matches the secret ``key`` (hex), or None."""
    code = normalise(code)
    if not _TOTP_CODE.fullmatch(code):
        return None
    totp = TOTP(unhexlify(key), digits=6)
    totp.time = time.time()
    return totp.t() if totp.verify(int(code), tolerance=1) else None  # t() counts the drift matched


def secret_text(key: str) -> str:
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    text = b32encode(unhexlify(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_data_uri(user: User, key: str) -> str:
    """The otpauth:// address of the secret as a QR code, an SVG in a data: URI (the CSP allows it)."""
    url = TOTPDevice(user=user, key=key).config_url
    return segno.make(url, error="m").svg_data_uri(scale=5, border=2)
