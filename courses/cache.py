"""The public catalogue's cache. Anonymous visitors' pages (the catalogue, a course page) are built from
parts kept in the cache under a version number; any change to a course, a group, a lesson or a booking
moves the version on after its commit (``courses.receivers``), so a page never shows seats that are gone
for longer than the commit takes. The parts expire on their own after ``TIMEOUT`` too."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import translation

VERSION_KEY = "courses:catalogue:version"
TIMEOUT = 600


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        current = cache.get(VERSION_KEY, 1)
    return int(current)


def catalogue_changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet (an empty cache): the next read starts it
        cache.add(VERSION_KEY, 1, timeout=None)


def cached(name: str, build: Callable[[], Any], *parts: Any) -> Any:
    """``build()``, kept per language, version and ``parts`` (a page's filters)."""
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()[:16]
    key = f"courses:{name}:{translation.get_language()}:{version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
