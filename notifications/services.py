"""The life of a notification.

1. ``notify`` writes the row in the caller's transaction (no row if that transaction rolls back) and,
   once it commits, asks a worker to send it. If the broker is down, the row just waits.
2. ``notifications_sweep`` (beat, every minute) claims due rows under a row lock that other sweepers
   skip, so two sweepers never take the same row, and enqueues them after its own commit.
3. ``notification_deliver`` (the task) starts an attempt with a conditional update, so each
   attempt happens once: a task delivered twice, or a sweep racing the first enqueue, finds the row
   taken and does nothing. A gateway error puts the row back as pending with an exponential,
   jittered delay — the schedule lives in the table, never as a long ETA in the broker — until the
   last attempt marks it failed. A worker that died after calling the gateway leaves the row
   "sending" with its attempt started: the sweeper marks it failed instead of sending it again
   (at most once), and staff can retry it by hand.
4. ``notification_cancel`` and ``notification_reschedule`` change a message not yet on its way (a
   cancelled or moved appointment), with the same kind of conditional update: either they win and the
   message is never sent (or sent at the new time), or its attempt had begun and they say so.

A row that ends (sent, failed, cancelled) sends ``notifications.signals.notification_settled``: the
app whose record it went to writes it into its own history (families: the family's timeline).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import uuid
from typing import Any, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import audit_log
from core.errors import DomainError
from core.locking import lock_timeout
from notifications import sms
from notifications.models import Channel, MessageTemplate, Notification
from notifications.recipients import Addressable, Recipient
from notifications.signals import notification_settled

logger = logging.getLogger(__name__)
Status = Notification.Status
# A message whose sending has not begun: still pending, or claimed by a sweep but not yet attempted.
_NOT_BEGUN = {"status__in": [Status.PENDING, Status.SENDING], "attempt_started_at__isnull": True}
_RELEASE = {"claim_token": None, "claimed_at": None, "attempt_started_at": None}


def notify(
    *,
    key: str,
    recipient: Recipient,
    centre,
    context: dict[str, Any],
    idempotency_key: str,
    send_at: dt.datetime | None = None,
) -> Notification | None:
    """Queue the message ``key`` for ``recipient``, filed under ``centre`` (the centre the event belongs
    to: its head sees the message in her delivery log).

    Call it inside the transaction of the event. Returns None when the recipient may not be told now
    or refused messages that are not essential; the existing row when this idempotency key was used
    already."""
    template = MessageTemplate.objects.get(key=key)
    if not recipient.reachable or (not template.essential and not recipient.accepts_optional):
        return None
    record = recipient.record
    notification, created = Notification.objects.get_or_create(
        idempotency_key=idempotency_key,
        defaults={
            "template": template,
            "channel": recipient.channel,
            "to": recipient.address,
            "language": recipient.language,
            "context": context,
            "essential": template.essential,
            "recipient_type": ContentType.objects.get_for_model(record) if record is not None else None,
            "recipient_id": record.pk if record is not None else None,
            "recipient_name": recipient.name[:200],
            "centre_id": getattr(centre, "pk", centre),
            "scheduled_for": send_at or timezone.now(),
        },
    )
    if created and notification.scheduled_for <= timezone.now():
        transaction.on_commit(lambda: _enqueue(notification.pk), robust=True)
    return notification


def _enqueue(notification_id: int, claim_token: uuid.UUID | None = None) -> bool:
    from notifications.tasks import send_notification

    try:
        send_notification.delay(notification_id, str(claim_token) if claim_token else None)
    except Exception:  # the broker is down or refused: the row stays in the table for the sweeper
        logger.warning("Could not enqueue notification %s; the sweeper will send it", notification_id, exc_info=True)
        return False
    return True


def notifications_sweep(*, batch: int = 500) -> int:
    """Claims due pending rows and enqueues them; returns how many it claimed."""
    now = timezone.now()
    lease = dt.timedelta(minutes=settings.NOTIFICATIONS_CLAIM_MINUTES)
    _recover_stale_claims(now - lease)
    token = uuid.uuid4()
    with transaction.atomic():
        claimed = _due_ids(now, batch)
        Notification.objects.filter(pk__in=claimed).update(status=Status.SENDING, claim_token=token, claimed_at=now)
        transaction.on_commit(lambda: _enqueue_claimed(claimed, token), robust=True)
    return len(claimed)


def _due_ids(now: dt.datetime, batch: int) -> list[int]:
    """The due rows, locked until the claim commits. A sweeper running at the same moment skips the
    rows locked here instead of claiming them too (or waiting). SQLite has no row locks, but it lets
    only one writer commit over a read, so a second sweeper there fails rather than claiming twice."""
    return list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(status=Status.PENDING, scheduled_for__lte=now)
        .order_by("scheduled_for")
        .values_list("pk", flat=True)[:batch]
    )


def _enqueue_claimed(ids: list[int], token: uuid.UUID) -> None:
    for notification_id in ids:
        if not _enqueue(notification_id, token):
            # Give the row back at once rather than when the claim expires.
            Notification.objects.filter(pk=notification_id, claim_token=token, attempt_started_at__isnull=True).update(
                status=Status.PENDING, claim_token=None, claimed_at=None
            )


def _recover_stale_claims(cutoff: dt.datetime) -> None:
    # Claimed but never started (the task was lost): safe to send later.
    Notification.objects.filter(status=Status.SENDING, attempt_started_at__isnull=True, claimed_at__lt=cutoff).update(
        status=Status.PENDING, claim_token=None, claimed_at=None
    )
    # Started but never finished (the worker died, perhaps after the gateway took it): never resent.
    # Each row is ended only if it is still that old attempt: a worker that was merely slow may have put
    # it back since, and a new claim or attempt on it is not interrupted.
    interrupted = Notification.objects.filter(status=Status.SENDING, attempt_started_at__lt=cutoff)
    for notification_id in list(interrupted.values_list("pk", flat=True)):
        _finish(interrupted.filter(pk=notification_id), status=Status.FAILED, failure=Notification.Failure.INTERRUPTED)


def _start_attempt(notification_id: int, claim_token: str | None) -> uuid.UUID | None:
    """Takes the row for one attempt, or returns None if it is not this caller's to send."""
    now = timezone.now()
    rows = Notification.objects.filter(pk=notification_id)
    if claim_token is None:
        token = uuid.uuid4()
        taken = rows.filter(status=Status.PENDING, scheduled_for__lte=now).update(
            status=Status.SENDING, claim_token=token, claimed_at=now, attempt_started_at=now, attempts=F("attempts") + 1
        )
    else:
        token = uuid.UUID(claim_token)
        taken = rows.filter(status=Status.SENDING, claim_token=token, attempt_started_at__isnull=True).update(
            attempt_started_at=now, attempts=F("attempts") + 1
        )
    return token if taken else None


def retry_delay(attempt: int) -> dt.timedelta:
    """Exponential backoff with jitter: about base, 2×base, 4×base... capped at an hour."""
    base = settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** (attempt - 1)
    return dt.timedelta(seconds=min(3600, base * random.uniform(0.5, 1.5)))


def _finish(rows, **values) -> bool:
    """Ends the row ``rows`` selects, if it still does (sent, failed or cancelled), and tells whoever
    keeps a history of it."""
    notification_id = rows.values_list("pk", flat=True).first()
    if notification_id is None or not rows.filter(pk=notification_id).update(**values, **_RELEASE):
        return False
    notification = Notification.objects.select_related("template").get(pk=notification_id)
    notification_settled.send(sender=Notification, notification=notification)
    return True


def _current_recipient(notification: Notification) -> Recipient | None:
    """The recipient as her record describes her now (None: the record is gone); a bare number as stored."""
    model = notification.recipient_type.model_class() if notification.recipient_type else None
    if model is None:
        return Recipient(channel=notification.channel, address=notification.to, language=notification.language)
    record = cast(Addressable | None, model._default_manager.filter(pk=notification.recipient_id).first())
    return record.notification_recipient() if record is not None else None


def notification_deliver(*, notification_id: int, claim_token: str | None = None) -> str | None:
    """One attempt to send a notification; returns its status afterwards, or None if it was not ours."""
    token = _start_attempt(notification_id, claim_token)
    if token is None:
        return None
    notification = Notification.objects.select_related("template", "recipient_type").get(pk=notification_id)
    mine = Notification.objects.filter(pk=notification_id, claim_token=token)
    recipient = _current_recipient(notification)
    if recipient is not None and (not recipient.reachable or (not notification.essential and not recipient.accepts_optional)):
        # Since this one was queued she withdrew her consent, or stopped reminders and news.
        _finish(mine, status=Status.CANCELLED)
        return Status.CANCELLED
    if recipient is not None:
        # A message scheduled days ahead goes where she (or the staff member) can be reached now.
        notification.channel, notification.to = recipient.channel, recipient.address
        mine.update(channel=notification.channel, to=notification.to)
    try:
        if recipient is None or not notification.to:
            raise sms.PermanentError("no address")
        body, message_id = _send(notification, recipient)
    except sms.TransientError as error:
        return _after_transient_error(notification, mine, error)
    except sms.PermanentError as error:
        failure = Notification.Failure.NO_ADDRESS if not notification.to else Notification.Failure.REJECTED
        _finish(mine, status=Status.FAILED, failure=failure, last_error=str(error)[:1000])
        return Status.FAILED
    _finish(
        mine, status=Status.SENT, sent_at=timezone.now(), provider_message_id=message_id, body=body, failure="", last_error=""
    )
    return Status.SENT


def _after_transient_error(notification: Notification, mine, error: Exception) -> str:
    if notification.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        _finish(mine, status=Status.FAILED, failure=Notification.Failure.GATEWAY, last_error=str(error)[:1000])
        return Status.FAILED
    retried = mine.filter(cancel_requested=False).update(
        status=Status.PENDING,
        last_error=str(error)[:1000],
        scheduled_for=timezone.now() + retry_delay(notification.attempts),
        **_RELEASE,
    )
    if not retried:  # cancelled while this attempt was under way
        _finish(mine, status=Status.CANCELLED, last_error=str(error)[:1000])
        return Status.CANCELLED
    return Status.PENDING


def _send(notification: Notification, recipient: Recipient) -> tuple[str, str]:
    template, language, context = notification.template, notification.language, notification.context
    if notification.channel == Channel.SMS:
        text = template.render("sms_text", language, context)
        return text, sms.backend().send(notification.to, text)
    subject = template.render("email_subject", language, context)
    body = template.render("email_body", language, context)
    headers = {}
    if recipient.unsubscribe_url and not notification.essential:
        link = recipient.unsubscribe_url
        with translation.override(language):
            body += "\n\n-- \n" + _("You get reminders and news from the Bakytty Otbasy centre. To stop them, open %(link)s") % {
                "link": link
            }
        # One-click unsubscribe from the mail client (RFC 8058).
        headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    try:
        EmailMessage(subject=subject, body=body, to=[notification.to], headers=headers).send()
    except OSError as error:  # SMTP down, refused, timed out: worth another try
        raise sms.TransientError(f"{type(error).__name__}: {error}") from error
    return body, ""


@transaction.atomic
def notification_retry(*, actor, notification: Notification) -> Notification:
    """Staff send a failed message again, with a fresh set of attempts."""
    with lock_timeout():
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.status != Status.FAILED:
        raise DomainError(_("Only a message that failed can be sent again."))
    notification.status = Status.PENDING
    notification.scheduled_for = timezone.now()
    notification.attempts = 0
    notification.failure = ""
    notification.claim_token = notification.claimed_at = notification.attempt_started_at = None
    notification.save()
    audit_log(actor=actor, action="notification.retry", target=notification)
    transaction.on_commit(lambda: _enqueue(notification.pk), robust=True)
    return notification


def notification_cancel(*, idempotency_key: str) -> str | None:
    """Withdraws a message that has not begun to go (the reminder of a cancelled appointment).

    Returns ``"cancelled"`` when it will never be sent, the message's status when it is past that
    (``"sending"``: its attempt has begun — it may reach her, but a failed attempt is not tried again;
    ``"sent"``, ``"failed"``), or None when there is no such message. The row is locked while it decides
    and every attempt starts with a conditional update, so a sweep or a worker racing it either finds the
    row cancelled, or began first and the caller learns the message goes."""
    with transaction.atomic():
        with lock_timeout():
            notification = Notification.objects.select_for_update().filter(idempotency_key=idempotency_key).first()
        if notification is None:
            return None
        rows = Notification.objects.filter(pk=notification.pk)
        if notification.status in (Status.PENDING, Status.SENDING) and notification.attempt_started_at is None:
            _finish(rows, status=Status.CANCELLED)
            return Status.CANCELLED
        if notification.status == Status.SENDING:
            # Its attempt has begun and may reach her; should it fail, it is not tried again.
            rows.update(cancel_requested=True)
        return notification.status


def notification_reschedule(*, idempotency_key: str, send_at: dt.datetime, context: dict[str, Any] | None = None) -> str | None:
    """Moves a message that has not begun to go to ``send_at`` (a moved appointment's reminder),
    with its context updated by ``context``. Returns its status afterwards: ``"pending"`` when it
    moved, otherwise as ``notification_cancel`` (a message already on its way is not moved)."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(idempotency_key=idempotency_key).first()
        if notification is None:
            return None
        if notification.status in (Status.PENDING, Status.SENDING) and notification.attempt_started_at is None:
            notification.status = Status.PENDING
            notification.scheduled_for = send_at
            notification.context = {**notification.context, **(context or {})}
            notification.claim_token = notification.claimed_at = None
            notification.save(update_fields=["status", "scheduled_for", "context", "claim_token", "claimed_at"])
            if send_at <= timezone.now():
                transaction.on_commit(lambda: _enqueue(notification.pk), robust=True)
        return notification.status


def notifications_forget(record) -> int:
    """Deletes every message to ``record`` (its data is being erased); returns how many."""
    rows = Notification.objects.filter(recipient_type=ContentType.objects.get_for_model(record), recipient_id=record.pk)
    return rows.delete()[0]
