"""The administration site in a real browser: no CSP violation (the `page` fixture fails on any) and no
sub-request that answers 404 (a stylesheet, an icon)."""

import pytest
from django_celery_beat.models import CrontabSchedule
from playwright.sync_api import expect

from families.models import ConsentText, VisitPurpose
from notifications.models import MessageTemplate
from tests.factories import PASSWORD, AdministratorFactory, CentreFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def admin_pages(administrator) -> list[str]:
    centre = CentreFactory()
    return [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        f"/admin/accounts/user/{administrator.pk}/change/",
        "/admin/accounts/user/?q=admin",
        "/admin/centres/centre/",
        f"/admin/centres/centre/{centre.pk}/change/",
        "/admin/centres/district/",
        f"/admin/families/consenttext/{ConsentText.objects.first().pk}/change/",
        f"/admin/families/visitpurpose/{VisitPurpose.objects.first().pk}/change/",
        f"/admin/notifications/messagetemplate/{MessageTemplate.objects.first().pk}/change/",
        "/admin/django_celery_beat/periodictask/",
        "/admin/django_celery_beat/periodictask/add/",
        "/admin/audit/auditevent/",
        f"/admin/accounts/user/{administrator.pk}/delete/",
    ]


def test_the_admin_pages_break_no_csp_rule_and_load_every_file(page):
    administrator = AdministratorFactory(username="admin")
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    for path in admin_pages(administrator):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")

    assert missing == []


def test_the_periodic_task_form_still_shows_the_chosen_crontab_in_words(page):
    AdministratorFactory(username="admin")
    crontab = CrontabSchedule.objects.create(minute="30", hour="6", timezone="Asia/Almaty")
    page.goto("/admin/login/?next=/admin/django_celery_beat/periodictask/add/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.locator("#id_crontab").select_option(str(crontab.pk))

    expect(page.locator(".field-crontab .help")).to_contain_text("Translation: At 06:30 AM")
    expect(page.locator(".field-crontab_translation")).to_be_hidden()
