"""English is for administrators: a browser's own preference never takes the public site there."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "landing"),
    [
        ("en-US,en;q=0.9", "/kk/"),
        ("en-GB", "/kk/"),
        ("en-US,en;q=0.9,ru;q=0.8", "/ru/"),  # the first of her languages that the public site speaks
        ("de-DE,de;q=0.9,en;q=0.8", "/kk/"),
    ],
)
def test_a_browser_set_to_english_lands_on_a_public_language(client, accept_language, landing):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == landing


def test_a_page_without_a_prefix_follows_the_same_rule(client):
    response = client.get("/accounts/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Location"] == "/kk/accounts/login/"


def test_english_chosen_in_the_switcher_is_kept(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/", headers={"accept-language": "ru"})["Location"] == "/en/"


def test_an_english_address_still_opens_in_english(client):
    response = client.get("/en/accounts/login/", headers={"accept-language": "en-US"})
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
