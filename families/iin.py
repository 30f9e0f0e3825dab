"""Kazakhstan's individual identification number (IIN / ЖСН / ИИН).

12 digits: YYMMDD, a century-and-sex digit, four serial digits and a check digit. The check digit is the
weighted sum of the first eleven digits mod 11 with weights 1..11; when that is 10 the weights
3..11,1,2 are used; when that is 10 too, the number is invalid. Birth date and sex read from an IIN are
only a hint: since 2013 they are not guaranteed to be right.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DIGITS = re.compile(r"\A[0-9]{12}\Z")  # ASCII digits only: \d would let other scripts' digits through
_WEIGHTS_1 = tuple(range(1, 12))
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# 7th digit: century of birth and sex.
_CENTURY_SEX = {1: (1800, "m"), 2: (1800, "f"), 3: (1900, "m"), 4: (1900, "f"), 5: (2000, "m"), 6: (2000, "f")}


def check_digit(first_eleven: str) -> int | None:
    """The check digit for eleven digits, or None when no check digit is possible."""
    digits = [int(c) for c in first_eleven]
    for weights in (_WEIGHTS_1, _WEIGHTS_2):
        value = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if value != 10:
            return value
    return None


def is_valid(iin: str) -> bool:
    return bool(_DIGITS.match(iin)) and check_digit(iin[:11]) == int(iin[11])


def mask(iin: str | None) -> str:
    """How lists show an IIN: the first four and the last two digits."""
    if not iin:
        return ""
    return f"{iin[:4]}{'*' * 6}{iin[-2:]}"


@dataclass(frozen=True)
class Hint:
    birth_date: dt.date | None
    sex: str | None  # "m" or "f"


def hint(iin: str) -> Hint:
    """Birth date and sex as the IIN encodes them, if it encodes them at all."""
    century_sex = _CENTURY_SEX.get(int(iin[6])) if _DIGITS.match(iin) else None
    if century_sex is None:
        return Hint(None, None)
    century, sex = century_sex
    try:
        born = dt.date(century + int(iin[:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        born = None
    return Hint(born, sex)


def build(birth_date: dt.date, sex: str, serial: int) -> str | None:
    """An IIN for a birth date, sex and four-digit serial (None if that serial has no check digit)."""
    century_digit = {1800: 1, 1900: 3, 2000: 5}[birth_date.year // 100 * 100] + (1 if sex == "f" else 0)
    first_eleven = f"{birth_date:%y%m%d}{century_digit}{serial:04d}"
    digit = check_digit(first_eleven)
    return None if digit is None else f"{first_eleven}{digit}"
