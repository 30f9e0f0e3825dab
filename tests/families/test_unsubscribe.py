import pytest

from audit.models import AuditEvent
from families.models import Family
from families.unsubscribe import unsubscribe_url
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(almaly):
    return FamilyFactory(mother__last_name="Нұрланова", optional_messages=True)


def path(family, language="kk") -> str:
    return unsubscribe_url(family.pk, language).removeprefix("http://127.0.0.1:8000")


def test_the_link_asks_before_stopping_and_shows_nothing_about_her(client, family):
    response = client.get(path(family, "ru"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Хотите больше не получать напоминания и новости" in page
    assert "Нұрланова" not in page and str(family.phone) not in page
    family.refresh_from_db()
    assert family.optional_messages is True


def test_confirming_stops_reminders_and_news_and_leaves_a_trace(client, family):
    response = client.post(path(family))
    assert response.status_code == 200
    assert "Сізге «Бақытты отбасы» орталығының еске салғыштары мен жаңалықтары енді келмейді." in response.content.decode()
    family.refresh_from_db()
    assert family.optional_messages is False
    event = AuditEvent.objects.get(action="family.stop_optional_messages")
    assert (event.actor, event.target_id, event.changed_fields) == (None, str(family.pk), ["optional_messages"])


def test_a_mail_clients_one_click_post_needs_no_csrf_token(family):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(path(family), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Family.objects.get(pk=family.pk).optional_messages is False


def test_opening_the_link_again_says_it_is_already_done(client, family):
    client.post(path(family))
    page = client.get(path(family)).content.decode()
    assert "еске салғыштары мен жаңалықтары сіз үшін өшірулі" in page and "<form" not in page.split("<main")[1]
    assert AuditEvent.objects.filter(action="family.stop_optional_messages").count() == 1
    client.post(path(family))
    assert AuditEvent.objects.filter(action="family.stop_optional_messages").count() == 1


@pytest.mark.parametrize("token", ["1", "not-a-token", "MQ:1abc:xyz"])
def test_a_made_up_or_altered_link_is_not_found(client, family, token):
    assert client.post(f"/kk/families/stop-messages/{token}/").status_code == 404
    family.refresh_from_db()
    assert family.optional_messages is True
