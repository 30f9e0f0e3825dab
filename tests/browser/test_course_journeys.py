"""The courses' journey of issue 11 on a phone (390 × 844): a mother signs up in Kazakh (the code read
from the test SMS outbox) and books the last seat, a second mother signs up in Russian and lands on the
waiting list, the first cancels from her cabinet, and the second is offered the seat and confirms it."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Booking
from families.models import Family
from notifications import sms
from tests.courses.factories import GroupFactory
from tests.families.factories import valid_iin, years_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PASSWORD = "Көктем-2026-балапан"

KAZAKH = {
    "sign_up": "Тіркелу",
    "iin": "ЖСН",
    "last_name": "Тегі",
    "first_name": "Аты",
    "phone": "Ұялы телефон",
    "centre": "Ауданыңыздың орталығы",
    "password": "Құпиясөз",
    "again": "Құпиясөзді қайталаңыз",
    "consent": "Жоғарыдағы келісімді оқыдым",
    "get_code": "Кодты SMS арқылы алу",
    "code": "SMS-тегі код",
    "verify": "Растау",
}
RUSSIAN = {
    "sign_up": "Регистрация",
    "iin": "ИИН",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "phone": "Мобильный телефон",
    "centre": "Центр вашего района",
    "password": "Пароль",
    "again": "Повторите пароль",
    "consent": "Я прочитала согласие выше",
    "get_code": "Получить код по SMS",
    "code": "Код из SMS",
    "verify": "Подтвердить",
}


def code_sent_to(number: str) -> str:
    texts = [message.text for message in sms.outbox if message.to == number]
    assert texts, f"no SMS to {number}"
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


def sign_up(page, *, language: str, words: dict, centre, last_name: str, first_name: str, phone: str, number: str) -> Family:
    """Her sign-up from the home page, with the code the SMS brought; she lands in her cabinet."""
    iin = valid_iin(years_ago(30, len(sms.outbox)), "f")
    page.goto(f"/{language}/")
    page.locator("main").get_by_role("link", name=words["sign_up"]).click()
    page.get_by_label(words["iin"]).fill(iin)
    page.get_by_label(words["last_name"]).fill(last_name)
    page.get_by_label(words["first_name"], exact=False).first.fill(first_name)
    page.get_by_label(words["phone"]).fill(phone)
    page.get_by_label(words["centre"]).select_option(str(centre.pk))
    page.get_by_label(words["password"], exact=False).first.fill(PASSWORD)
    page.get_by_label(words["again"]).fill(PASSWORD)
    page.get_by_label(words["consent"], exact=False).check()
    page.get_by_role("button", name=words["get_code"]).click()
    page.get_by_label(words["code"]).fill(code_sent_to(number))
    page.get_by_role("button", name=words["verify"]).click()
    expect(page).to_have_url(re.compile(rf"/{language}/mothers/cabinet/$"))
    return Family.objects.get(mother__iin=iin)


def open_the_course(page, group, *, language: str, catalogue: str) -> None:
    """From the catalogue, as she would find it: the course's card, then its page."""
    page.goto(f"/{language}/courses/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(catalogue)
    title = group.course.title_kk if language == "kk" else group.course.title_ru
    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def book_from_the_course_page(page, group, *, language: str, catalogue: str) -> None:
    open_the_course(page, group, language=language, catalogue=catalogue)
    page.get_by_test_id(f"book-{group.pk}").click()
    page.get_by_test_id("book").click()


def test_the_last_seat_passes_from_a_mother_who_cancels_to_the_mother_waiting_who_confirms_it(page, browser, live_server, almaly):
    group = GroupFactory(
        centre=almaly, capacity=1, course__title_kk="Тігін тігу", course__title_ru="Шитьё", course__category="sewing"
    )

    # Әйгерім signs up in Kazakh on her phone and books the group's only seat.
    page.set_viewport_size(PHONE)
    aigerim = sign_up(page, language="kk", words=KAZAKH, centre=almaly, last_name="Серікқызы", first_name="Әйгерім",
                      phone="8 701 555 01 88", number="+77015550188")  # fmt: skip
    book_from_the_course_page(page, group, language="kk", catalogue="тегін курстар")
    expect(page.get_by_role("alert").first).to_contain_text("Орныңыз брондалды")
    expect(page.get_by_test_id("my-bookings").get_by_test_id("status")).to_have_text(re.compile("бекітілді", re.I))

    # Ольга signs up in Russian on her own phone, finds no seat left and joins the waiting list.
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport=PHONE, reduced_motion="reduce")
    second = context.new_page()
    try:
        olga = sign_up(second, language="ru", words=RUSSIAN, centre=almaly, last_name="Ким", first_name="Ольга",
                       phone="8 707 555 02 99", number="+77075550299")  # fmt: skip
        book_from_the_course_page(second, group, language="ru", catalogue="курсы")
        expect(second.get_by_role("alert").first).to_contain_text("в листе ожидания — 1")

        # Әйгерім cancels from her cabinet: the seat is offered to Ольга at once.
        page.goto("/kk/mothers/cabinet/")
        page.get_by_test_id("my-bookings").get_by_test_id("cancel").click()
        expect(page.get_by_test_id("my-bookings").get_by_test_id("status")).to_have_text(re.compile("жойылды", re.I))
        assert [Booking.objects.get(family=f).status for f in (aigerim, olga)] == ["cancelled", "offered"]

        # Ольга sees the offer in her cabinet and confirms the seat.
        second.goto("/ru/mothers/cabinet/")
        offer = second.get_by_test_id("my-bookings")
        expect(offer.get_by_test_id("status")).to_contain_text("Вам предложено место")
        offer.get_by_test_id("confirm").click()
        expect(offer.get_by_test_id("status")).to_have_text(re.compile("подтвержд", re.I))
        assert Booking.objects.get(family=olga).status == Booking.Status.CONFIRMED
    finally:
        context.close()
