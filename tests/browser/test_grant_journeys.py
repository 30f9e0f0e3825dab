"""The grants' journey of issue 12: a mother applies in Russian from her cabinet with her business plan,
the grant officer checks her eligibility and confirms it, assigns two reviewers, both score the
application (each ticking her declaration), and a commission member approves it within the district's
allocation; the mother's cabinet then says so in Russian. And the two controls that came after it: she
amends her submitted application from her cabinet (the modal closes and her section shows version 2),
and the officer moves the round to review once its window is over, the next move refused in the modal."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from grants.models import Allocation, Application, Round, Status
from tests import factories
from tests.grants.factories import eligible_family, open_round, reviewer_with_iin
from tests.helpers import sign_in_browser
from tests.uploads import DATA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page) -> None:
    page.context.clear_cookies()


def in_modal(page, submit: str) -> None:
    dialog = page.locator("#modal")
    dialog.get_by_role("button", name=submit).click()
    expect(dialog).to_be_hidden()


def apply_in_russian(page, round_, mother) -> Application:
    sign_in_browser(page, mother.username)
    page.goto("/ru/grants/me/apply/")
    page.get_by_label("Этап").select_option(str(round_.pk))
    page.get_by_label("Бизнес-идея").fill("Швейный цех детской одежды")
    page.get_by_label("Отрасль").select_option("sewing")
    page.get_by_label("Запрошенная сумма, ₸").fill("500000")
    page.get_by_label("Собственный вклад, ₸").fill("50000")
    page.get_by_label("Ожидаемые рабочие места").fill("2")
    page.get_by_label("Клиенты и рынок").fill("Школьная форма для района")
    page.get_by_label("Подать сейчас", exact=False).check()
    page.get_by_label("Бизнес-план", exact=False).set_input_files(str(DATA / "scan.pdf"))
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("status").first).to_have_text("Подана")
    sign_out(page)
    return Application.objects.get(family=mother.family)


def officer_checks_and_assigns(page, application, officer, reviewers) -> None:
    sign_in_browser(page, officer.username)
    page.goto(f"/kk/grants/{application.pk}/")
    page.get_by_test_id("move-check").click()
    in_modal(page, "Сәйкестігін тексеру")
    expect(page.get_by_test_id("status")).to_contain_text("Талаптарға сәйкестігі тексерілуде")
    page.get_by_test_id("move-confirm_eligible").click()
    in_modal(page, "Сәйкестігін растау")
    expect(page.get_by_test_id("status")).to_contain_text("Бағалануда")
    for reviewer in reviewers:
        page.get_by_test_id("assign").click()
        page.locator("#modal").get_by_label("Сарапшы").select_option(str(reviewer.pk))
        in_modal(page, "Тағайындау")
    sign_out(page)


def reviewer_scores(page, reviewer, score: str) -> None:
    sign_in_browser(page, reviewer.username, landing=r"/kk/grants/reviews/$")
    page.get_by_test_id("score").click()
    dialog = page.locator("#modal")
    expect(dialog.get_by_role("spinbutton").first).to_be_visible()
    for field in dialog.get_by_role("spinbutton").all():
        field.fill(score)
    dialog.get_by_label("мәлімдеймін", exact=False).check()
    in_modal(page, "Бағаларды жіберу")
    sign_out(page)


def commission_approves(page, round_, application) -> None:
    sign_in_browser(page, "natalya", landing=r"/kk/grants/rounds/$")
    page.get_by_role("link", name=round_.name_kk).click()
    page.get_by_role("link", name=application.number).click()
    page.get_by_test_id("move-approve").click()
    page.locator("#modal").get_by_label("Бекітілген сома, ₸").fill("450000")
    in_modal(page, "Бекіту")
    expect(page.get_by_test_id("status")).to_contain_text("Бекітілді")
    sign_out(page)


def test_a_mother_applies_in_russian_and_the_commission_approves_within_the_allocation(page):
    centre = factories.CentreFactory(district=factories.DistrictFactory(code="almaly"))
    round_ = open_round(districts=[centre.district], allocation=Decimal(2_000_000))
    mother = factories.MotherUserFactory(language="ru", username="balzhan")
    eligible_family(registrar__centre=centre, mother_account=mother, language="ru")
    officer = factories.GrantOfficerFactory(centre=centre, username="saltanat")
    reviewers = [reviewer_with_iin(), reviewer_with_iin()]
    factories.CommissionMemberFactory(username="natalya")

    application = apply_in_russian(page, round_, mother)
    officer_checks_and_assigns(page, application, officer, reviewers)
    for reviewer, score in zip(reviewers, ("8", "6"), strict=True):
        reviewer_scores(page, reviewer, score)
    Round.objects.filter(pk=round_.pk).update(stage=Round.Stage.DECISION)  # the round goes before the commission
    commission_approves(page, round_, application)

    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (Status.APPROVED, Decimal(450_000))
    assert Allocation.objects.get(budget=round_.budget).approved == Decimal(450_000)
    assert application.reviews.filter(submitted_at__isnull=False).count() == 2
    sign_in_browser(page, "balzhan")
    page.goto("/ru/grants/me/")
    expect(page.get_by_test_id("status").first).to_contain_text(re.compile("Одобрена"))


def test_she_amends_from_her_cabinet_and_the_officer_moves_the_round_once_its_window_is_over(page):
    centre = factories.CentreFactory(district=factories.DistrictFactory(code="almaly"))
    round_ = open_round(districts=[centre.district])
    mother = factories.MotherUserFactory(language="ru", username="balzhan")
    eligible_family(registrar__centre=centre, mother_account=mother, language="ru")
    factories.GrantOfficerFactory(centre=centre, username="saltanat")
    application = apply_in_russian(page, round_, mother)

    sign_in_browser(page, "balzhan")
    page.goto("/ru/mothers/cabinet/")
    page.get_by_test_id("amend").click()
    dialog = page.locator("#modal")
    dialog.get_by_label("Запрошенная сумма, ₸").fill("450000")
    dialog.get_by_label("Что меняет это изменение?").fill("Сумма уточнена по смете")
    in_modal(page, "Отправить изменение")
    expect(page.get_by_test_id("amended")).to_have_text("Изменено: версия 2")  # her section, refreshed
    sign_out(page)

    Round.objects.filter(pk=round_.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))  # the window ends
    sign_in_browser(page, "saltanat")
    page.goto("/kk/grants/rounds/")
    page.get_by_test_id("move-round").click()
    in_modal(page, "Кезеңді келесі сатыға ауыстыру")
    expect(page.get_by_test_id("stage")).to_have_text("бағалау")
    page.get_by_test_id("move-round").click()
    page.locator("#modal").get_by_role("button", name="Кезеңді келесі сатыға ауыстыру").click()
    expect(page.locator("#modal")).to_contain_text("әлі сәйкестік тексеруінен өтпеген")  # her application: not checked yet

    application.refresh_from_db()
    round_.refresh_from_db()
    assert (application.version, application.requested_amount, round_.stage) == (2, Decimal(450_000), Round.Stage.REVIEW)
