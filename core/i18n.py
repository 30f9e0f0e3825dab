"""Languages, and content kept in every language.

Kazakh and Russian are the languages of mothers and staff; English is for administrators. Text that
is stored once and read later in whatever language the reader uses (a timeline entry naming a centre,
a request kind) is kept as ``{"kk": ..., "ru": ..., "en": ...}`` — ``in_languages`` makes such a value
and ``in_language`` reads it back in the active language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


# The languages a mother (or a member of staff) is served in; English is for administrators.
PUBLIC_LANGUAGES = [(code, label) for code, label in Language.choices if code in (Language.KAZAKH, Language.RUSSIAN)]

# Each language named the way its own speakers say "in my language" on a switcher: never translated.
# (Django's own names would give «Қазақ», an adjective on its own, and no choice of wording.)
SELF_NAMES = {Language.KAZAKH: "Қазақша", Language.RUSSIAN: "Русский", Language.ENGLISH: "English"}


def in_languages(value: Callable[[], Any] | Any) -> dict[str, str]:
    """``value`` (a lazy translation, a model's translated field read through a callable, or a
    callable returning text) evaluated in every language of the portal."""
    texts = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(value() if callable(value) else value)
    return texts


def in_language(value: Any, language: str | None = None) -> str:
    """A value made by ``in_languages`` in ``language`` (the active one by default), falling back
    as modeltranslation does (the language's own fallbacks, else the ``"default"`` ones), then to any
    language rather than nothing; any other value as text."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    for code in (language, *fallbacks.get(language, fallbacks.get("default", ())), "kk", "ru", "en"):
        if value.get(code):
            return value[code]
    return ""
