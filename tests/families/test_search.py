import pytest
from hypothesis import given
from hypothesis import strategies as st

from families.search import search_key


@pytest.mark.parametrize(
    "variants",
    [
        ["Нұрланова Әсел", "НУРЛАНОВА АСЕЛЬ", "нурланова асель", "Nurlanova Asel"],
        ["Қайсар", "Кайсар", "Qaisar"],
        ["Ғалия", "Галия", "Galiya"],
        ["Аманжолова Айгүл", "Аманжолова Айгуль", "Amanzholova Aigul"],
        ["Өмірзақова", "Омирзакова"],
        ["Ұлжан", "Үлжан", "Улжан"],
        ["Һадиша", "Хадиша", "Khadisha"],
        ["Ержан", "Yerzhan", "Erzhan"],
        ["Ильяс", "Илияс"],
        ["Шыңғыс", "Шынгыс", "Shyngys"],
    ],
)
def test_spelling_variants_of_a_name_share_one_search_key(variants):
    assert len({search_key(name) for name in variants}) == 1


def test_the_search_key_keeps_words_apart_and_drops_punctuation():
    assert search_key("  Серік-Қызы,   Әйгерім ") == "serik kizi aigerim"


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі ABCxyz-", max_size=40))
def test_folding_a_search_key_again_changes_nothing(text):
    assert search_key(search_key(text)) == search_key(text)


@given(st.text(max_size=40))
def test_a_search_key_holds_only_latin_letters_and_single_spaces(text):
    key = search_key(text)
    assert set(key) <= set("abcdefghijklmnopqrstuvwxyz ")
    assert "  " not in key and key == key.strip()
