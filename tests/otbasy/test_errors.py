import pytest

from tests.factories import MotherUserFactory

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_404_in_kazakh(client):
    response = client.get("/kk/no-such-page/")
    assert response.status_code == 404
    assert "Бет табылмады" in response.content.decode()


def test_a_missing_page_is_a_404_in_russian(client):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


@pytest.mark.parametrize(("language", "text"), [("kk", "Қол жеткізу жабық"), ("ru", "Доступ запрещён")])
def test_a_page_outside_the_role_is_a_403_in_the_users_language(client, language, text):
    client.force_login(MotherUserFactory())
    response = client.get(f"/{language}/centres/")
    assert response.status_code == 403
    assert text in response.content.decode()


@pytest.mark.parametrize(("language", "text"), [("kk", "Қате сұрау"), ("ru", "Неверный запрос")])
def test_a_request_that_makes_no_sense_gets_the_400_page_in_the_users_language(client, language, text):
    response = client.get(f"/{language}/", headers={"host": "not-our-site.example"})
    assert response.status_code == 400
    assert text in response.content.decode()


@pytest.mark.urls("tests.otbasy.crash_urls")
@pytest.mark.parametrize(("language", "text"), [("kk", "Бірдеңе дұрыс болмады"), ("ru", "Что-то пошло не так")])
def test_a_crash_shows_the_500_page_in_the_users_language(client, language, text):
    client.raise_request_exception = False
    response = client.get(f"/{language}/crash/")
    assert response.status_code == 500
    assert text in response.content.decode()


def test_a_form_sent_without_its_csrf_token_gets_a_translated_403(client):
    client.handler.enforce_csrf_checks = True
    response = client.post("/ru/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Форма устарела" in response.content.decode()
