"""Whether a centre's week view kept in the cache still shows the truth.

Every centre has a token in the cache (and all centres share one more); the week view names both in the
key of its cached page, so replacing a token makes the next request render the week again. A token is
replaced after the commit of anything the week's counts are made of (``consultations.receivers``):
an appointment of one of the centre's specialists, wherever it is (her time at another centre is not
free here); her plan, breaks and time off; her name, specialty or leaving; a public holiday (all
centres). Time is the other ingredient: the view keeps a week only until its next free slot of today
begins or the day ends (``Week.changes_at``).

A token is a random string, never a counter, so a token lost from the cache (evicted, or the cache
emptied) can never come back as one an old page was kept under."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from core.htmx import CACHE_ERRORS

ALL = "all"
TOKEN_SECONDS = 24 * 60 * 60  # longer than any page is kept under it
logger = logging.getLogger(__name__)


def _key(centre_id: int | str) -> str:
    return f"consultations:week-token:{centre_id}"


def tokens(centre_id: int) -> str:
    """The tokens the centre's cached pages are kept under now (new ones when the cache has none)."""
    keys = [_key(ALL), _key(centre_id)]
    try:
        found = cache.get_many(keys)
        for key in keys:
            if key not in found:
                # ``add``: two first requests at once agree on one token.
                cache.add(key, secrets.token_hex(8), TOKEN_SECONDS)
                found[key] = cache.get(key, "")
    except CACHE_ERRORS:
        return secrets.token_hex(8)  # no cache: nothing kept under it will be found again either
    return ":".join(str(found[key]) for key in keys)


def _replace(keys: list[str]) -> None:
    try:
        cache.set_many({key: secrets.token_hex(8) for key in keys}, TOKEN_SECONDS)
    except CACHE_ERRORS:
        # A cache down now may come back with pages kept under the old tokens: they expire within
        # the view's longest keeping (WEEK_SECONDS).
        logger.warning("cache unavailable: the week views of %s may show old counts for minutes", keys)


def weeks_changed(centre_ids: Iterable[int | None]) -> None:
    """The weeks of these centres change once the current transaction commits (at once without one)."""
    keys = sorted({_key(pk) for pk in centre_ids if pk is not None})
    if keys:
        transaction.on_commit(lambda: _replace(keys))


def all_weeks_changed() -> None:
    """Every centre's week changes (a public holiday, the demo's history written in bulk)."""
    transaction.on_commit(lambda: _replace([_key(ALL)]))
