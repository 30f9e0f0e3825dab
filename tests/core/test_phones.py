"""core.phones: Kazakhstan numbers typed any common way, kept in E.164, shown as 8 701 123 45 67."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from phonenumber_field.phonenumber import PhoneNumber

from core.phones import KazakhstanPhoneField, format_phone, to_e164


@pytest.mark.parametrize(
    "typed",
    [
        "8 701 123 45 67",
        "8-701-123-45-67",
        "8 (701) 123-45-67",
        "+7 (701) 123-45-67",
        "+77011234567",
        "7 701 123 45 67",
        "77011234567",
        "87011234567",
        "7011234567",
        "  8 701 123 45 67  ",
    ],
)
def test_a_mobile_number_typed_any_common_way_is_kept_in_e164(typed):
    assert to_e164(typed) == "+77011234567"


def test_a_city_number_of_almaty_is_a_kazakhstan_number_too():
    assert to_e164("8 727 272 02 02") == "+77272720202"
    assert to_e164("8 (747) 111-22-33") == "+77471112233"


@pytest.mark.parametrize(
    "typed",
    [
        "+7 916 123 45 67",  # +7 is Russia's too
        "8 495 123 45 67",  # a Moscow number
        "+49 151 1234 5678",
        "8 701 123 45 6",  # a digit short
        "8 701 123 45 678",  # a digit too many
        "8701123456789012",
        "abc",
        "",
        "   ",
    ],
)
def test_anything_that_is_not_a_kazakhstan_number_is_none(typed):
    assert to_e164(typed) is None


def test_a_stored_number_is_shown_the_way_people_write_it():
    assert format_phone("+77011234567") == "8 701 123 45 67"
    assert format_phone("+77272720202") == "8 727 272 02 02"
    assert format_phone(PhoneNumber.from_string("+77011234567")) == "8 701 123 45 67"


MOBILE_CODES = ["700", "701", "702", "705", "707", "747", "771", "775", "777", "778"]


@given(code=st.sampled_from(MOBILE_CODES), rest=st.integers(0, 9_999_999))
def test_a_number_shown_by_the_portal_reads_back_as_the_same_number(code, rest):
    number = f"+7{code}{rest:07d}"
    assert to_e164(number) == number
    assert to_e164(format_phone(number)) == number


@pytest.mark.parametrize("value", ["+4915112345678", "+7701123456", "+7701123456a", "8 701 123 45 67", "n/a"])
def test_anything_else_is_shown_as_it_is(value):
    assert format_phone(value) == value


@pytest.mark.parametrize("value", [None, ""])
def test_no_number_is_shown_as_nothing(value):
    assert format_phone(value) == ""


def test_the_phone_filter_shows_a_number_the_same_way():
    assert Template("{{ number|phone }}").render(Context({"number": "+77011234567"})) == "8 701 123 45 67"


def test_the_field_cleans_to_e164_and_shows_the_number_as_people_write_it():
    field = KazakhstanPhoneField()
    assert field.clean("8 (701) 123-45-67") == "+77011234567"
    assert field.prepare_value("+77011234567") == "8 701 123 45 67"
    assert field.widget.attrs["inputmode"] == "tel" and field.widget.attrs["placeholder"] == "8 701 123 45 67"


def test_the_field_refuses_another_countrys_number_in_the_users_language():
    with translation.override("ru"):
        with pytest.raises(ValidationError) as refused:
            KazakhstanPhoneField().clean("+7 916 123 45 67")
        message = refused.value.messages[0]
    assert refused.value.code == "invalid"
    assert "8 701 123 45 67" in message and "Enter" not in message


def test_an_optional_field_left_empty_is_an_empty_string():
    assert KazakhstanPhoneField(required=False).clean("") == ""
    with pytest.raises(ValidationError):
        KazakhstanPhoneField().clean("")


def test_a_number_read_from_the_database_is_not_checked_against_the_numbering_plan_again(monkeypatch):
    stored = PhoneNumber.from_string("+77011234567")  # as from_db_value makes it
    monkeypatch.setattr(PhoneNumber, "is_valid", lambda self: pytest.fail("validated again"))
    assert format_phone(stored) == "8 701 123 45 67"
