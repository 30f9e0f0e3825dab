"""The label of a choice in the active language, for lists of many rows.

``get_status_display`` builds the field's mapping of choices again at each call and translates every
label as it does (a list of 50 applications with 14 statuses asked gettext 700 times); here each
``TextChoices`` class is translated once per language and process (the catalogs do not change while
it runs)."""

from __future__ import annotations

import functools

from django.db.models import Choices
from django.utils.translation import get_language


def choice_label(choices: type[Choices], value) -> str:
    """What ``get_<field>_display`` shows for ``value`` (``value`` itself when it is not a choice)."""
    return _labels(choices, get_language()).get(value, value)


@functools.cache
def _labels(choices: type[Choices], language: str | None) -> dict:
    return {value: str(label) for value, label in choices.choices}
