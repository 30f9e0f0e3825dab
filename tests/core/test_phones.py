import pytest
from phonenumber_field.phonenumber import PhoneNumber

from core.phones import format_phone


@pytest.mark.parametrize(
    "value", ["+77011234567", PhoneNumber.from_string("+77011234567"), PhoneNumber.from_string("8 (701) 123-45-67")]
)
def test_a_phone_is_shown_the_way_people_write_it(value):
    assert format_phone(value) == "8 701 123 45 67"


@pytest.mark.parametrize("value", ["", None, "not a phone"])
def test_anything_else_is_shown_as_it_is(value):
    assert format_phone(value) == (value or "")


def test_a_number_read_from_the_database_is_not_checked_against_the_numbering_plan_again(monkeypatch):
    stored = PhoneNumber.from_string("+77011234567")  # as from_db_value makes it
    monkeypatch.setattr(PhoneNumber, "is_valid", lambda self: pytest.fail("validated again"))
    assert format_phone(stored) == "8 701 123 45 67"
