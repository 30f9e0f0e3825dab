"""Password-reset e-mails are rate limited per address and per client (django-axes guards sign-in only)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories import RegistrarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 5
    settings.PASSWORD_RESET_LIMIT_WINDOW = dt.timedelta(hours=1)


def ask(client, email, *, client_address="203.0.113.5", language="kk"):
    return client.post(f"/{language}/accounts/password/reset/", {"email": email}, REMOTE_ADDR=client_address)


def test_resets_for_one_address_stop_after_the_limit_with_a_clear_message(client):
    RegistrarFactory(email="asel@example.kz")
    for _ in range(3):
        assert ask(client, "asel@example.kz").status_code == 302

    refused = ask(client, "asel@example.kz", language="ru")

    assert refused.status_code == 429
    assert "Слишком много запросов на сброс пароля" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_the_address_limit_holds_from_every_client_and_in_any_spelling(client):
    RegistrarFactory(email="asel@example.kz")
    for n in range(3):
        ask(client, "asel@example.kz", client_address=f"203.0.113.{n + 1}")
    assert ask(Client(), "  Asel@Example.KZ ", client_address="198.51.100.9").status_code == 429
    assert len(mail.outbox) == 3


def test_one_client_cannot_ask_for_more_addresses_than_its_limit(client):
    for n in range(6):
        RegistrarFactory(email=f"staff{n}@example.kz")
    for n in range(5):
        assert ask(client, f"staff{n}@example.kz").status_code == 302

    assert ask(client, "staff5@example.kz").status_code == 429
    assert ask(Client(), "staff5@example.kz", client_address="198.51.100.9").status_code == 302  # another desk
    assert len(mail.outbox) == 6


def test_unknown_addresses_count_too_so_the_limit_tells_nothing_about_who_has_an_account(client):
    RegistrarFactory(email="asel@example.kz")
    emails = ["nobody@example.kz"] * 4 + ["asel@example.kz"] * 4
    answers = [ask(client, email, client_address=f"203.0.113.{n + 1}").status_code for n, email in enumerate(emails)]
    assert answers == [302, 302, 302, 429, 302, 302, 302, 429]


def test_the_limit_lifts_after_its_window(client):
    RegistrarFactory(email="asel@example.kz")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            ask(client, "asel@example.kz")
    with time_machine.travel(start + dt.timedelta(hours=1, minutes=1), tick=False):
        assert ask(client, "asel@example.kz").status_code == 302
    assert len(mail.outbox) == 4
