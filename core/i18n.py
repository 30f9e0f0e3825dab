"""Languages, and content kept in every language.

Kazakh and Russian are the languages of mothers and staff; English is for administrators. Text that
is stored once and read later in whatever language the reader uses (a timeline entry naming a centre,
a request kind) is kept as ``{"kk": ..., "ru": ..., "en": ...}`` — ``in_languages`` makes such a value
and ``in_language`` reads it back in the active language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.urls import translate_url as django_translate_url
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


def translated_fields(field: str) -> tuple[str, ...]:
    """A translated field's columns: ``field`` and modeltranslation's one per language
    (``translated_fields("name")`` → ``("name", "name_kk", "name_ru", "name_en")``), for reading a
    translated name in the same query as its row."""
    return (field, *(f"{field}_{code}" for code, _label in settings.LANGUAGES))


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


def language_of(url: str) -> str:
    """The language a portal URL's prefix names (``/ru/centres/`` → ``ru``); the active one without."""
    return translation.get_language_from_path(urlsplit(url).path) or translation.get_language() or settings.LANGUAGE_CODE


def translate_url(url: str, language: str) -> str:
    """``url`` in ``language``: the same page under the other language's prefix, its query kept.

    Django's ``translate_url`` resolves the path in the *active* language, which outside the
    language-prefixed pages (the language switch, the sign-in redirect) is the cookie's or the
    browser's: a ``/kk/`` page resolved in Russian does not resolve, and came back unchanged.
    Resolve it in the language of its own prefix instead."""
    with translation.override(language_of(url)):
        return django_translate_url(url, language)
