"""The administration site under the portal's Content-Security-Policy, and the browser's favicon request."""

import re

import pytest

from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def csp(response) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())


@pytest.fixture
def administrator(client):
    user = AdministratorFactory()
    client.force_login(user)
    return user


def test_the_admin_keeps_the_portals_strict_policy(client, administrator):
    policy = csp(client.get(f"/admin/accounts/user/{administrator.pk}/change/"))
    assert policy["script-src"].split()[0] == "'self'"
    assert policy["style-src"] == "'self'"
    assert "unsafe-inline" not in str(policy)


def test_the_periodic_task_form_runs_no_inline_script(client, administrator):
    """django-celery-beat's own template has one; ours moves it to a static file."""
    page = client.get("/admin/django_celery_beat/periodictask/add/").content.decode()
    inline = [tag for tag in re.findall(r"<script[^>]*>", page) if "src=" not in tag and 'type="application/json"' not in tag]
    assert inline == []
    assert "js/admin/periodic_task_form.js" in page


def test_the_browsers_favicon_request_finds_the_portals_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"
    icon = client.get(response["Location"])
    icon.close()  # a file response, served by WhiteNoise
    assert (icon.status_code, icon["Content-Type"]) == (200, "image/svg+xml")


def test_the_admin_lists_no_personal_record_and_keeps_the_reference_data_editable(client, administrator):
    """Issue 9, item 4: no ModelAdmin is registered for a personal model (a ScopedQuerySet with
    ``personal = True``: families, their records, the outbox's messages); reference data stays editable."""
    from django.contrib import admin

    from core.scoping import ScopedQuerySet

    personal = [
        model._meta.label
        for model in admin.site._registry
        if isinstance(rows := model._default_manager.all(), ScopedQuerySet) and rows.personal
    ]
    assert personal == []
    for url in ("/admin/families/", "/admin/notifications/"):
        page = client.get(url).content.decode()
        assert "/admin/families/family/" not in page and "/admin/notifications/notification/" not in page
    assert client.get("/admin/families/family/").status_code == 404
    for editable in ("/admin/families/agency/add/", "/admin/families/visitpurpose/", "/admin/centres/centre/"):
        assert client.get(editable).status_code == 200, editable
