"""Whether a round's ranking kept in the cache still shows the truth.

Every round has a token in the cache, and all rounds share one more; the ranking page names both in the
key of the table it keeps (``grants.views.staff.ranking``), so replacing a token makes the next request
rank the round again. A round's token is replaced after the commit of anything its ranking is made of
(``grants.receivers``): one of its applications (status, amount, amendment), a review of one (assigned,
scored, withdrawn), the round itself (its stage decides what a commission member sees). The shared token
goes with what decides which families' applications a user sees or what the rows name: a family saved
(her district), a district renamed, the demo written in bulk. A family that comes to a centre from
another district (``families.CentreGuest``, written without signals) shows in that centre's rankings
when the table kept expires, at most ``RANKING_SECONDS`` later. The tokens are ``core.freshness``'s."""

from __future__ import annotations

from collections.abc import Iterable

from core import freshness

ALL = "grants:ranking"
RANKING_SECONDS = 5 * 60  # the longest a ranking is kept


def _key(round_id: int) -> str:
    return f"grants:ranking:{round_id}"


def tokens(round_id: int) -> str:
    """The tokens the round's ranking is kept under now."""
    return freshness.tokens(ALL, _key(round_id))


def rankings_changed(round_ids: Iterable[int | None]) -> None:
    """These rounds' rankings change once the current transaction commits."""
    freshness.replace_on_commit(_key(pk) for pk in round_ids if pk is not None)


def all_rankings_changed() -> None:
    freshness.replace_on_commit([ALL])
