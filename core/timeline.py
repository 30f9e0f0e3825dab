"""Timeline entries: what happened, when, by whom — as the family page shows them.

An app declares the kinds of entry it writes (``TimelineKind``, listed in its ``PortalAppConfig``); its
services store an entry as it acts (``families.timeline.timeline_add``), with the kind's code and the
values the title needs. The title is filled in when the entry is read, in the reader's language:
a value kept in every language (``core.i18n.in_languages``) is read in hers, so a centre or an agency
is named in the language of the page, never in the language of the member of staff who acted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

from core.i18n import in_language


@dataclass(frozen=True)
class Entry:
    """One line of a timeline, ready to show."""

    at: dt.datetime
    icon: str  # a Bootstrap Icons name
    title: str
    detail: str = ""
    actor: str = ""


@dataclass(frozen=True)
class TimelineKind:
    """A kind of entry: its icon, its title (a lazy translation with ``%(name)s`` placeholders filled from
    the entry's values) and which value, if any, is shown under the title. ``visible`` hides an entry
    from readers who may see the family but not this (a psychologist's appointment, say)."""

    code: str
    icon: str
    title: str | Promise
    detail: str = ""
    system_actor: str | Promise = ""  # who is shown when nobody acted (a daily task)
    visible: Callable[[Any, Mapping[str, Any]], bool] | None = None

    def shown_to(self, user, params: Mapping[str, Any]) -> bool:
        """Whether ``user``, who sees the family, sees an entry of this kind with these values."""
        return self.visible is None or self.visible(user, params)

    def entry(self, *, at: dt.datetime, params: Mapping[str, Any], actor: str = "") -> Entry:
        values = {name: in_language(value) for name, value in params.items()}
        return Entry(
            at=at,
            icon=self.icon,
            title=str(self.title) % values if values else str(self.title),
            detail=values.get(self.detail, "") if self.detail else "",
            actor=actor or str(self.system_actor),
        )


def midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in the portal's time zone (Almaty's, whatever time zone is active): where
    an event known only by its date sits."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())
