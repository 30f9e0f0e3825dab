"""The registry's long repeated parts, written here rather than in the templates: the family list's rows
(the registrar's busiest page shows 25 families of six columns) and the family page's timeline. The
template engine spent more time over them than the database did (as with the grant ranking's rows,
``grants.templatetags.grants``)."""

from __future__ import annotations

from html import escape

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import dateformat, formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.paths import path_of
from core.phones import format_phone
from families.categories import Category

register = template.Library()


@register.simple_tag
def family_rows(families) -> SafeString:
    """The rows of one page of ``families.selectors.family_list_rows``. Every text is escaped here
    (``html.escape``, as Django's ``escape`` does); what is worked out once per page (the headings,
    the badges, the date format) is not worked out for every row."""
    # The column headings of the template, for the narrow screen's stacked cells.
    columns = (_("Mother"), _("IIN"), _("Phone"), _("Children"), _("Categories"), _("Registered"))
    mother, iin, phone, children, categories, registered = (escape(str(label)) for label in columns)
    badges = {
        category: f'<span class="badge text-bg-{category.badge}">{escape(str(category.label))}</span> ' for category in Category
    }
    day_format = formats.get_format("SHORT_DATE_FORMAT")
    rows = []
    for family in families:
        day = dateformat.format(timezone.localtime(family.created_at), day_format)
        rows.append(
            "<tr>"
            f'<td data-label="{mother}"><a href="{escape(path_of("families:detail", family.pk))}">'
            f"{escape(family.mother.full_name)}</a>"
            f'<div class="small text-body-secondary">{escape(family.centre.name)}</div></td>'
            f'<td class="iin" data-label="{iin}">{escape(family.mother.masked_iin)}</td>'
            f'<td class="text-nowrap" data-label="{phone}">{escape(format_phone(family.phone_e164))}</td>'
            f'<td class="text-end" data-label="{children}">{int(family.children_count)}</td>'
            f'<td data-label="{categories}">{"".join(badges[category] for category in family.categories)}</td>'
            f'<td class="text-nowrap" data-label="{registered}">{escape(day)}</td>'
            "</tr>"
        )
    return mark_safe("".join(rows))  # every part above is escaped, or built from numbers


@register.simple_tag
def timeline_items(entries) -> SafeString:
    """The family page's timeline (``families.timeline.timeline_for``): a family of some years holds
    dozens of entries, each with its time, who acted, its title and detail."""
    day_format = formats.get_format("SHORT_DATETIME_FORMAT")
    items = []
    for entry in entries:
        actor = f" · {escape(str(entry.actor))}" if entry.actor else ""
        detail = f'<div class="small">{linebreaksbr(entry.detail, autoescape=True)}</div>' if entry.detail else ""
        items.append(
            '<li class="d-flex gap-2 mb-2">'
            f'<i class="bi bi-{escape(entry.icon)} text-body-secondary" aria-hidden="true"></i>'
            f'<div><div class="small text-body-secondary">{escape(dateformat.format(timezone.localtime(entry.at), day_format))}{actor}</div>'
            f"<div>{escape(str(entry.title))}</div>{detail}</div>"
            "</li>"
        )
    return mark_safe("".join(items))  # every part above is escaped (linebreaksbr escapes before it adds <br>)
