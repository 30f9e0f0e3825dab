"""How a figure reads on a page: the number, "<5" for a small one, "×" for a total concealed so that a
small figure beside it cannot be worked out."""

from django import template
from django.utils.formats import number_format

from dashboards.documents import ledger_value, shown

register = template.Library()


@register.filter
def figure(cell) -> str:
    value = shown(cell)
    return number_format(value, force_grouping=True) if isinstance(value, int) else value


@register.filter
def change(value) -> str:
    """A change between two figures, with its sign ("+12", "−3", "0"); a dash when it cannot be given."""
    if value is None:
        return "—"
    text = number_format(abs(value), force_grouping=True)
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else "0"


@register.filter
def cell_of(cells, code):
    return cells[code]


@register.filter
def amount(value, unit: str) -> str:
    """A ledger's value (``core.extensions.Ledger``): tenge grouped, or a share in per cent; a dash
    for none."""
    return ledger_value(value, unit)
