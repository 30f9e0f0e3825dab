"""Booking, moving and the status of an appointment.

A specialist is never booked twice at once, even when two registrars book the same slot at the same
moment: the booking locks the specialist's row (and the family's), then checks for an overlap, then
inserts — the second booking waits for the first to commit and then sees it, and is refused with a
friendly message. On PostgreSQL the exclusion constraints of migration 0002 stand behind the check.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import record_change
from consultations import messages, selectors
from consultations.kinds import Channel, kind_of
from consultations.models import Appointment, TimeOff
from consultations.timeline import STATUS_KINDS, add_entry
from core import text
from core.errors import DomainError
from core.locking import lock_timeout
from core.roles import Role
from families.models import Family
from families.services import family_open_to_centre, require_consent
from holidays.selectors import holidays_between

REASON_MAX = 500
Status = Appointment.Status
DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})


def _check_actor(actor, *, family: Family, specialist) -> None:
    """The desk books for any family it sees (the view fetched it through her scope); a specialist
    into her own calendar; a mother for herself."""
    if actor.role == Role.MOTHER:
        if family.mother_account_id != actor.pk:
            raise DomainError(_("You can book consultations only for yourself."))
    elif actor.role == Role.SPECIALIST:
        if specialist.pk != actor.pk:
            raise DomainError(_("A specialist books only into her own calendar."), field="specialist")
    elif actor.role not in DESK:
        raise DomainError(_("Your role does not allow this."))


def _day_refusal(specialist, centre, day: dt.date) -> str | None:
    """Why nobody can be booked with ``specialist`` at ``centre`` on ``day``, if so."""
    holiday = holidays_between(day, day).get(day)
    if holiday:
        return _("%(date)s is a public holiday (%(name)s): the centre is closed.") % {
            "date": date_format(day, "SHORT_DATE_FORMAT"),
            "name": holiday,
        }
    if TimeOff.objects.filter(specialist=specialist, first_day__lte=day, last_day__gte=day).exists():
        return _("The specialist is away on %(date)s.") % {"date": date_format(day, "SHORT_DATE_FORMAT")}
    return None


def planned_slot(*, specialist, centre, starts_at: dt.datetime):
    """The slot of her plan at ``centre`` that starts at ``starts_at`` (free or not), or a refusal."""
    if starts_at <= timezone.now():
        raise DomainError(_("This time has passed. Choose a time from now on."), field="starts_at")
    places = [place for place in selectors.workplaces(specialist=specialist) if place.centre_id == centre.pk]
    if not places:
        raise DomainError(_("This specialist does not receive at this centre."), field="specialist")
    day = timezone.localtime(starts_at).date()
    if refusal := _day_refusal(specialist, centre, day):
        raise DomainError(refusal, field="starts_at")
    plan = selectors.plan_of(places[0], day)
    slot = next((slot for slot in plan if slot.starts_at == starts_at), None)
    if slot is None:
        raise DomainError(_("This is outside the specialist's working hours. Choose one of her free times."), field="starts_at")
    return slot


def _lock(*, specialist, family: Family) -> None:
    """The specialist's row, then the family's, locked until the transaction ends: bookings of the same
    specialist (or of the same mother) wait for each other, always in this order."""
    with lock_timeout():
        User.objects.select_for_update().filter(pk=specialist.pk).first()
        Family.objects.select_for_update(of=("self",)).filter(pk=family.pk).first()


def _check_free(*, specialist, family: Family, starts_at, ends_at, moving: Appointment | None = None) -> None:
    others = Appointment.objects.overlapping(starts_at, ends_at)
    if moving is not None:
        others = others.exclude(pk=moving.pk)
    if others.filter(specialist=specialist).exists():
        raise DomainError(_("This time has just been booked by someone else. Choose another time."), field="starts_at")
    if others.filter(family=family).exists():
        raise DomainError(_("The mother already has an appointment at this time."), field="starts_at")


def _saved(appointment: Appointment, **save) -> Appointment:
    """Saves in a savepoint: the database's exclusion constraints (PostgreSQL) have the last word."""
    try:
        with transaction.atomic():
            appointment.save(**save)
    except IntegrityError as error:
        if "appointment_specialist_never_double_booked" in str(error):
            raise DomainError(
                _("This time has just been booked by someone else. Choose another time."), field="starts_at"
            ) from error
        if "appointment_mother_one_at_a_time" in str(error):
            raise DomainError(_("The mother already has an appointment at this time."), field="starts_at") from error
        raise
    return appointment


@transaction.atomic
def appointment_book(
    *,
    actor,
    family: Family,
    specialist,
    centre,
    starts_at: dt.datetime,
    channel: str = Channel.IN_PERSON,
    video_link: str = "",
) -> Appointment:
    """Books ``family``'s mother with ``specialist`` at ``centre`` in the free slot starting at ``starts_at``."""
    _check_actor(actor, family=family, specialist=specialist)
    require_consent(family)
    if specialist.role != Role.SPECIALIST or not specialist.is_active:
        raise DomainError(_("Choose a specialist."), field="specialist")
    slot = planned_slot(specialist=specialist, centre=centre, starts_at=starts_at)
    _lock(specialist=specialist, family=family)
    _check_free(specialist=specialist, family=family, starts_at=slot.starts_at, ends_at=slot.ends_at)
    appointment = Appointment(
        family=family,
        specialist=specialist,
        centre=centre,
        kind=kind_of(specialist),
        channel=channel,
        video_link=video_link if channel == Channel.VIDEO else "",
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        booked_by=actor,
    )
    _saved(appointment, force_insert=True)
    family_open_to_centre(family=family, centre=centre, since=appointment.booked_at)
    add_entry(appointment, kind="consultations.booked", actor=actor)
    record_change(actor=actor, subject=family, action="appointment.book", target=appointment)
    messages.tell_booked(appointment)
    return appointment


def _locked(appointment: Appointment) -> Appointment:
    with lock_timeout():
        return (
            Appointment.objects.select_for_update(of=("self",))
            .select_related("family__mother", "specialist", "centre")
            .get(pk=appointment.pk)
        )


def _may_change(actor, appointment: Appointment) -> None:
    if actor.role == Role.MOTHER:
        if appointment.family.mother_account_id != actor.pk:
            raise DomainError(_("Your role does not allow this."))
    elif actor.role == Role.SPECIALIST:
        if appointment.specialist_id != actor.pk:
            raise DomainError(_("Only the specialist who holds this consultation can do this."))
    elif actor.role not in DESK:
        raise DomainError(_("Your role does not allow this."))
    if appointment.status != Status.BOOKED:
        raise DomainError(
            _("This appointment is already %(status)s. Nothing was changed.") % {"status": appointment.get_status_display()}
        )


@transaction.atomic
def appointment_reschedule(*, actor, appointment: Appointment, starts_at: dt.datetime) -> Appointment:
    """Moves a booked appointment to another free slot of the same specialist at the same centre."""
    appointment = _locked(appointment)
    _may_change(actor, appointment)
    require_consent(appointment.family)
    slot = planned_slot(specialist=appointment.specialist, centre=appointment.centre, starts_at=starts_at)
    if slot.starts_at == appointment.starts_at:
        raise DomainError(_("This is the time it is booked for already."), field="starts_at")
    _lock(specialist=appointment.specialist, family=appointment.family)
    _check_free(
        specialist=appointment.specialist,
        family=appointment.family,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        moving=appointment,
    )
    appointment.starts_at, appointment.ends_at = slot.starts_at, slot.ends_at
    appointment.revision += 1
    _saved(appointment, update_fields=["starts_at", "ends_at", "revision"])
    add_entry(appointment, kind="consultations.moved", actor=actor)
    record_change(
        actor=actor, subject=appointment.family, action="appointment.reschedule", target=appointment, changed_fields=["starts_at"]
    )
    messages.tell_moved(appointment)
    return appointment


def _check_status_move(actor, appointment: Appointment, status: str) -> None:
    if status == Status.CANCELLED:
        return
    if actor.role != Role.SPECIALIST or appointment.specialist_id != actor.pk:
        raise DomainError(_("Only the specialist who holds this consultation can do this."))
    if not appointment.has_begun:
        raise DomainError(_("This consultation has not begun yet."))


@transaction.atomic
def appointment_move(*, actor, appointment: Appointment, status: str, reason: str = "") -> Appointment:
    """The one way an appointment's status moves: booked → held, missed (by its specialist, once it
    has begun) or cancelled (with a reason: the desk, the specialist, the mother herself)."""
    appointment = _locked(appointment)
    _may_change(actor, appointment)
    if status not in STATUS_KINDS:
        raise DomainError(_("Choose what became of the appointment."), field="status")
    _check_status_move(actor, appointment, status)
    reason = text.bounded(text.paragraphs(reason or ""), limit=REASON_MAX, field="reason")
    if status == Status.CANCELLED and not reason:
        raise DomainError(_("Give the reason for cancelling."), field="reason")
    appointment.status = status
    appointment.cancel_reason = reason if status == Status.CANCELLED else ""
    appointment.status_changed_by = actor
    appointment.status_changed_at = timezone.now()
    appointment.save(update_fields=["status", "cancel_reason", "status_changed_by", "status_changed_at"])
    extra = {"reason": appointment.cancel_reason} if status == Status.CANCELLED else {}
    add_entry(appointment, kind=STATUS_KINDS[status], actor=actor, **extra)
    record_change(
        actor=actor,
        subject=appointment.family,
        action=f"appointment.{status}",
        target=appointment,
        changed_fields=["status"],
        data={"status": status},
    )
    if status == Status.CANCELLED:
        messages.tell_cancelled(appointment)
    else:
        messages.withdraw_reminder(appointment)
    return appointment
