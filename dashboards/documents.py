"""A dashboard as files: XLSX (``core.xlsx``, a sheet per table) and PDF (WeasyPrint, with the charts
as SVG from ``dashboards.charts``), in the active language. The dashboard exports and the monthly
reports are the same documents, so that a report says exactly what the page said."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.money import tenge
from core.xlsx import Column, Sheet, export
from dashboards.charts import trend_svg
from dashboards.selectors import Dashboard, LedgerTable
from dashboards.suppression import HIDDEN, Cell

SMALL_TEXT = "<5"
HIDDEN_TEXT = "×"


def shown(figure: Cell) -> int | str:
    """A figure as a cell of a table: the number, "<5", or "×" for a total concealed so that a small
    figure beside it cannot be worked out."""
    if not figure.concealed:
        return figure.value or 0
    return HIDDEN_TEXT if figure.mark == HIDDEN else SMALL_TEXT


def ledger_value(value, unit: str) -> str:
    """A value of a ledger as text: an amount in tenge, a share in per cent, a dash for none."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{number_format(value, 1)}\N{NO-BREAK SPACE}%"
    return tenge(value)


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
    result = [comparison, trend, *(_ledger_sheet(table) for table in board.ledgers)]
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


def _ledger_sheet(table: LedgerTable) -> Sheet:
    """A ledger as a sheet: amounts as numbers of tenge, shares as numbers of per cent."""
    ledger = table.ledger
    columns = [Column(_("Programme"), lambda row: row[1], width=40)]
    for index, (label, unit) in enumerate(ledger.columns):
        heading = f"{label}, {unit}"
        columns.append(Column(heading, lambda row, at=index: None if row[2][at] is None else float(row[2][at]), width=16))
    return Sheet(str(ledger.title), columns, table.rows)


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
