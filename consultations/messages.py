"""What the consultations tell the mother through the outbox, in her language: the confirmation of a
booking, the reminder the day before, and the notices of a move or a cancellation.

No message names the kind of consultation, the specialist's specialty or anything of the case note:
staff read message texts in the delivery log and on the family's timeline. A message says when and
where, and the centre's phone.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from django.utils.formats import date_format

from families.messages import tell_mother
from notifications.services import notification_cancel, notification_reschedule

# The reminder goes the day before at six in the evening, Almaty time: after the working day, well
# before the night, and early enough to call the centre if she cannot come.
REMINDER_AT = dt.time(18, 0)


def reminder_time(starts_at: dt.datetime, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the reminder of an appointment at ``starts_at`` goes; None if that moment has passed (a
    booking made the evening before, or for today: the confirmation has just told her)."""
    zone = timezone.get_default_timezone()
    day_before = timezone.localtime(starts_at, zone).date() - dt.timedelta(days=1)
    at = dt.datetime.combine(day_before, REMINDER_AT).replace(tzinfo=zone)
    return at if at > (now or timezone.now()) else None


def _when(appointment) -> dict[str, str]:
    local = timezone.localtime(appointment.starts_at)
    with translation.override(appointment.family.language):
        return {"date": date_format(local.date(), "SHORT_DATE_FORMAT"), "time": date_format(local, "H:i")}


def _tell(appointment, *, key: str, idempotency_key: str, send_at=None):
    return tell_mother(
        appointment.family,
        key=key,
        centre=appointment.centre,
        idempotency_key=idempotency_key,
        send_at=send_at,
        **_when(appointment),
    )


def _queue_reminder(appointment) -> None:
    when = reminder_time(appointment.starts_at)
    if when is None:
        return
    key = f"consultation_reminder:{appointment.pk}:{appointment.revision}"
    if _tell(appointment, key="consultation_reminder", idempotency_key=key, send_at=when) is not None:
        appointment.reminder_key = key
        appointment.save(update_fields=["reminder_key"])


def tell_booked(appointment) -> None:
    _tell(appointment, key="consultation_booked", idempotency_key=f"consultation_booked:{appointment.pk}")
    _queue_reminder(appointment)


def tell_moved(appointment) -> None:
    """The notice of the new time, and the reminder moved with it (or withdrawn, if the new time is too
    close for one; or queued, if there was none that can still move)."""
    _tell(appointment, key="consultation_moved", idempotency_key=f"consultation_moved:{appointment.pk}:{appointment.revision}")
    when = reminder_time(appointment.starts_at)
    if appointment.reminder_key:
        if when is None:
            notification_cancel(idempotency_key=appointment.reminder_key)
            return
        status = notification_reschedule(idempotency_key=appointment.reminder_key, send_at=when, context=_when(appointment))
        if status == "pending":
            return
    _queue_reminder(appointment)


def withdraw_reminder(appointment) -> None:
    """The appointment will not take place as booked (cancelled, held, missed): no reminder of it."""
    if appointment.reminder_key:
        notification_cancel(idempotency_key=appointment.reminder_key)


def tell_cancelled(appointment) -> None:
    withdraw_reminder(appointment)
    _tell(appointment, key="consultation_cancelled", idempotency_key=f"consultation_cancelled:{appointment.pk}")
