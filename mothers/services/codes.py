"""SMS codes: sent through the outbox to the bare number, kept only as a keyed digest, used once.

A code proves that whoever types it holds the phone it went to. How often codes may be asked for and
tried is limited per number and per client address by ``mothers.limits`` (django-ratelimit), in
front of these functions; a code itself dies after ``MOTHERS_CODE_MINUTES`` or when a newer one for
the same number and purpose is sent.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from core.errors import DomainError
from mothers.models import SmsCode
from notifications.services import notify

TEMPLATES = {
    SmsCode.Purpose.SIGN_UP: "mother_sign_up_code",
    SmsCode.Purpose.RESET: "mother_reset_code",
    SmsCode.Purpose.NEW_PHONE: "mother_new_phone_code",
}


def _digest(*, phone: str, purpose: str, code: str) -> str:
    return salted_hmac("mothers.sms_code", f"{purpose}:{phone}:{code}", algorithm="sha256").hexdigest()


def _lifetime() -> dt.timedelta:
    return dt.timedelta(minutes=settings.MOTHERS_CODE_MINUTES)


@transaction.atomic
def code_send(*, phone: str, purpose: str, language: str, user=None) -> SmsCode:
    """Sends a new code to ``phone`` (E.164) for ``purpose``, in ``language``; earlier codes for the same
    number and purpose stop working. The message is essential: it goes whatever her preferences."""
    now = timezone.now()
    SmsCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    sent = SmsCode.objects.create(
        phone=phone,
        purpose=purpose,
        user=user,
        digest=_digest(phone=phone, purpose=purpose, code=code),
        language=language,
        created_at=now,
        expires_at=now + _lifetime(),
    )
    notify(
        key=TEMPLATES[SmsCode.Purpose(purpose)],
        recipient=sent.notification_recipient(),
        centre=None,  # no centre's delivery log shows a sign-in code
        context={"code": code, "minutes": str(settings.MOTHERS_CODE_MINUTES)},
        idempotency_key=f"mothers.sms_code:{sent.pk}",
    )
    return sent


def code_use(*, phone: str, purpose: str, code: str, user=None) -> SmsCode:
    """Spends the latest code sent to ``phone`` for ``purpose`` (and ``user``) if ``code`` is it and it
    is still valid; otherwise refuses, saying the same whatever was wrong. Call it inside the
    transaction of what the code allows, so that a refusal there leaves the code unspent."""
    now = timezone.now()
    latest = (
        SmsCode.objects.select_for_update()
        .filter(phone=phone, purpose=purpose, user=user, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at", "-pk")
        .first()
    )
    typed = "".join(ch for ch in code if ch.isdigit())
    if latest is None or not constant_time_compare(latest.digest, _digest(phone=phone, purpose=purpose, code=typed)):
        raise DomainError(_("This code is wrong or no longer valid. Check the SMS, or ask for a new code."), field="code")
    latest.used_at = now
    latest.save(update_fields=["used_at"])
    return latest


def codes_forget(*, expired_before: dt.datetime) -> int:
    """Deletes the codes that expired before ``expired_before``, and with them their messages (which
    hold the number and the code); returns how many codes."""
    return SmsCode.objects.filter(expires_at__lt=expired_before).delete()[1].get(SmsCode._meta.label, 0)
