"""Links to records built by string formatting from one ``reverse`` per URL name and language: a page
that links hundreds of rows (a calendar's slots, a round's ranking) spent much of its time in a
``reverse`` for each."""

from __future__ import annotations

from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=256)
def _reversed(name: str, prefix: str, language: str | None, urlconf: str | None) -> str:
    """``name``'s path, with ``0`` for its one integer argument if it takes one (the URL prefix, the
    language and the URLconf are part of the key: all three change what ``reverse`` answers)."""
    try:
        return reverse(name, urlconf=urlconf)
    except NoReverseMatch:  # the name takes an argument
        return reverse(name, args=[0], urlconf=urlconf)


def path_of(name: str, pk: int | None = None) -> str:
    """``reverse(name, args=[pk])`` (or ``reverse(name)``) for a URL whose one argument is an integer
    path segment ``<int:pk>/``."""
    path = _reversed(name, get_script_prefix(), get_language(), get_urlconf())
    if pk is None:
        return path
    head, _, tail = path.rpartition("/0/")
    return f"{head}/{int(pk)}/{tail}"
