"""Every change to consultations goes through these functions: each takes the acting user, runs in one
transaction, leaves an audit row, writes the family's timeline, tells the mother through the outbox
where she should know, and raises ``core.errors.DomainError`` with a translated message on refusal."""

from consultations.services.booking import appointment_book, appointment_move, appointment_reschedule
from consultations.services.notes import PlacementData, note_record

__all__ = ["PlacementData", "appointment_book", "appointment_move", "appointment_reschedule", "note_record"]
