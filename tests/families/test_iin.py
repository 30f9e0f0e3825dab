import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from families import iin
from families.rules import validate_iin

eleven_digits = st.text(alphabet="0123456789", min_size=11, max_size=11)


@pytest.mark.parametrize("value", ["791028302728", "061211600012"])
def test_the_published_examples_are_valid(value):
    assert iin.is_valid(value)


@pytest.mark.parametrize("value", ["791028302729", "061211600013", "79102830272", "7910283027288", "79102830272a", ""])
def test_a_wrong_check_digit_or_length_is_invalid(value):
    assert not iin.is_valid(value)


@given(eleven_digits)
def test_at_most_one_check_digit_completes_any_eleven_digits(first_eleven):
    completing = [d for d in "0123456789" if iin.is_valid(first_eleven + d)]
    expected = iin.check_digit(first_eleven)
    assert completing == ([] if expected is None else [str(expected)])


@given(eleven_digits)
def test_when_both_weightings_give_ten_no_iin_is_valid(first_eleven):
    digits = [int(c) for c in first_eleven]
    first = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    second = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
    if first == 10 and second == 10:
        assert not any(iin.is_valid(first_eleven + d) for d in "0123456789")
    else:
        assert iin.check_digit(first_eleven) == (second if first == 10 else first)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from("mf"), st.integers(0, 9999))
def test_a_built_iin_is_valid_and_tells_its_birth_date_and_sex(born, sex, serial):
    value = iin.build(born, sex, serial)
    if value is not None:
        assert iin.is_valid(value)
        assert iin.hint(value) == iin.Hint(born, sex)


def test_the_hint_of_an_iin_without_a_century_digit_is_empty():
    assert iin.hint("791028002728") == iin.Hint(None, None)


def test_an_iin_is_masked_in_lists():
    assert iin.mask("061211600012") == "0612******12"


@pytest.mark.parametrize(
    ("language", "value", "message"),
    [
        ("kk", "12345", "ЖСН 12 цифрдан тұрады."),
        ("ru", "12345", "ИИН состоит из 12 цифр."),
        ("ru", "791028302729", "ИИН недействителен"),
    ],
)
def test_the_iin_validator_explains_the_problem_in_the_users_language(language, value, message):
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            validate_iin(value)
        assert message in error.value.messages[0]


# Digits of other scripts (full-width, Arabic-Indic, Devanagari...) that str.isdigit() and \d accept.
other_digits = st.characters(categories=["Nd"]).filter(lambda ch: ch not in "0123456789")


@given(eleven_digits, st.integers(0, 11), other_digits)
def test_only_ascii_digits_make_an_iin(first_eleven, position, foreign):
    value = first_eleven + str(iin.check_digit(first_eleven) or 0)
    lookalike = value[:position] + foreign + value[position + 1 :]
    assert not iin.is_valid(lookalike)
    with pytest.raises(ValidationError):
        validate_iin(lookalike)


def test_a_trailing_newline_is_not_part_of_a_valid_iin():
    assert not iin.is_valid("061211600012\n")
