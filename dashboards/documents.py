"""A dashboard as files: XLSX (``core.xlsx``, a sheet per table) and PDF (WeasyPrint, with the charts
as SVG from ``dashboards.charts``), in the active language. The dashboard exports and the monthly
reports are the same documents, so that a report says exactly what the page said."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core.xlsx import Column, Sheet, export
from dashboards.charts import trend_svg
from dashboards.selectors import Dashboard
from dashboards.suppression import HIDDEN, Cell

SMALL_TEXT = "<5"
HIDDEN_TEXT = "×"


def shown(figure: Cell) -> int | str:
    """A figure as a cell of a table: the number, "<5", or "×" for a total concealed so that a small
    figure beside it cannot be worked out."""
    if not figure.concealed:
        return figure.value or 0
    return HIDDEN_TEXT if figure.mark == HIDDEN else SMALL_TEXT


def title(board: Dashboard) -> str:
    return _("%(place)s: figures for %(month)s") % {"place": board.place.name, "month": board.month.label}


def file_name(board: Dashboard) -> str:
    return f"{board.place.name} {board.month}"


def sheets(board: Dashboard) -> list[Sheet]:
    comparison = Sheet(
        _("The month"),
        [
            Column(_("Indicator"), lambda panel: str(panel.indicator.label), width=40),
            Column(_("Unit"), lambda panel: str(panel.indicator.unit)),
            Column(board.month.label, lambda panel: shown(panel.now)),
            Column(board.month.shifted(-1).label, lambda panel: shown(panel.last)),
            Column(board.month.shifted(-12).label, lambda panel: shown(panel.year_ago)),
            Column(_("How it is counted"), lambda panel: str(panel.indicator.note), width=80),
        ],
        board.panels,
    )
    trend = Sheet(
        _("12 months"),
        [Column(_("Indicator"), lambda panel: str(panel.indicator.label), width=40)]
        + [Column(month.label, lambda panel, at=index: shown(panel.trend[at][1])) for index, month in enumerate(board.months)],
        board.panels,
    )
    result = [comparison, trend]
    if board.breakdown is not None:
        parts = [*board.breakdown.parts, (_("Total"), board.breakdown.totals)]
        result.insert(
            1,
            Sheet(
                _("By centre") if board.place.district else _("By district"),
                [Column(_("Centre") if board.place.district else _("District"), lambda row: str(row[0]), width=30)]
                + [Column(str(i.label), lambda row, code=i.code: shown(row[1][code])) for i in board.indicators],
                parts,
            ),
        )
    return result


def xlsx_bytes(board: Dashboard) -> bytes:
    return export(*sheets(board)).content


def pdf_bytes(board: Dashboard, *, charts: dict[str, str] | None = None) -> bytes:
    """The PDF. ``charts`` (indicator code → SVG) may be drawn once for both languages."""
    from weasyprint import HTML

    charts = charts if charts is not None else draw_charts(board)
    context = {
        "board": board,
        "title": title(board),
        "charts": [(panel, charts[panel.indicator.code]) for panel in board.panels],
        "printed_at": timezone.now(),
    }
    return HTML(string=render_to_string("dashboards/document.html", context)).write_pdf()


def draw_charts(board: Dashboard) -> dict[str, str]:
    return {panel.indicator.code: trend_svg(board.months, [figure.value for _m, figure in panel.trend]) for panel in board.panels}
