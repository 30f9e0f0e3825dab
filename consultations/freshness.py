"""Whether a centre's week view kept in the cache still shows the truth.

Every centre has a token in the cache (and all centres share one more); the week view names both in the
key of its cached page, so replacing a token makes the next request render the week again. A token is
replaced after the commit of anything the week's counts are made of (``consultations.receivers``):
an appointment of one of the centre's specialists, wherever it is (her time at another centre is not
free here); her plan, breaks and time off; her name, specialty or leaving; a public holiday (all
centres). Time is the other ingredient: the view keeps a week only until its next free slot of today
begins or the day ends (``Week.changes_at``).

Two more tokens serve the specialist's day (``selectors.specialist_day``): her weekly plans are kept
under the token all centres share (every plan, workplace and holiday replaces it), and her follow-ups'
counts under one replaced by any appointment or case note (a later appointment of the same kind, by
whichever specialist, takes a follow-up up). The tokens are ``core.freshness``'s."""

from __future__ import annotations

from collections.abc import Iterable

from core import freshness

ALL = "all"
FOLLOW_UPS = "consultations:follow-ups-token"


def _key(centre_id: int | str) -> str:
    return f"consultations:week-token:{centre_id}"


def tokens(centre_id: int) -> str:
    """The tokens the centre's cached pages are kept under now (new ones when the cache has none)."""
    return freshness.tokens(_key(ALL), _key(centre_id))


def weeks_changed(centre_ids: Iterable[int | None]) -> None:
    """The weeks of these centres change once the current transaction commits (at once without one)."""
    freshness.replace_on_commit(_key(pk) for pk in centre_ids if pk is not None)


def all_weeks_changed() -> None:
    """Every centre's week changes (a public holiday, the demo's history written in bulk)."""
    freshness.replace_on_commit([_key(ALL)])


def plans_token() -> str:
    """The token of every centre's plans: her workplaces, hours and breaks are kept under it."""
    return freshness.tokens(_key(ALL))


def follow_ups_token() -> str:
    return freshness.tokens(FOLLOW_UPS)


def follow_ups_changed() -> None:
    """Everyone's follow-ups may change once the current transaction commits (an appointment or a note)."""
    freshness.replace_on_commit([FOLLOW_UPS])
