import re

import pytest
from playwright.sync_api import expect

from families.models import Family
from tests.factories import RegistrarFactory
from tests.families.factories import valid_iin, years_ago
from tests.helpers import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILDREN = [("Айша", "f", 2), ("Ерлан", "m", 5), ("Дана", "f", 9), ("Арман", "m", 13)]


def fill_child(page, index: int, name: str, sex: str, age: int) -> None:
    if index:
        page.get_by_test_id("add-child").click()
    row = page.locator("#children-forms [data-formset-form]").nth(index)
    born = years_ago(age, 10)
    row.get_by_label("ЖСН").fill(valid_iin(born, sex))
    row.get_by_label("Тегі").fill("Жұмабеков" if sex == "m" else "Жұмабекова")
    row.get_by_label("Аты*", exact=True).fill(name)
    row.get_by_label("Тегі").click()  # leaving the IIN fills the birth date and the sex
    expect(row.get_by_label("Туған күні")).to_have_value(born.isoformat())
    expect(row.get_by_label("Жынысы")).to_have_value(sex)


def test_a_registrar_registers_a_mother_with_four_children_and_finds_her_again_by_a_misspelt_name(page, almaly):
    RegistrarFactory(centre=almaly, username="asel")
    sign_in_browser(page, "asel")

    page.get_by_role("link", name="Тіркеу", exact=True).first.click()
    mother_born = years_ago(35, 20)
    mother = page.locator("fieldset[data-person]").first
    # The IIN pre-fills the birth date (a hint the registrar can change).
    mother.get_by_label("ЖСН").fill(valid_iin(mother_born, "f"))
    mother.get_by_label("Тегі").fill("Жұмабекова")
    mother.get_by_label("Аты*", exact=True).fill("Гүлнар")
    mother.get_by_label("Тегі").click()
    expect(mother.get_by_label("Туған күні")).to_have_value(mother_born.isoformat())

    page.get_by_label("Ұялы телефон").fill("8 701 555 12 34")
    page.get_by_label("Мекенжайы").fill("Алматы, Абай даңғылы, 150")
    page.get_by_label("Отбасылық жағдайы").select_option("married")
    page.get_by_label("Тұрғын үй").select_option("rent")
    page.get_by_label("Отбасының айлық табысы, ₸").fill("320 000")

    for index, child in enumerate(CHILDREN):
        fill_child(page, index, *child)

    page.get_by_label("Ана келісім мәтінін өз тілінде оқып, келісімін берді").check()
    page.get_by_role("button", name="Отбасын тіркеу").click()

    expect(page.get_by_role("heading", name="Жұмабекова Гүлнар")).to_be_visible()
    expect(page.get_by_test_id("categories")).to_contain_text("көпбалалы")
    assert Family.objects.get().children.count() == 4

    page.get_by_role("link", name="Отбасылар").first.click()
    page.get_by_label("ЖСН, телефон немесе аты-жөні").fill("Жумабекава Гулнар")  # misspelt, without Kazakh letters
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Жұмабекова Гүлнар")).to_be_visible()
    results.get_by_role("link", name="Жұмабекова Гүлнар").click()
    expect(page.get_by_test_id("mother-iin")).to_have_text(re.compile(r"^\d{12}$"))


def test_the_front_desk_checks_a_mother_in_and_marks_her_served_in_the_modal(page, almaly):
    from tests.families.factories import FamilyFactory

    registrar = RegistrarFactory(centre=almaly, username="desk")
    family = FamilyFactory(registrar=registrar, mother__last_name="Сейітова", mother__first_name="Айгерім")
    sign_in_browser(page, "desk")

    page.goto(f"/ru/families/{family.pk}/")
    page.get_by_role("link", name="Записать посещение").click()
    dialog = page.locator("#modal")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Записать посещение").click()
    expect(dialog.get_by_text("Обязательное поле.")).to_be_visible()  # nothing chosen: the modal stays, with the error
    dialog.get_by_label("Юридическая консультация").check()
    dialog.get_by_role("button", name="Записать посещение").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("timeline")).to_contain_text("Юридическая консультация")

    page.get_by_role("link", name="Сегодня в центре").first.click()
    page.get_by_role("link", name="Отметить приём").click()
    page.locator("#modal").get_by_label("Что сделано").fill("Консультация по алиментам")
    page.locator("#modal").get_by_role("button", name="Сохранить").click()
    expect(page.locator("#visits")).to_contain_text("обслужил(а)")
