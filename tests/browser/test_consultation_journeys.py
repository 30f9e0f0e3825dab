"""A registrar books a psychologist for a mother in Kazakh; the psychologist records the outcome on a
tablet; a lawyer and the registrar then see that the consultation was held, not what was said."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Appointment
from core.roles import Specialty
from tests.consultations.factories import specialist_at, working_day
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.helpers import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}
SECRET = "ZQXSECRETQZ баламен қарым-қатынас"


def book_at_the_desk(page, family) -> Appointment:
    """The registrar opens the mother's page, asks for a psychologist's free times and books the first."""
    sign_in_browser(page, "asel")
    page.goto(f"/kk/families/{family.pk}/")
    page.get_by_role("link", name="Кеңеске жазу").click()
    page.get_by_label("Түрі").select_option("psychological")
    expect(page.get_by_test_id("free-slot").first).to_contain_text("Иванова")
    page.get_by_test_id("free-slot").first.click()
    dialog = page.locator("#modal")
    expect(dialog.get_by_test_id("slot")).to_contain_text("Иванова Ольга")
    dialog.get_by_role("button", name="Жазу").click()
    expect(dialog).to_be_hidden()
    return Appointment.objects.get()


def test_a_psychologist_booked_at_the_desk_records_the_outcome_that_only_psychologists_read(page, almaly):
    registrar = RegistrarFactory(centre=almaly, username="asel")
    specialist_at(almaly, Specialty.PSYCHOLOGIST, username="olga", last_name="Иванова", first_name="Ольга")
    specialist_at(almaly, Specialty.LAWYER, username="dinara")
    family = FamilyFactory(registrar=registrar, mother__last_name="Сейітова", mother__first_name="Айгерім")

    appointment = book_at_the_desk(page, family)
    assert (appointment.family, appointment.kind, appointment.booked_by) == (family, "psychological", registrar)
    dialog = page.locator("#modal")

    # The day comes: the consultation has begun.
    begun = timezone.now() - dt.timedelta(minutes=30)
    Appointment.objects.filter(pk=appointment.pk).update(starts_at=begun, ends_at=begun + dt.timedelta(hours=1))

    page.context.clear_cookies()
    page.set_viewport_size(TABLET)
    sign_in_browser(page, "olga", landing=r"/kk/consultations/my-day/")
    page.goto(f"/kk/consultations/my-day/?date={timezone.localtime(begun).date().isoformat()}")
    page.get_by_role("link", name="Нәтижесін жазу").click()
    dialog.get_by_label("Қысқаша мазмұны").fill(SECRET)
    dialog.get_by_label("Берілген кеңес").fill("Күн тәртібін сақтау")
    dialog.get_by_role("button", name="Сақтау").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(f"#appointment-{appointment.pk}")).to_contain_text("өтті")
    page.goto(f"/kk/consultations/appointments/{appointment.pk}/")
    expect(page.get_by_test_id("note")).to_contain_text(SECRET)

    for username in ("dinara", "asel"):
        page.context.clear_cookies()
        sign_in_browser(page, username)
        page.goto(f"/kk/consultations/appointments/{appointment.pk}/")
        expect(page.get_by_test_id("status")).to_have_text(re.compile("өтті"))
        expect(page.get_by_test_id("note")).to_contain_text("тек осы түрдегі кеңестің мамандары оқиды")
        expect(page.get_by_test_id("note")).not_to_contain_text("ZQXSECRETQZ")


def test_on_a_phone_the_desk_opens_a_day_of_the_centre_s_week_and_books_one_of_its_free_slots(page, almaly):
    registrar = RegistrarFactory(centre=almaly, username="asel")
    olga = specialist_at(almaly, Specialty.PSYCHOLOGIST, username="olga", last_name="Иванова", first_name="Ольга")
    specialist_at(almaly, Specialty.LAWYER, username="dinara")
    family = FamilyFactory(registrar=registrar, mother__last_name="Сейітова", mother__first_name="Айгерім")
    day = working_day()

    page.set_viewport_size(PHONE)
    sign_in_browser(page, "asel")
    page.goto(f"/kk/consultations/calendar/?date={day.isoformat()}")
    count = page.get_by_test_id("week").locator(f'a[href$="specialist={olga.pk}&date={day.isoformat()}"]')
    expect(count).to_contain_text("бос: 8")  # 09:00–18:00, lunch at 13:00
    count.click()
    panel = page.locator("#day-panel")
    expect(panel.get_by_test_id("specialist-day")).to_contain_text("Иванова Ольга")
    expect(page.get_by_test_id("week")).to_be_visible()  # the week stays; her day came under the form

    panel.get_by_test_id("free-slot").first.click()  # the first click
    dialog = page.locator("#modal")
    expect(dialog.get_by_test_id("slot")).to_contain_text("Иванова Ольга")
    dialog.get_by_label("Ананың ЖСН-і").fill(family.mother.iin)
    dialog.get_by_role("button", name="Жазу").click()  # the second
    expect(dialog).to_be_hidden()

    expect(panel).to_contain_text("Сейітова Айгерім")  # both refresh after the booking
    expect(count).to_contain_text("жазылған: 1")
    appointment = Appointment.objects.get()
    assert (appointment.family, appointment.specialist, appointment.booked_by) == (family, olga, registrar)
