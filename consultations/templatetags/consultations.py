"""The calendars' links, built by string formatting from one ``reverse`` per language
(``core.paths.path_of``): a week or a day shows hundreds of free slots and appointments, and a
``reverse`` for each was most of its time."""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from core.paths import path_of

register = template.Library()


@register.simple_tag
def book_url(slot, family=None) -> str:
    """The booking modal of ``slot`` (for ``family``, when she was picked already)."""
    url = (
        f"{path_of('consultations:book')}?specialist={int(slot.specialist_id)}&centre={int(slot.centre_id)}"
        f"&starts_at={quote(slot.starts_at.isoformat(), safe='')}"
    )
    if family:  # a template variable that is not there comes as ""
        url += f"&family={int(family.pk)}"
    return url


@register.filter
def consultations_url(pk, name: str) -> str:
    """``{{ a.pk|consultations_url:"appointment" }}``: ``{% url 'consultations:appointment' a.pk %}``, cheaper."""
    return path_of(f"consultations:{name}", int(pk))


@register.simple_tag
def day_counts(row, day_link: str) -> SafeString:
    """The cells of one specialist's row in the centre's week: per day why she is away, or how many of
    her slots are free (not for a day gone) and how many booked, as a link to her day (``day_link`` and the specialist's id
    and the day make its URL; htmx loads the day into the panel ``#day-panel``).

    Written here rather than in the template: the week has 50 rows of 7 cells, and the template engine
    took most of the page's time over them (the family list's rows are written out for the same reason)."""
    free, booked = pgettext("calendar", "free: %(count)s"), pgettext("calendar", "booked: %(count)s")
    base = escape(f"{day_link}{int(row.workplace.specialist_id)}&date=")
    cells = []
    for cell in row.cells:
        html = f'<span class="text-body-secondary">{escape(cell.off)}</span>' if cell.off else ""
        if cell.works or cell.booked:
            url = f"{base}{cell.day.isoformat()}"
            counts = "" if cell.past else f'<span class="text-success">{escape(free % {"count": cell.free})}</span><br>'
            html += (
                f'<a class="d-block text-nowrap" href="{url}" hx-get="{url}" hx-target="#day-panel" '
                f'hx-swap="outerHTML show:#day-panel:top">{counts}{escape(booked % {"count": cell.booked})}</a>'
            )
        cells.append(f'<td data-testid="day-count">{html}</td>')
    return mark_safe("".join(cells))  # every part above is escaped, or built from numbers and dates


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` in a template (None when missing)."""
    return mapping.get(key)
