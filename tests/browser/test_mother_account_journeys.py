"""A mother on a phone (390 × 844): she signs up in Kazakh with the code from the SMS, lands in her
cabinet, signs out, signs in with her IIN, and then, in Russian, sets a new password with a code sent
to her phone and signs in with it."""

import re

import pytest
from playwright.sync_api import expect

from families.models import Family
from notifications import sms
from tests.families.factories import valid_iin, years_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PASSWORD = "Көктем-2026-балапан"
NEW_PASSWORD = "Жаз-2027-құлыншақ"


def code_sent_to(number: str) -> str:
    texts = [message.text for message in sms.outbox if message.to == number]
    assert texts, f"no SMS to {number}"
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


def open_menu(page) -> None:
    """On a phone the main menu is folded behind its button."""
    page.get_by_role("button", name=re.compile("Мәзірді ашу|Открыть меню")).click()


def sign_out(page) -> None:
    open_menu(page)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name=re.compile("^(Шығу|Выйти)$")).click()


def sign_up_in_kazakh(page, almaly, iin: str) -> None:
    """The sign-up form from the home page, then the code from the SMS."""
    page.goto("/kk/")
    page.locator("main").get_by_role("link", name="Тіркелу").click()
    page.get_by_label("ЖСН").fill(iin)
    page.get_by_label("Тегі").fill("Бекболатова")
    page.get_by_label("Аты", exact=False).first.fill("Гүлім")
    page.get_by_label("Ұялы телефон").fill("8 705 555 40 40")
    page.get_by_label("Ауданыңыздың орталығы").select_option(str(almaly.pk))
    page.get_by_label("Құпиясөз", exact=False).first.fill(PASSWORD)
    page.get_by_label("Құпиясөзді қайталаңыз").fill(PASSWORD)
    expect(page.get_by_test_id("consent-text")).to_be_visible()
    page.get_by_label("Жоғарыдағы келісімді оқыдым").check()
    page.get_by_role("button", name="Кодты SMS арқылы алу").click()

    expect(page.get_by_text("8 705 555 40 40")).to_be_visible()
    page.get_by_label("SMS-тегі код").fill(code_sent_to("+77055554040"))
    page.get_by_role("button", name="Растау").click()


def reset_password_in_russian(page) -> None:
    """The sign-in page's "forgot your password" link: a code by SMS and a new password."""
    page.goto("/ru/accounts/login/")
    page.get_by_role("link", name="Забыли пароль? Новый по SMS").click()
    page.get_by_label("Номер телефона или ИИН").fill("8 705 555 40 40")
    page.get_by_role("button", name="Получить код по SMS").click()
    expect(page.get_by_text("Если с этим номером телефона или ИИН зарегистрирована учётная запись")).to_be_visible()
    page.get_by_label("Код из SMS").fill(code_sent_to("+77055554040"))
    page.get_by_label("Пароль", exact=False).first.fill(NEW_PASSWORD)
    page.get_by_label("Повторите пароль").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Сохранить новый пароль").click()


def test_a_mother_signs_up_in_kazakh_signs_in_by_iin_and_resets_her_password_by_sms_in_russian(page, almaly):
    page.set_viewport_size(PHONE)
    iin = valid_iin(years_ago(31, 40), "f")
    sign_up_in_kazakh(page, almaly, iin)

    # Her cabinet: not yet verified, its sections loaded.
    expect(page).to_have_url(re.compile(r"/kk/mothers/cabinet/$"))
    expect(page.get_by_role("heading", name="Қош келдіңіз, Гүлім!")).to_be_visible()
    expect(page.get_by_test_id("not-verified")).to_contain_text(almaly.name_kk)
    expect(page.get_by_test_id("my-appeals")).to_contain_text("Орталыққа өтінішіңіз жоқ.")
    family = Family.objects.get(mother__iin=iin)
    assert family.self_registered and not family.is_verified

    # Signed out, then in again with her IIN.
    sign_out(page)
    page.goto("/kk/accounts/login/")
    page.get_by_label("Логин").fill(iin)
    page.get_by_label("Құпиясөз").fill(PASSWORD)
    page.get_by_role("button", name="Кіру").click()
    expect(page).to_have_url(re.compile(r"/kk/mothers/cabinet/$"))
    sign_out(page)

    reset_password_in_russian(page)

    expect(page.get_by_text("Пароль изменён.")).to_be_visible()
    page.get_by_label("Логин").fill("+7 705 555 40 40")
    page.get_by_label("Пароль").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    # Her cabinet, in her own language.
    expect(page).to_have_url(re.compile(r"/kk/mothers/cabinet/$"))
