"""Who a message goes to, as the caller knows her. The outbox itself knows no app's models.

The caller builds a ``Recipient``: a mother's family (``families.messages.recipient_for``), a member of
staff (``User.notification_recipient``), or a bare phone number (``Recipient.phone``, a sign-up code).
When it names a ``record``, the outbox keeps a reference to it and, when the message falls due, asks the
record again (``record.notification_recipient()``), so that a changed phone number, a refusal of
reminders or a withdrawal of consent made since is respected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db import models

from notifications.models import Channel


@dataclass(frozen=True)
class Recipient:
    channel: str  # Channel.SMS or Channel.EMAIL
    address: str  # a phone number in E.164, or an e-mail address
    language: str
    name: str = ""  # as the delivery log shows it
    accepts_optional: bool = True  # reminders and news (essential messages go while she may be told at all)
    reachable: bool = True  # False: nothing at all may go to her now (a mother who withdrew her consent)
    unsubscribe_url: str = ""  # the signed link at the foot of optional e-mails
    record: models.Model | None = None

    @classmethod
    def phone(cls, number: str, *, language: str) -> Recipient:
        """A bare phone number (a sign-up code for someone not on record yet)."""
        return cls(channel=Channel.SMS, address=number, language=language)


class Addressable(Protocol):
    """A model whose rows can receive messages."""

    def notification_recipient(self) -> Recipient: ...
