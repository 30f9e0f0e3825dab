"""What the centre holds about her: her family as registered, her consents with the text she agreed
to, how often each centre opened her file (no staff names), and the download, all access-logged."""

import io

import pytest
from openpyxl import load_workbook

from audit.models import AccessEvent
from audit.services import access_log
from tests.factories import AdministratorFactory, RegistrarFactory
from tests.families.factories import AppealFactory, ChildFactory, VisitFactory
from tests.mothers.factories import MotherFamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(client, almaly):
    family = MotherFamilyFactory(registrar=RegistrarFactory(centre=almaly, last_name="Тіркеушіева"))
    ChildFactory(family=family, person__first_name="Нұрсұлтан")
    client.force_login(family.mother_account)
    return family


def opened(family, by, times=1, action=AccessEvent.Action.VIEW):
    for _ in range(times):
        access_log(actor=by, action=action, what="families.family_detail", target=family)


def test_she_sees_her_family_as_registered_and_the_consent_text_she_agreed_to(client, family):
    page = client.get("/kk/mothers/cabinet/my-data/").content.decode()

    assert family.mother.full_name in page and family.mother.iin in page
    assert "Нұрсұлтан" in page
    consent = family.consents.get()
    assert consent.text.text_kk.splitlines()[0][:40] in page


def test_she_sees_how_many_times_each_centre_opened_her_file_and_no_names(client, family, almaly, bostandyk):
    opened(family, family.created_by, times=3)
    opened(family, RegistrarFactory(centre=bostandyk, last_name="Басқаорталықова"), times=1)
    opened(family, family.created_by, action=AccessEvent.Action.EXPORT)
    opened(family, AdministratorFactory(last_name="Әкімшілікова"), times=2)  # an emergency access: no centre

    page = client.get("/ru/mothers/cabinet/my-data/")

    rows = [(o.centre, o.viewed, o.exported) for o in page.context["openings"]]
    assert rows == [(almaly, 3, 1), (None, 2, 0), (bostandyk, 1, 0)]
    text = page.content.decode()
    assert almaly.name_ru in text and "администрация" in text
    for name in ("Тіркеушіева", "Басқаорталықова", "Әкімшілікова"):
        assert name not in text


def test_her_own_looks_are_logged_but_not_counted_as_openings(client, family):
    client.get("/kk/mothers/cabinet/my-data/")
    page = client.get("/kk/mothers/cabinet/my-data/")

    assert page.context["openings"] == []
    assert AccessEvent.objects.filter(actor=family.mother_account, what="mothers.my_data", target_id=str(family.pk)).count() == 2


def test_the_download_holds_her_data_in_her_language_and_is_logged(client, family):
    AppealFactory(family=family, description="Балабақшаға орын керек")
    VisitFactory(family=family)
    opened(family, family.created_by, times=2)

    response = client.get("/ru/mothers/cabinet/my-data.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Семья", "Дети", "Согласия", "Обращения", "Посещения", "Кто открывал мои данные"]
    family_row = [cell.value for cell in workbook["Семья"][2]]
    assert family.mother.full_name in family_row and family.mother.iin in family_row
    assert any("Нұрсұлтан" in str(cell.value) for cell in workbook["Дети"][2])
    assert workbook["Согласия"][2][4].value == family.consents.get().text.text_kk  # she agreed in Kazakh
    assert workbook["Обращения"][2][5].value == "Балабақшаға орын керек"
    assert workbook["Кто открывал мои данные"][2][1].value == 2
    export = AccessEvent.objects.filter(actor=family.mother_account, what="mothers.my_data_export", action="export")
    assert export.filter(target_id=str(family.pk)).exists()


def test_a_name_that_looks_like_a_formula_comes_out_as_text(client, family):
    family.mother.last_name = "=HYPERLINK(1)"
    family.mother.save()
    workbook = load_workbook(io.BytesIO(client.get("/kk/mothers/cabinet/my-data.xlsx").content))
    cell = workbook.worksheets[0]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_a_mother_without_a_family_has_nothing_to_download(client):
    from tests.factories import MotherUserFactory

    client.force_login(MotherUserFactory())
    assert client.get("/kk/mothers/cabinet/my-data.xlsx").status_code == 404
    assert 'data-testid="no-family"' in client.get("/kk/mothers/cabinet/my-data/").content.decode()


@pytest.mark.parametrize("count", [1, 10])
def test_the_page_costs_the_same_whatever_the_number_of_children_consents_and_centres(
    client, family, django_assert_num_queries, count, almaly
):
    from tests.factories import CentreFactory

    for _ in range(count):
        ChildFactory(family=family)
        opened(family, RegistrarFactory(centre=CentreFactory(district=almaly.district)))
    client.get("/kk/")
    # the user, her family with mother, spouse, centre and district; its children with people;
    # its consents with texts; the access-log row written; the openings by centre and action; the
    # centres named
    with django_assert_num_queries(7):
        client.get("/kk/mothers/cabinet/my-data/")
