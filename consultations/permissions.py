"""Who may do what with consultations.

``can_read_note(user, consultation)`` is the one answer to "may she read this case note?" — asked by
every page, fragment, export and the timeline before any note text is shown, and nowhere else
decided. A psychological consultation's note is read by psychologists only, a legal one by lawyers
and the centre head, an employment one by employment advisers and the head; the author always reads
her own. Everyone else who may see the family sees that a consultation happened, its type and
status. The other rules say who may book, hold and record consultations.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from consultations.kinds import SPECIALTY_OF_KIND, Kind
from core.permissions import YES, Decision, no, rule
from core.roles import CENTRE_ROLES, Role
from core.scoping import has_role

BOOKERS = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD, Role.SPECIALIST})
CALENDAR_READERS = CENTRE_ROLES
FOLLOW_UP_READERS = frozenset({Role.SPECIALIST, Role.CENTRE_HEAD})
# The kinds whose notes the centre head of the consultation's centre reads too.
HEAD_READS = frozenset({Kind.LEGAL, Kind.EMPLOYMENT})
NOT_YOURS = _("Only the specialist who holds this consultation can do this.")


def _reads_kind(user, kind: str) -> bool:
    if user.role == Role.SPECIALIST:
        return user.specialty == SPECIALTY_OF_KIND[Kind(kind)]
    return False


def can_read_note(user, consultation) -> bool:
    """Whether ``user`` may read the case note of ``consultation`` (an Appointment) — its text, advice,
    outcome, referrals and outcome details. Asked about a consultation the user may see at all."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if consultation.specialist_id == user.pk:  # she holds it, and only she writes its note
        return True
    if _reads_kind(user, consultation.kind):
        return True
    if user.role == Role.CENTRE_HEAD and consultation.kind in HEAD_READS:
        return user.centre_id == consultation.centre_id
    return False


@rule("consultations.read_note")
def can_read_note_rule(user, consultation=None) -> Decision:
    """``can_read_note`` as a rule, for templates (``{% allowed "consultations.read_note" a as may %}``)."""
    if consultation is None:
        return no()
    return (
        YES if can_read_note(user, consultation) else no(_("Only the specialists of this kind of consultation read its notes."))
    )


@rule("consultations.view_calendar")
def can_view_calendar(user, obj=None) -> Decision:
    return YES if has_role(user, CALENDAR_READERS) else no()


@rule("consultations.book")
def can_book(user, family=None) -> Decision:
    """Staff at the desk and specialists book for a family; a mother books for herself through the
    same service (``appointment_book`` with her as the actor), not through these pages."""
    if not has_role(user, BOOKERS):
        return no()
    if family is not None and family.anonymised_at is not None:
        return no(_("This family's personal data has been removed."))
    return YES


@rule("consultations.view_appointment")
def can_view_appointment(user, appointment=None) -> Decision:
    return YES if has_role(user, CENTRE_ROLES) else no()


@rule("consultations.change_appointment")
def can_change_appointment(user, appointment=None) -> Decision:
    """Move or cancel: the desk, the centre head and the specialist herself, while it is booked."""
    if not has_role(user, BOOKERS):
        return no()
    if appointment is None:
        return YES
    if user.role == Role.SPECIALIST and appointment.specialist_id != user.pk:
        return no(NOT_YOURS)
    if not appointment.is_open:
        return no(_("Only a booked appointment can be moved or cancelled."))
    return YES


@rule("consultations.hold_appointment")
def can_hold_appointment(user, appointment=None) -> Decision:
    """Record the outcome (a case note) or a no-show: the specialist who holds it."""
    if not has_role(user, frozenset({Role.SPECIALIST})):
        return no()
    if appointment is not None and appointment.specialist_id != user.pk:
        return no(NOT_YOURS)
    return YES


@rule("consultations.view_follow_ups")
def can_view_follow_ups(user, obj=None) -> Decision:
    return YES if has_role(user, FOLLOW_UP_READERS) else no()


@rule("consultations.export")
def can_export(user, obj=None) -> Decision:
    return YES if has_role(user, frozenset({Role.CENTRE_HEAD})) else no()


@rule("consultations.view_family_appointments")
def can_view_family_appointments(user, family=None) -> Decision:
    return YES if has_role(user, CENTRE_ROLES) else no()


@rule("consultations.view_own_appointments")
def can_view_own_appointments(user, obj=None) -> Decision:
    return YES if has_role(user, frozenset({Role.MOTHER})) else no()
