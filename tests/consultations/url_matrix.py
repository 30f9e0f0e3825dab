"""The consultations' URLs in the URL × role matrix (how: tests/url_matrix.py).

Centre staff see the calendars, the appointments of their district's families and the family page's
consultations; the desk, the centre head and specialists book; a specialist holds only her own
consultations (another's is a 403 inside her scope, a 404 outside it — the world's appointment is
held by a specialist who is none of the personas); the specialist lands on "my day"; follow-ups are for
specialists and the head, the export for the head; the mother's cabinet part for mothers (one without
a family gets an empty list). Officials and administrators get 403 everywhere: no personal page.
"""

from dataclasses import dataclass

from consultations.services import appointment_book
from core.roles import CENTRE_ROLES, Role, Specialty
from tests.consultations.factories import at, specialist_at, working_day
from tests.url_matrix import Access, Case, Persona

SPECIALISTS = frozenset({Role.SPECIALIST})
BOOKERS = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD, Role.SPECIALIST})
FOLLOW_UPS = frozenset({Role.SPECIALIST, Role.CENTRE_HEAD})
HEAD = frozenset({Role.CENTRE_HEAD})
MOTHERS = frozenset({Role.MOTHER})


@dataclass(frozen=True)
class NotHers(Access):
    """A page about the world's appointment that only its own specialist may use among specialists:
    the others get 403 inside their scope (404 outside, as everyone)."""

    def outcome(self, persona: Persona):
        if persona.role == Role.SPECIALIST and persona.sees_home:
            return self.forbidden
        return super().outcome(persona)


def populate(world) -> None:
    world.consultant = specialist_at(world.home, Specialty.PSYCHOLOGIST)
    world.appointment = appointment_book(
        actor=world.users["registrar"],
        family=world.family,
        specialist=world.consultant,
        centre=world.home,
        starts_at=at(working_day(3), 10),
    )


def _appointment(world):
    return [world.appointment.pk]


def page(roles, *, args=lambda world: [], scoped=False) -> Case:
    return Case(args=args, get=Access(roles, scoped=scoped), post=Access(roles, ok=405, scoped=scoped))


def theirs(roles, *, get=200, post=400) -> Case:
    return Case(args=_appointment, get=NotHers(roles, ok=get, scoped=True), post=NotHers(roles, ok=post, scoped=True))


URLS = {
    "consultations:my_day": page(SPECIALISTS),
    "consultations:calendar": page(CENTRE_ROLES),
    "consultations:specialist_calendar": page(CENTRE_ROLES, args=lambda world: [world.consultant.pk], scoped=True),
    "consultations:book_for_family": page(BOOKERS, args=lambda world: [world.family.pk], scoped=True),
    "consultations:book": Case(get=Access(BOOKERS), post=Access(BOOKERS, ok=400)),
    "consultations:appointment": page(CENTRE_ROLES, args=_appointment, scoped=True),
    "consultations:reschedule": theirs(BOOKERS),
    "consultations:cancel": theirs(BOOKERS),
    # Not begun yet: its own specialist would get the form; for every persona it is another's.
    "consultations:note": theirs(SPECIALISTS),
    "consultations:no_show": theirs(SPECIALISTS, get=405, post=405),
    "consultations:follow_ups": page(FOLLOW_UPS),
    "consultations:export": page(HEAD),
    "consultations:family_section": page(CENTRE_ROLES, args=lambda world: [world.family.pk], scoped=True),
    "consultations:cabinet": page(MOTHERS),
}
