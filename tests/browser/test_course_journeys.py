"""The courses' journey of issue 11 on a phone (390 × 844): a mother books the last seat in Kazakh, a
second mother (in Russian) lands on the waiting list, the first cancels from her cabinet, and the second
is offered the seat and confirms it.

The two mothers' accounts are made by factories and sign in with their passwords: the sign-up pages
(the ``mothers`` branch) were not on main when this journey was written."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Booking
from tests.courses.factories import GroupFactory, mother_with_family
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def sign_in(page, user, *, language: str, button: str, password_label: str) -> None:
    page.goto(f"/{language}/accounts/login/")
    page.get_by_label("Логин").fill(user.username)
    page.get_by_label(password_label).fill(PASSWORD)
    page.get_by_role("button", name=button).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def open_the_course(page, group, *, language: str, catalogue: str) -> None:
    """From the catalogue, as she would find it: the course's card, then its page."""
    page.goto(f"/{language}/courses/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(catalogue)
    title = group.course.title_kk if language == "kk" else group.course.title_ru
    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def test_the_last_seat_passes_from_a_mother_who_cancels_to_the_mother_waiting_who_confirms_it(page, browser, live_server):
    group = GroupFactory(capacity=1, course__title_kk="Тігін тігу", course__title_ru="Шитьё", course__category="sewing")
    aigerim = mother_with_family(language="kk", mother__first_name="Әйгерім")
    olga = mother_with_family(language="ru", mother__first_name="Ольга")

    # Әйгерім, in Kazakh, books the group's only seat.
    page.set_viewport_size(PHONE)
    sign_in(page, aigerim, language="kk", button="Кіру", password_label="Құпиясөз")
    open_the_course(page, group, language="kk", catalogue="тегін курстар")
    expect(page.get_by_test_id(f"seats-{group.pk}")).to_contain_text("1")
    page.get_by_test_id(f"book-{group.pk}").click()
    page.get_by_test_id("book").click()
    expect(page.get_by_role("alert").first).to_contain_text("Орныңыз брондалды")
    expect(page.get_by_test_id("my-bookings").get_by_test_id("status")).to_have_text(re.compile("бекітілді", re.I))

    # Ольга, in Russian on her own phone, finds no seat left and joins the waiting list.
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport=PHONE, reduced_motion="reduce")
    second = context.new_page()
    try:
        sign_in(second, olga, language="ru", button="Войти", password_label="Пароль")
        open_the_course(second, group, language="ru", catalogue="курсы")
        second.get_by_test_id(f"book-{group.pk}").click()
        expect(second.get_by_test_id("book")).to_have_text("Встать в лист ожидания")
        second.get_by_test_id("book").click()
        expect(second.get_by_role("alert").first).to_contain_text("в листе ожидания — 1")

        # Әйгерім cancels from her cabinet: the seat is offered to Ольга at once.
        page.goto("/kk/mothers/cabinet/")
        bookings = page.get_by_test_id("my-bookings")
        bookings.get_by_test_id("cancel").click()
        expect(bookings.get_by_test_id("status")).to_have_text(re.compile("жойылды", re.I))
        assert Booking.objects.get(family=olga.family).status == Booking.Status.OFFERED

        # Ольга sees the offer in her cabinet and confirms the seat.
        second.goto("/ru/mothers/cabinet/")
        offer = second.get_by_test_id("my-bookings")
        expect(offer.get_by_test_id("status")).to_contain_text("Вам предложено место")
        offer.get_by_test_id("confirm").click()
        expect(offer.get_by_test_id("status")).to_have_text(re.compile("подтвержд", re.I))
        assert Booking.objects.get(family=olga.family).status == Booking.Status.CONFIRMED
    finally:
        context.close()
