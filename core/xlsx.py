"""XLSX exports: a workbook of sheets, each built from records and columns with translated headers.

Every value goes into the cell type it is: a date is a date cell shown ``DD.MM.YYYY`` (a moment in
Almaty time, with its hour), a number a number, yes/no a word in the user's language, and every text a
text cell, so that a mother's name typed as ``=HYPERLINK(...)`` (or starting with ``+ - @``) comes out as
that text and never as a formula.

A view answers with ``xlsx_response(sheet, ..., file_name=..., actor=..., what=...)``: the file, named in
the user's language, as an attachment. It sends ``exported``, which the audit app records: one
access-log row for the export (with its row count) and one per exported record, so that each family's
"who looked" shows it.

    columns = [Column(_("Mother"), lambda family: family.mother.full_name), ...]
    return xlsx_response(Sheet(_("Families"), columns, families), file_name=..., actor=request.user, what="families.export")
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.files import safe_file_name

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"
MOMENT_FORMAT = "DD.MM.YYYY HH:MM"
CHUNK = 2000
# Sent by xlsx_response with ``actor``, ``what`` (the export, e.g. "families.export") and ``records``
# (the ids of the exported model instances, by model).
exported = Signal()


@dataclass(frozen=True)
class Column:
    """A column: its header (translated) and the value it takes from each record."""

    header: Any
    value: Callable[[Any], Any]
    width: float | None = None


@dataclass(frozen=True)
class Sheet:
    title: Any
    columns: Sequence[Column]
    records: Iterable[Any]


@dataclass
class Export:
    content: bytes
    records: dict[type[models.Model], list] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(len(ids) for ids in self.records.values())


def export(*sheets: Sheet) -> Export:
    """The workbook, and the model instances it holds (by model, for the access log)."""
    workbook = Workbook(write_only=True)
    result = Export(content=b"")
    for sheet in sheets:
        _write_sheet(workbook, sheet, result.records)
    buffer = BytesIO()
    workbook.save(buffer)
    result.content = buffer.getvalue()
    return result


def xlsx_response(*sheets: Sheet, file_name: str, actor, what: str) -> HttpResponse:
    """The export as a download named ``file_name`` (translated, without ".xlsx"), recorded in the access log."""
    if not exported.has_listeners():
        raise ImproperlyConfigured("Nothing records exports of personal data: the audit app is not installed.")
    result = export(*sheets)
    exported.send(sender=xlsx_response, actor=actor, what=what, records=result.records)
    response = HttpResponse(result.content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{safe_file_name(file_name)}.xlsx") or "attachment"
    add_never_cache_headers(response)
    return response


def _write_sheet(workbook: Workbook, sheet: Sheet, records: dict) -> None:
    worksheet = workbook.create_sheet(_title(str(sheet.title)))
    for number, column in enumerate(sheet.columns, 1):
        if column.width:
            worksheet.column_dimensions[get_column_letter(number)].width = column.width
    header = [_cell(worksheet, str(column.header)) for column in sheet.columns]
    for cell in header:
        cell.font = Font(bold=True)
    worksheet.append(header)
    rows = sheet.records.iterator(chunk_size=CHUNK) if isinstance(sheet.records, models.QuerySet) else sheet.records
    for record in rows:
        worksheet.append([_cell(worksheet, column.value(record)) for column in sheet.columns])
        if isinstance(record, models.Model):
            records.setdefault(type(record), []).append(record.pk)


def _title(title: str) -> str:
    """A sheet title a spreadsheet accepts: none of []:*?/\\ and at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "", title)[:31] or "Sheet"


def _cell(worksheet, value) -> WriteOnlyCell:
    if value is None:
        return WriteOnlyCell(worksheet, value=None)
    if isinstance(value, bool):
        return _text(worksheet, gettext("yes") if value else gettext("no"))
    if isinstance(value, int | float | Decimal):
        return WriteOnlyCell(worksheet, value=value)
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(
            worksheet, value=timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        )
        cell.number_format = MOMENT_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return _text(worksheet, str(value))


def _text(worksheet, text: str) -> WriteOnlyCell:
    # openpyxl makes a formula of any text starting with "="; a text cell is only ever shown as text,
    # whatever it starts with (= + - @), by Excel and LibreOffice alike.
    cell = WriteOnlyCell(worksheet, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    cell.data_type = "s"
    return cell
