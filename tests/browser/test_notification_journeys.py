import re

import pytest
from playwright.sync_api import expect

from notifications import sms
from notifications.models import Notification
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.helpers import sign_in_browser
from tests.notifications.factories import NotificationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_centre_head_finds_an_undelivered_sms_and_sends_it_again_in_place(page, almaly):
    CentreHeadFactory(centre=almaly, username="head")
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly), mother__last_name="Сейітова", phone="+77015551234")
    lost = NotificationFactory(
        family=family, centre=almaly, status="failed", attempts=5, failure="gateway", last_error="HTTP 503"
    )
    NotificationFactory(family=family, centre=almaly, status="sent", sent_at=lost.created_at)
    sms.outbox.clear()
    sign_in_browser(page, "head")

    page.get_by_role("link", name="Хабарламалар").first.click()
    expect(page.get_by_role("heading", name="Жеткізу журналы")).to_be_visible()
    page.get_by_label("Мәртебесі").select_option("failed")  # the list narrows without a reload
    expect(page).to_have_url(re.compile(r"status=failed"))
    row = page.locator(f"#notification-{lost.pk}")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(row).to_contain_text("Сейітова")
    expect(row).to_contain_text("+7701***1234")

    row.get_by_role("button", name="Қайта жіберу").click()

    expect(row).to_contain_text("жіберілді")
    expect(row.get_by_role("button", name="Қайта жіберу")).to_have_count(0)
    assert Notification.objects.get(pk=lost.pk).status == "sent"
    assert [message.to for message in sms.outbox] == ["+77015551234"]
