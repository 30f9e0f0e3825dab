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
