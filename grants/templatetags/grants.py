"""The ranking's rows, written here rather than in the template: a page holds 50 applications of 7
columns, and the template engine took most of the page's time over them (as the family list's rows
and the centre week's cells)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import capfirst, floatformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.choices import choice_label
from core.money import tenge
from core.paths import path_of
from grants.models import Status

register = template.Library()


@register.simple_tag
def ranking_rows(page) -> SafeString:
    """The rows of one page of ``grants.selectors.ranking_page``, ranks running on from the page's first."""
    # The column headings of the template, for the narrow screen's stacked cells.
    columns = (_("Rank"), _("Number"), _("District"), _("Average score"), _("Reviews"), _("Amount requested"), _("Status"))
    labels = [escape(label) for label in columns]
    rows = []
    for rank, line in enumerate(page, page.start_index()):
        score = floatformat(line.score, 1) if line.score is not None else "—"
        cells = (
            str(int(rank)),
            f'<a href="{escape(path_of("grants:application", line.pk))}">{escape(line.number)}</a>',
            escape(line.district.name),
            escape(score),
            str(int(line.scored)) + earlier_version_badge(line.earlier_scores),
            escape(tenge(line.requested_amount)),
            escape(capfirst(choice_label(Status, line.status))),
        )
        rows.append(
            "<tr>" + "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in zip(labels, cells, strict=True)) + "</tr>"
        )
    return mark_safe("".join(rows))  # every part above is escaped, or built from numbers


@register.simple_tag(name="earlier_scores")
def earlier_scores_text(count: int) -> str:
    """How many of an application's scores were given to a version it was amended from since."""
    return ngettext("%(count)d score given to an earlier version", "%(count)d scores given to an earlier version", count) % {
        "count": count
    }


def earlier_version_badge(count: int) -> SafeString:
    """The ranking's mark on an application amended after some of its scores were given."""
    if not count:
        return mark_safe("")
    text = escape(earlier_scores_text(int(count)))
    return mark_safe(f' <span class="badge text-bg-warning" data-testid="earlier-scores">{text}</span>')  # escaped
