import pytest
from django.core.exceptions import ImproperlyConfigured

from otbasy.env import Env


def test_a_missing_variable_takes_its_default():
    assert Env({}).int("PORT", default=8000) == 8000


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("Yes", True), ("off", False), ("0", False)])
def test_booleans_accept_the_usual_spellings(raw, expected):
    assert Env({"DEBUG": raw}).bool("DEBUG", default=not expected) is expected


def test_a_boolean_that_is_not_one_refuses_and_names_the_variable():
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        Env({"DEBUG": "maybe"}).bool("DEBUG", default=False)


def test_a_number_below_its_minimum_refuses():
    with pytest.raises(ImproperlyConfigured, match="STAFF_IDLE_MINUTES"):
        Env({"STAFF_IDLE_MINUTES": "0"}).int("STAFF_IDLE_MINUTES", default=30, minimum=1)


def test_a_choice_outside_the_list_refuses():
    with pytest.raises(ImproperlyConfigured, match="development, test, production"):
        Env({"DJANGO_ENV": "prod"}).choice("DJANGO_ENV", ("development", "test", "production"), default="development")


def test_a_required_variable_that_is_empty_refuses():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        Env({"SECRET_KEY": "  "}).str("SECRET_KEY", required=True, default="x")


def test_a_database_url_is_parsed_into_a_django_entry():
    config = Env({"DATABASE_URL": "postgres://otbasy:secret@db:5432/otbasy"}).database("DATABASE_URL")
    assert (config["ENGINE"], config["HOST"], config["NAME"], config["USER"]) == (
        "django.db.backends.postgresql",
        "db",
        "otbasy",
        "otbasy",
    )


def test_a_database_url_of_another_kind_refuses_without_showing_the_password():
    with pytest.raises(ImproperlyConfigured) as error:
        Env({"DATABASE_URL": "mysql://root:hunter2@db/otbasy"}).database("DATABASE_URL")
    assert "DATABASE_URL" in str(error.value)
    assert "hunter2" not in str(error.value)


def test_a_list_is_split_on_commas():
    assert Env({"ALLOWED_HOSTS": "otbasy.kz, www.otbasy.kz,"}).list("ALLOWED_HOSTS", default=[]) == ["otbasy.kz", "www.otbasy.kz"]


@pytest.mark.parametrize("url", ["consolemail://", "memorymail://", "dummymail://"])
def test_an_explicit_email_url_of_a_backend_without_a_server_is_accepted(url):
    config = Env({"EMAIL_URL": url}).email("EMAIL_URL", default="consolemail://")
    assert config["EMAIL_BACKEND"] == Env({}).email("EMAIL_URL", default=url)["EMAIL_BACKEND"]


def test_an_smtp_email_url_without_a_server_refuses():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        Env({"EMAIL_URL": "smtp://"}).email("EMAIL_URL", default="consolemail://")


@pytest.mark.parametrize(
    "key",
    [
        "change-me-to-a-long-random-string-of-at-least-fifty-characters",
        "CHANGEME-please-0123456789abcdefghijklmnopqrstuvwxyz0123456789",
        "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcd",
    ],
)
def test_a_placeholder_secret_key_refuses_in_production(key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is a placeholder"):
        Env({"SECRET_KEY": key}).secret_key("SECRET_KEY", default="dev", production=True)


def test_the_development_key_refuses_when_given_to_production():
    development = "development-only-key-never-used-in-production-0123456789abcdefghijklmnop"
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is a placeholder"):
        Env({"SECRET_KEY": development}).secret_key("SECRET_KEY", default=development, production=True)


def test_a_placeholder_secret_key_is_fine_outside_production():
    key = "change-me-to-a-long-random-string-of-at-least-fifty-characters"
    assert Env({"SECRET_KEY": key}).secret_key("SECRET_KEY", default="dev", production=False) == key
