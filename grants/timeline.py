"""The grants' entries on a family's timeline: every move of an application, with the programme's name
and the new status in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.timeline import TimelineKind
from families.timeline import choice_in_languages, timeline_add, translated
from grants.models import Application, Status

KINDS = [
    TimelineKind("grants.moved", "cash-coin", _("Grant application %(number)s, “%(programme)s”: %(status)s"), detail="comment"),
    TimelineKind("grants.tranche", "cash-stack", _("Grant %(number)s: a tranche of %(amount)s paid")),
]


def moved(application: Application, *, actor, target: str, comment: str = "") -> None:
    timeline_add(
        family=application.family_id,
        kind="grants.moved",
        actor=actor,
        about=application,
        params={
            "number": application.number,
            "programme": translated(application.programme, "name"),
            "status": choice_in_languages(Status(target)),
            "comment": comment,
        },
    )


def tranche_paid(application: Application, *, actor, amount: str) -> None:
    timeline_add(
        family=application.family_id,
        kind="grants.tranche",
        actor=actor,
        about=application,
        params={"number": application.number, "amount": amount},
    )
