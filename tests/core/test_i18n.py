"""core.i18n: content kept in every language, read back in the reader's (with fallbacks)."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.i18n import PUBLIC_LANGUAGES, Language, in_language, in_languages, translate_url, translated_fields

LAWYER = {"kk": "Заңгер", "ru": "Юрист", "en": "Lawyer"}


def test_a_lazy_translation_is_kept_in_every_language_of_the_portal():
    assert in_languages(_("Lawyer")) == LAWYER


def test_a_callable_is_called_once_in_each_language():
    assert in_languages(translation.get_language) == {"kk": "kk", "ru": "ru", "en": "en"}


def test_plain_text_is_the_same_in_every_language():
    assert in_languages("Абай даңғылы, 1") == {"kk": "Абай даңғылы, 1", "ru": "Абай даңғылы, 1", "en": "Абай даңғылы, 1"}


def test_making_the_value_leaves_the_active_language_as_it_was():
    with translation.override("ru"):
        in_languages(_("Lawyer"))
        assert translation.get_language() == "ru"


@pytest.mark.parametrize(("language", "text"), [("kk", "Заңгер"), ("ru", "Юрист"), ("en", "Lawyer")])
def test_a_value_is_read_in_the_active_language(language, text):
    with translation.override(language):
        assert in_language(LAWYER) == text


def test_a_value_is_read_in_the_language_asked_whatever_the_active_one():
    with translation.override("kk"):
        assert in_language(LAWYER, "ru") == "Юрист"


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [
        ("en", {"kk": "Заңгер", "ru": "Юрист"}, "Юрист"),  # English readers fall back to Russian first
        ("ru", {"kk": "Заңгер", "en": "Lawyer"}, "Заңгер"),
        ("kk", {"ru": "Юрист", "en": "Lawyer"}, "Юрист"),
        ("kk", {"kk": "", "ru": "Юрист"}, "Юрист"),  # an empty text is a missing one
        ("ru", {"en": "Lawyer"}, "Lawyer"),  # any language rather than nothing
        ("ru", {"kk": "", "ru": ""}, ""),
        ("ru", {}, ""),
    ],
)
def test_a_missing_language_falls_back_as_the_settings_say(language, value, text):
    assert in_language(value, language) == text


def test_the_default_fallback_of_the_settings_serves_a_language_without_its_own(settings):
    settings.MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "en": ("ru", "kk")}
    assert in_language({"ru": "Юрист", "en": "Lawyer"}, "kk") == "Lawyer"


@pytest.mark.parametrize(("value", "text"), [("Алмалы", "Алмалы"), (12, "12"), (None, ""), (_("Lawyer"), "Юрист")])
def test_a_value_not_kept_in_languages_is_read_as_text(value, text):
    with translation.override("ru"):
        assert in_language(value) == text


def test_mothers_and_staff_are_served_in_kazakh_and_russian_as_the_settings_say():
    assert [code for code, _label in PUBLIC_LANGUAGES] == ["kk", "ru"] == list(settings.PUBLIC_LANGUAGES)
    assert [code for code, _label in settings.LANGUAGES] == list(Language.values)


@pytest.mark.parametrize("active", ["kk", "ru", "en"])
def test_a_url_is_translated_from_the_language_of_its_own_prefix_whatever_language_is_active(active):
    with translation.override(active):
        assert translate_url("/kk/centres/?district=3&q=%D0%90", "ru") == "/ru/centres/?district=3&q=%D0%90"
        assert translate_url("/ru/accounts/login/", "kk") == "/kk/accounts/login/"
        assert translate_url("/nowhere/", "ru") == "/nowhere/"


def test_a_translated_field_has_its_own_column_and_one_per_language_of_the_portal():
    assert translated_fields("name") == ("name", "name_kk", "name_ru", "name_en")
