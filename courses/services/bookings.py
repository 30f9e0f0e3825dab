"""Booking a seat, the waiting list and its offers, cancelling, and releasing a seat.

Every change of a group's seats locks the group's row first (``locked_group``), then checks, then
writes, in one transaction: two mothers booking the last seat, two cancellations promoting from the
waiting list, an offer expiring while she confirms it — each waits for the other and sees its result.
Behind the lock the database keeps the counters itself and refuses more seats than the group has
(migration 0002), and one active booking per mother and course (a unique constraint)."""

from __future__ import annotations

import datetime as dt
import functools
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_change
from core.errors import DomainError
from core.locking import lock_timeout
from core.roles import Role
from courses import messages, timeline
from courses.models import Booking, Group
from courses.selectors import booking_closed_reason, consent_in_force, eligibility_problem
from families.models import Child, Family
from families.services import require_consent

Status = Booking.Status
logger = logging.getLogger(__name__)


def locked_group(group: Group) -> Group:
    """The group's row, locked until the transaction ends (its course and centre are read, not locked)."""
    with lock_timeout():
        locked = Group.objects.select_for_update(of=("self",)).select_related("course", "centre").get(pk=group.pk)
    return locked


def _locked_booking(booking: Booking) -> tuple[Booking, Group]:
    """The booking's group locked first (the order every service takes), then the booking as it is now."""
    group = locked_group(booking.group)
    booking = Booking.objects.select_related("family__mother", "group__course", "group__centre").get(pk=booking.pk)
    return booking, group


def _refuse_unless_bookable(group: Group) -> None:
    if reason := booking_closed_reason(group):
        raise DomainError(reason)


def _check_child(group: Group, family: Family, child: Child | None) -> None:
    if child is None:
        return
    if child.family_id != family.pk:
        raise DomainError(_("Choose one of her own children."), field="child")
    if not group.has_childcare:
        raise DomainError(_("This group has no kids' corner."), field="child")


def _set_full_or_open(group: Group) -> None:
    """Keeps the status in step with the seats: full when none is left, open again when one is."""
    group.refresh_from_db(fields=["seats_taken", "childcare_taken"])
    if group.status == Group.Status.OPEN and group.seats_taken >= group.capacity:
        Group.objects.filter(pk=group.pk).update(status=Group.Status.FULL)
    elif group.status == Group.Status.FULL and group.seats_taken < group.capacity:
        Group.objects.filter(pk=group.pk).update(status=Group.Status.OPEN)


def _already_booked(actor) -> DomainError:
    if actor.role == Role.MOTHER:
        return DomainError(_("You already have a booking for this course. Cancel it first to choose another group."))
    return DomainError(_("She already has a booking for this course."))


def _insert(**values) -> Booking:
    """The insert, in a savepoint: a race the lock did not cover (there is none while the lock holds)
    meets the database's constraints and gets a message, never a 500."""
    try:
        with transaction.atomic():
            return Booking.objects.create(**values)
    except IntegrityError as error:
        if "courses_one_active_booking_per_course" in str(error):
            raise _already_booked(values["booked_by"]) from error
        raise DomainError(_("The last seats have just been taken. Please try again.")) from error


def _seat_for(group: Group, child: Child | None, *, without_childcare: bool) -> tuple[bool, Child | None]:
    """Whether she gets a seat now (else the waiting list), and the child whose kids' corner place
    comes with it (none if the corner is full and she chose to go without)."""
    seat_free = group.seats_taken < group.capacity
    childcare_free = child is None or group.childcare_taken < group.childcare_capacity
    if seat_free and not childcare_free and without_childcare:
        return True, None
    return seat_free and childcare_free, child


@transaction.atomic
def booking_create(
    *, actor, group: Group, family: Family, child: Child | None = None, without_childcare: bool = False
) -> Booking:
    """A seat when one is free (with a kids' corner place for ``child``, or without one if she said so),
    else a place on the waiting list. ``actor``: she herself (online), or the registrar at the desk.

    What concerns only her (consent, eligibility, a booking of the same course) is checked before the
    group is locked; under the lock, only the group's state, the insert, the audit row and the timeline
    entry. Her message is written by a task enqueued when the booking commits (``_tell_booked``)."""
    at_desk = actor.role != Role.MOTHER
    if not at_desk and family.mother_account_id != actor.pk:
        raise DomainError(_("You can book only for yourself."))
    require_consent(family)
    if problem := eligibility_problem(family, group.course):
        raise DomainError(problem)
    if Booking.objects.active().filter(family=family, course_id=group.course_id).exists():
        raise _already_booked(actor)  # a twin racing past this meets the unique constraint in _insert
    group = locked_group(group)
    _refuse_unless_bookable(group)
    _check_child(group, family, child)
    confirmed, child = _seat_for(group, child, without_childcare=without_childcare)
    now = timezone.now()
    booking = _insert(
        group=group,
        course=group.course,
        family=family,
        child=child,
        status=Status.CONFIRMED if confirmed else Status.WAITING,
        waiting_since=now,
        confirmed_at=now if confirmed else None,
        at_desk=at_desk,
        booked_by=actor,
    )
    if confirmed and group.status == Group.Status.OPEN and group.seats_taken + 1 >= group.capacity:
        Group.objects.filter(pk=group.pk).update(status=Group.Status.FULL)  # the trigger counted her seat
    record_change(actor=actor, subject=family, action="booking.create", target=booking, data={"status": booking.status})
    timeline.add_entry(booking, kind="courses.booked" if confirmed else "courses.waiting", actor=actor)
    transaction.on_commit(functools.partial(_tell_booked, booking.pk), robust=True)
    return booking


def _tell_booked(booking_id: int) -> None:
    """Her message, written by a worker so that the request answers at once; written here and now if
    the broker cannot take the task (the outbox then sends it as any other)."""
    from courses.tasks import tell_booked

    try:
        tell_booked.delay(booking_id)
    except Exception:  # the broker is down or refused: no message may be lost with it
        logger.warning("Could not enqueue the message of booking %s; writing it now", booking_id, exc_info=True)
        messages.after_booking(booking_id)


def _end(booking: Booking, *, actor, status: str) -> None:
    booking.status = status
    booking.offered_until = None
    booking.ended_at = timezone.now()
    booking.ended_by = actor if actor is not None and actor.is_authenticated else None
    booking.save(update_fields=["status", "offered_until", "ended_at", "ended_by"])


@transaction.atomic
def booking_cancel(*, actor, booking: Booking) -> Booking:
    """She cancels (until the group starts), or staff cancel for her: the seat goes to the first mother
    waiting who fits it."""
    booking, group = _locked_booking(booking)
    by_her = actor.role == Role.MOTHER
    if not booking.is_active:
        raise DomainError(_("This booking has already ended."))
    if by_her and (group.status in (Group.Status.RUNNING, Group.Status.FINISHED) or group.starts_on <= timezone.localdate()):
        raise DomainError(_("The group has started: ask the centre to cancel your booking."))
    held_seat = booking.holds_seat
    _end(booking, actor=actor, status=Status.CANCELLED)
    record_change(actor=actor, subject=booking.family, action="booking.cancel", target=booking)
    timeline.add_entry(booking, kind="courses.cancelled", actor=actor)
    if by_her:
        messages.forget_reminder(booking)
    else:
        messages.tell_ended(booking)
    if held_seat:
        promote(group=group)
    _set_full_or_open(group)
    return booking


@transaction.atomic
def booking_release(*, actor, booking: Booking) -> Booking:
    """Staff release the seat of a mother who missed the group's number of lessons, for the waiting list."""
    from courses.selectors import missed_lessons

    booking, group = _locked_booking(booking)
    if booking.status != Status.CONFIRMED:
        raise DomainError(_("Only a confirmed seat can be released."))
    if group.release_after_missed == 0:
        raise DomainError(_("Seats of this group are not released for missed lessons."))
    missed = missed_lessons(booking)
    if missed < group.release_after_missed:
        raise DomainError(
            _("She has missed %(missed)s lessons; a seat is released after %(limit)s.")
            % {"missed": missed, "limit": group.release_after_missed}
        )
    _end(booking, actor=actor, status=Status.RELEASED)
    record_change(actor=actor, subject=booking.family, action="booking.release", target=booking)
    timeline.add_entry(booking, kind="courses.released", actor=actor)
    messages.tell_ended(booking)
    promote(group=group)
    _set_full_or_open(group)
    return booking


def free_places(group: Group) -> tuple[int, int]:
    """The seats and kids' corner places free now, from the counters the trigger keeps (this
    transaction's own changes counted)."""
    group.refresh_from_db(fields=["seats_taken", "childcare_taken"])
    return group.capacity - group.seats_taken, group.childcare_capacity - group.childcare_taken


def promote(*, group: Group) -> list[Booking]:
    """With ``group`` locked by the caller: offers the free seats to the mothers waiting, in the order
    they joined, each the first who fits (a mother who asked for a kids' corner place waits while none
    is free; the next one is offered the seat meanwhile). Each offer holds the seat until its deadline.
    A mother whose consent is no longer in force keeps her place but is passed over: nothing may be
    recorded or sent about her until she gives it again."""
    if group.status not in (Group.Status.OPEN, Group.Status.FULL, Group.Status.RUNNING):
        return []
    offered = []
    seats, childcare = free_places(group)
    deadline = timezone.now() + dt.timedelta(hours=settings.COURSES_OFFER_HOURS)
    waiting = (
        Booking.objects.waiting_in_order()
        .filter(group=group)
        .select_related("family__mother", "group__course", "group__centre")
        .prefetch_related("family__consents")
    )
    for booking in waiting:
        if seats <= 0:
            break
        if (booking.child_id is not None and childcare <= 0) or not consent_in_force(booking.family):
            continue
        booking.status, booking.offered_until = Status.OFFERED, deadline
        booking.save(update_fields=["status", "offered_until"])
        seats -= 1
        childcare -= booking.child_id is not None
        record_change(actor=None, subject=booking.family, action="booking.offer", target=booking)
        timeline.add_offer_entry(booking)
        messages.tell_offered(booking)
        offered.append(booking)
    return offered


@transaction.atomic
def offer_confirm(*, actor, booking: Booking) -> Booking:
    """She takes the seat offered to her, before its deadline."""
    booking, group = _locked_booking(booking)
    if booking.family.mother_account_id != actor.pk and actor.role == Role.MOTHER:
        raise DomainError(_("You can confirm only your own booking."))
    if booking.status != Status.OFFERED:
        raise DomainError(_("There is no seat offered to you in this group now."))
    if booking.offered_until is None or booking.offered_until <= timezone.now():  # the beat task passes it on within minutes
        raise DomainError(_("The time to confirm this seat has run out, and it passes to the next mother."))
    booking.status, booking.offered_until, booking.confirmed_at = Status.CONFIRMED, None, timezone.now()
    booking.save(update_fields=["status", "offered_until", "confirmed_at"])
    record_change(actor=actor, subject=booking.family, action="booking.confirm", target=booking)
    timeline.add_entry(booking, kind="courses.confirmed", actor=actor)
    messages.tell_confirmed(booking)
    return booking


def _expire(booking: Booking, group: Group) -> None:
    _end(booking, actor=None, status=Status.EXPIRED)
    record_change(actor=None, subject=booking.family, action="booking.expire", target=booking)
    timeline.add_entry(booking, kind="courses.expired")
    messages.tell_ended(booking)
    promote(group=group)
    _set_full_or_open(group)


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """The beat task: offers past their deadline end, and their seats go to the next mothers waiting.
    One transaction per group, with the group locked (an offer confirmed at the same moment wins or loses
    cleanly: it sees the offer still open, or already expired)."""
    now = now or timezone.now()
    expired = 0
    groups = Booking.objects.filter(status=Status.OFFERED, offered_until__lte=now).values_list("group_id", flat=True).distinct()
    for group_id in list(groups):
        with transaction.atomic():
            group = locked_group(Group(pk=group_id))
            lapsed = Booking.objects.filter(group=group, status=Status.OFFERED, offered_until__lte=now)
            for booking in lapsed.select_related("family__mother", "group__course", "group__centre").order_by(
                "waiting_since", "pk"
            ):
                _expire(booking, group)
                expired += 1
    return expired


@transaction.atomic
def bookings_move(*, actor, source: Family, target: Family) -> int:
    """Every booking of ``source`` becomes ``target``'s, as it stands (seat, place on the waiting list,
    attendance): a mother's sign-up family merged into the family the registry holds for her
    (``mothers.services.mother_link``). Refused, with nothing moved, when both families hold an active
    booking for the same course. Returns how many moved."""
    with lock_timeout():
        moving = list(Booking.objects.select_for_update().filter(family=source).order_by("pk"))
    courses = {booking.course_id for booking in moving if booking.status in Booking.ACTIVE}
    if Booking.objects.active().filter(family=target, course_id__in=courses).exists():
        raise DomainError(
            _("She has a booking for the same course on both files. Cancel one of them first, then link her account.")
        )
    Booking.objects.filter(pk__in=[booking.pk for booking in moving]).update(family=target)
    for booking in moving:
        record_change(actor=actor, subject=target, action="booking.move", target=booking, data={"from_family": source.pk})
    return len(moving)
