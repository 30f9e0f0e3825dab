"""The registry's rules about people and dates, shared by the forms (for field-level messages) and the
services (which enforce them whoever calls)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families import iin as iin_rules

# A place in the registration form: ("mother", "iin"), ("children", 2, "birth_date"), ("spouse", "iin").
FieldPath = tuple

# Nobody on the register was born before this day: an earlier date is a typing slip (year 1, 1019).
EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)
# How many children one family's form holds; a family with more is not one the form can be trusted for.
MAX_CHILDREN = 20
# Bounds of free text, in characters: room for a real account, not for a pasted document.
NAME_MAX = 100  # a last, first or middle name (the register's column)
ADDRESS_MAX = 300
DESCRIPTION_MAX = 2000  # what she asks for; what was done; what the agency answered
NOTE_MAX = 1000  # notes, comments, what she expects from the agency


def validate_iin(value: str) -> None:
    if not (value.isascii() and value.isdigit()) or len(value) != 12:
        raise ValidationError(gettext_lazy("An IIN has exactly 12 digits."), code="iin_format")
    if not iin_rules.is_valid(value):
        raise ValidationError(
            gettext_lazy("This IIN is not valid: its check digit does not match. Please check every digit."),
            code="iin_check_digit",
        )


def validate_not_in_future(value: dt.date) -> None:
    if value > timezone.localdate():
        raise ValidationError(gettext_lazy("This date is in the future."), code="future")


def validate_birth_date(value: dt.date) -> None:
    """Not in the future, and not before 1900."""
    validate_not_in_future(value)
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError(
            gettext_lazy("A birth date before 1900 cannot be right. Please check the year."), code="before_1900"
        )


def consent_problem(*, mother_birth_date: dt.date | None, given_on: dt.date | None) -> str | None:
    """A consent is given by the mother herself: it cannot be older than she is."""
    if mother_birth_date and given_on and given_on < mother_birth_date:
        return _("The consent cannot be dated before the mother was born. Please check the date.")
    return None


def family_problems(*, mother_birth_date, mother_iin, children: Sequence, spouse_iin=None) -> list[tuple[FieldPath, str]]:
    """Rules across people: no child born before the mother, and no IIN twice in one family."""
    problems: list[tuple[FieldPath, str]] = []
    for index, child in enumerate(children):
        if mother_birth_date and child.birth_date and child.birth_date <= mother_birth_date:
            problems.append((("children", index, "birth_date"), _("A child cannot be born before the mother.")))
    seen: dict[str, FieldPath] = {}
    people = [(("mother", "iin"), mother_iin), *((("children", i, "iin"), c.iin) for i, c in enumerate(children))]
    if spouse_iin:
        people.append((("spouse", "iin"), spouse_iin))
    for path, value in people:
        if not value:
            continue
        if value in seen:
            problems.append((path, _("This IIN is entered twice in this family.")))
        else:
            seen[value] = path
    return problems


def hint_mismatches(people: Sequence[tuple[str, str | None, dt.date | None, str | None]]) -> list[str]:
    """Warnings (never errors) where a birth date or sex differs from what the IIN suggests.

    ``people`` holds (name, iin, birth_date, sex). Since 2013 an IIN need not encode them, so this only
    asks the registrar to look again."""
    warnings = []
    for name, iin, birth_date, sex in people:
        if not iin or not iin_rules.is_valid(iin):
            continue
        hint = iin_rules.hint(iin)
        if hint.birth_date and birth_date and hint.birth_date != birth_date:
            warnings.append(
                _("%(name)s: the IIN suggests the birth date %(hint)s, but %(given)s was entered. Please check.")
                % {
                    "name": name,
                    "hint": date_format(hint.birth_date, "SHORT_DATE_FORMAT"),
                    "given": date_format(birth_date, "SHORT_DATE_FORMAT"),
                }
            )
        if hint.sex and sex and hint.sex != sex:
            warnings.append(_("%(name)s: the IIN suggests a different sex. Please check.") % {"name": name})
    return warnings
