"""The link at the foot of every e-mail that is not essential, with which a mother stops reminders
and news herself. The signed family id is the only credential: it opens no personal data, and the
page it leads to only turns optional messages off."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

_SALT = "notifications.unsubscribe"


def unsubscribe_url(family_id: int, language: str) -> str:
    with translation.override(language):
        path = reverse("families:unsubscribe", args=[signing.dumps(family_id, salt=_SALT)])
    return settings.PORTAL_URL + path


def family_id_from(token: str) -> int | None:
    try:
        family_id = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    return family_id if isinstance(family_id, int) else None
