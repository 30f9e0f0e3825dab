"""Text as people type (or paste) it, made fit to keep: invisible characters out, spaces collapsed,
lengths bounded.

A name pasted from a messenger can carry zero-width spaces, direction marks or a soft hyphen: they
make two spellings of one name differ, and a name made of nothing else looks empty on every page while
passing a "required" check. Every Unicode format character (category Cf) goes, with the few "filler"
letters that draw nothing. A name or address keeps single spaces; a longer text keeps its line breaks.
Forms clean with these (``core.forms.NameField``, ``core.forms.TextField``), and services call them
again, so a caller that skips the forms is held to the same rules.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy

from core.errors import DomainError

# Letters that draw nothing (Hangul fillers) and the blank Braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(character: str) -> bool:
    category = unicodedata.category(character)
    return category != "Cf" and (category != "Cc" or character in "\n\t") and character not in _BLANK_LETTERS


def one_line(value: str) -> str:
    """A name, an address: the visible characters, separated by single spaces."""
    return " ".join("".join(ch for ch in value if _visible(ch)).split())


def paragraphs(value: str) -> str:
    """A description or a note: visible characters, spaces collapsed within each line, at most one empty
    line in a row, nothing around."""
    lines = [" ".join("".join(ch for ch in line if _visible(ch)).split()) for line in value.splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def validate_has_letters(value: str) -> None:
    """A name holds at least one letter (of any script)."""
    if not any(character.isalpha() for character in value):
        raise ValidationError(gettext_lazy("A name must contain letters."), code="no_letters")


def bounded(value: str, *, limit: int, field: str | tuple | None = None) -> str:
    """``value`` when it holds at most ``limit`` characters; else a refusal that says both counts, in the
    words a form's ``max_length`` uses."""
    try:
        MaxLengthValidator(limit)(value)
    except ValidationError as error:
        raise DomainError(error.messages[0], field=field) from None
    return value
