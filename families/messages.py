"""What the registry (and any app writing to a mother) tells her through the outbox, in her language.

Public for every app: ``recipient_for(family)`` is how the outbox reaches a mother, and
``message_context(family, centre=...)`` the values every message to her may use (``name``, ``centre``,
``centre_phone``), worded in her language. The ``tell_*`` functions are the registry's own messages.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.formats import date_format

from core.phones import format_phone
from families.unsubscribe import unsubscribe_url
from notifications.models import Channel
from notifications.recipients import Recipient
from notifications.services import notify


def recipient_for(family) -> Recipient:
    """The mother of ``family`` as the outbox reaches her: by e-mail if she chose it and gave one, else
    by SMS; with her choice about reminders and news, and the link with which she can refuse them."""
    by_email = family.notify_by == Channel.EMAIL and bool(family.email)
    return Recipient(
        channel=Channel.EMAIL if by_email else Channel.SMS,
        address=family.email if by_email else str(family.phone or ""),
        language=family.language,
        name=family.mother.full_name,
        accepts_optional=family.optional_messages,
        unsubscribe_url=unsubscribe_url(family.pk, family.language),
        record=family,
    )


def message_context(family, *, centre, **extra: Any) -> dict[str, str]:
    """The values a message to the mother may use, in her language: her first name, the centre the
    message is about (not necessarily where she registered) and its phone, plus ``extra`` as text."""
    with translation.override(family.language):
        values = {"name": family.mother.first_name, "centre": centre.name, "centre_phone": format_phone(centre.phone)}
        values.update({key: str(value) for key, value in extra.items()})
        return values


def tell_mother(family, *, key: str, centre, idempotency_key: str, send_at=None, **extra: Any):
    """Queues the message ``key`` to the mother of ``family`` about ``centre``, in her language."""
    return notify(
        key=key,
        recipient=recipient_for(family),
        centre=centre,
        context=message_context(family, centre=centre, **extra),
        idempotency_key=idempotency_key,
        send_at=send_at,
    )


def tell_registered(family) -> None:
    tell_mother(family, key="family_registered", centre=family.centre, idempotency_key=f"family_registered:{family.pk}")


def tell_verified(family, *, centre) -> None:
    """Her family signed up online is verified (``centre``: where her documents were checked)."""
    tell_mother(family, key="family_verified", centre=centre, idempotency_key=f"family_verified:{family.pk}")


def tell_appeal_closed(appeal, step) -> None:
    family = appeal.family
    with translation.override(family.language):
        kind = appeal.get_kind_display()
    tell_mother(
        family,
        key=f"appeal_{step.to_status}",
        centre=appeal.centre,
        idempotency_key=f"appeal_step:{step.pk}",
        kind=kind,
        comment=step.comment,
    )


def tell_referred(referral) -> None:
    appeal, family = referral.appeal, referral.appeal.family
    with translation.override(family.language):
        kind, agency, due = appeal.get_kind_display(), referral.agency.name, date_format(referral.due_on, "SHORT_DATE_FORMAT")
    tell_mother(
        family,
        key="appeal_referred",
        centre=appeal.centre,
        idempotency_key=f"referral:{referral.pk}",
        kind=kind,
        agency=agency,
        due=due,
    )
