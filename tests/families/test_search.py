import pytest
from hypothesis import given
from hypothesis import strategies as st

from families.search import misspelling_score, search_key, slips


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


@pytest.mark.parametrize(
    ("word", "name_word", "expected"),
    [
        ("nurlanova", "nurlanova", 0),
        ("nurlan", "nurlanova", 0),  # typed in part
        ("nurlanava", "nurlanova", 1),  # a vowel heard as another
        ("nurlnova", "nurlanova", 1),  # a letter left out
        ("nurrlanova", "nurlanova", 0),  # (doubled letters are folded away by the key)
        ("nurlanowa", "nurlanova", 1),
        ("asl", "asel", 1),
        ("ivanova", "nurlanova", 4),
    ],
)
def test_slips_count_the_letters_wrong_missing_or_extra_against_the_start_of_a_name(word, name_word, expected):
    assert slips(search_key(word), name_word) == expected


@pytest.mark.parametrize(
    ("query", "score"),
    [
        ("nurlanava asl", (2, 1)),
        ("nurlanava", (1, 0)),
        ("asel nurlanova", (0, 1)),  # in any order
        ("bekkizi", (0, 2)),
        ("nurlanova olga", None),  # a word like none of hers
        ("ivanova", None),
        ("nu", (0, 0)),
        ("na", None),  # two letters must be right
    ],
)
def test_a_misspelt_query_scores_the_slips_and_places_of_its_words_or_nothing_when_one_is_too_far(query, score):
    assert misspelling_score(query, "nurlanova asel bekkizi") == score


@given(st.text(alphabet="abcdeikmnorstuvz", min_size=1, max_size=12), st.text(alphabet="abcdeikmnorstuvz", max_size=12))
def test_a_word_is_never_more_slips_from_a_name_than_its_length(word, name_word):
    assert 0 <= slips(word, name_word) <= len(word)
    assert slips(word, word + name_word) == 0
