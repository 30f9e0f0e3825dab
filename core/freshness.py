"""Tokens that say whether something kept in the cache still shows the truth.

A page kept in the cache (``core.htmx.render_cached_partial``), or a value (``kept``), names in its
key the tokens of what it shows: ``tokens("grants:ranking:7", "grants:ranking")``. After the commit
of anything that changes what it shows, the app replaces those tokens (``replace_on_commit``), and
the next request builds it again under the new ones; the old entry is never found again and expires.

A token is a random string, never a counter, so a token lost from the cache (evicted, or the cache
emptied) can never come back as one an old page was kept under. A cache that does not answer gives a
new token every time: nothing kept under it is found, so every page is rendered afresh."""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from core.htmx import CACHE_ERRORS

TOKEN_SECONDS = 24 * 60 * 60  # longer than any page is kept under one
logger = logging.getLogger(__name__)
T = TypeVar("T")
_MISSING = object()


def tokens(*names: str) -> str:
    """The tokens of ``names`` now, joined (new ones for the names the cache has none of)."""
    try:
        found = cache.get_many(names)
        for name in names:
            if name not in found:
                # ``add``: two first requests at once agree on one token.
                cache.add(name, secrets.token_hex(8), TOKEN_SECONDS)
                found[name] = cache.get(name, "")
    except CACHE_ERRORS:
        return secrets.token_hex(8)  # no cache: nothing kept under it will be found again either
    return ":".join(str(found[name]) for name in names)


def replace(names: Iterable[str]) -> None:
    """New tokens for ``names`` at once (``replace_on_commit`` inside a transaction)."""
    names = sorted(set(names))
    if not names:
        return
    try:
        cache.set_many({name: secrets.token_hex(8) for name in names}, TOKEN_SECONDS)
    except CACHE_ERRORS:
        # A cache down now may come back with pages kept under the old tokens: they expire within
        # the longest time a page is kept, which each app keeps short for that reason.
        logger.warning("cache unavailable: the pages kept under %s may show old data for minutes", names)


def replace_on_commit(names: Iterable[str]) -> None:
    """New tokens for ``names`` once the current transaction commits (at once outside one): a request
    in between still sees the data before the change, and must not keep it under the new tokens."""
    names = sorted(set(names))
    if names:
        transaction.on_commit(lambda: replace(names))


def kept(key: str, build: Callable[[], T], *, seconds: float) -> T:
    """``build()``'s value kept in the cache under ``key`` (which names the tokens of what it is made
    of) for ``seconds``: built once, then read back until a token in its key is replaced. Without a
    cache that answers, built every time."""
    try:
        value = cache.get(key, _MISSING)
    except CACHE_ERRORS:
        logger.warning("cache unavailable: %s built without it", _kind(key))
        return build()
    if value is _MISSING:
        value = build()
        if seconds >= 1:
            try:
                cache.set(key, value, math.ceil(seconds))
            except CACHE_ERRORS:
                logger.warning("cache unavailable: %s not kept", _kind(key))
    return value


def _kind(key: str) -> str:
    """What a key keeps, for the log: its first two parts ("consultations:follow-ups")."""
    return ":".join(key.split(":")[:2])
