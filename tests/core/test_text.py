"""Text as typed or pasted, made fit to keep (core.text and the form fields built on it)."""

import unicodedata

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core import text
from core.errors import DomainError
from core.forms import NameField, TextField


def test_format_characters_and_fillers_go_and_spaces_collapse_in_one_line():
    assert text.one_line("\u200bГүл\u200dнар\ufeff  \u00a0Асқар\u2060қызы\u3164") == "Гүлнар Асқарқызы"


def test_paragraphs_keep_their_line_breaks_but_not_a_run_of_empty_lines():
    assert text.paragraphs("  Бірінші\u200b  жол \r\n\r\n\r\n\u200e\nекінші\n  ") == "Бірінші жол\n\nекінші"


@given(st.text())
def test_what_is_kept_holds_no_invisible_character_and_cleaning_twice_changes_nothing(value):
    for clean in (text.one_line, text.paragraphs):
        kept = clean(value)
        assert not any(unicodedata.category(ch) == "Cf" for ch in kept)
        assert clean(kept) == kept
        assert kept == kept.strip()


@given(st.text())
def test_one_line_holds_no_line_break_and_no_double_space(value):
    kept = text.one_line(value)
    assert "\n" not in kept and "  " not in kept


def test_a_text_over_its_bound_is_refused_with_both_counts_in_the_users_language():
    with translation.override("ru"), pytest.raises(DomainError) as refused:
        text.bounded("ә" * 11, limit=10, field="notes")
    assert refused.value.field == "notes"
    assert str(refused.value.message) == "Введите не более 10 символов (сейчас 11)."
    assert text.bounded("ә" * 10, limit=10) == "ә" * 10


class NoteForm(forms.Form):
    name = NameField(max_length=20)
    note = TextField(max_length=10, required=False)


def test_a_name_of_invisible_characters_is_empty_and_a_name_needs_a_letter():
    with translation.override("ru"):
        assert NoteForm({"name": "\u200b\u2060"}).errors["name"] == ["Обязательное поле."]
        assert NoteForm({"name": "--- 1"}).errors["name"] == ["Имя должно содержать буквы."]
    assert NoteForm({"name": " Әсел\u200b "}).is_valid()


def test_a_long_note_is_refused_but_the_page_does_not_cut_it_short():
    form = NoteForm({"name": "Әсел", "note": "ә" * 11})
    assert not form.is_valid()
    assert "maxlength" not in str(form["note"])
    assert "ә" * 11 in str(form["note"])
    assert 'maxlength="20"' in str(form["name"])
