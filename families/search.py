"""Name search keys.

Names are typed in Kazakh or Russian Cyrillic, with or without the Kazakh letters, and sometimes in
Latin. Each name is folded to one Latin key: Kazakh letters to their Russian neighbours (Ә→А, Қ→К,
Ғ→Г, Ң→Н, Ө→О, Ұ/Ү→У, І→И, Һ→Х), soft and hard signs dropped, Ё→Е, Э→Е, then a plain
transliteration, with doubled letters made single. "Нұрланова Әсел", "Нурланова Асель" and "Nurlanova Asel" all give "nurlanova asel".
A Latin key also keeps PostgreSQL's trigram index working on a database whose ctype is "C", where
Cyrillic letters would not count as letters at all.
"""

import re
import unicodedata

from django.db.models import Case, Q, QuerySet, When

_FOLD = str.maketrans(
    {
        "ә": "а",
        "қ": "к",
        "ғ": "г",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "і": "и",
        "һ": "х",
        "ё": "е",
        "э": "е",
        "й": "и",
        "ъ": "",
        "ь": "",
    }
)
_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ы": "y",
    "ю": "yu",
    "я": "ya",
}
# Kazakh Latin script and common transliteration spellings, brought to the same key.
_LATIN_FOLD = [
    ("q", "k"),
    ("ğ", "g"),
    ("ñ", "n"),
    ("ä", "a"),
    ("ö", "o"),
    ("ü", "u"),
    ("ū", "u"),
    ("ı", "y"),
    ("j", "zh"),
    ("w", "u"),
    ("x", "h"),
    ("c", "ts"),
    ("kh", "h"),
    ("ye", "e"),
    ("y", "i"),
]
_NOT_LETTERS = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")


def search_key(text: str) -> str:
    """The folded Latin key of a name (words kept apart by single spaces)."""
    text = unicodedata.normalize("NFC", text or "").lower().translate(_FOLD)
    text = "".join(_LATIN.get(char, char) for char in text)
    # Folding can make new pairs to fold ("kkh" → "kh"): repeat until nothing changes, so that the key
    # of a key is the key itself.
    while (folded := _fold_latin(text)) != text:
        text = folded
    return text


def _fold_latin(text: str) -> str:
    for before, after in _LATIN_FOLD:
        text = text.replace(before, after)
    # Doubled letters come and go between spellings (Алла/Ала, Ильяс/Илияс).
    return _DOUBLED.sub(r"\1", _NOT_LETTERS.sub(" ", text)).strip()


# --- Misspelt names where the database cannot compare them ----------------------------------------
# PostgreSQL finds a misspelt name by trigram word similarity (families.selectors). The embedded
# default (SQLite, ``make run``) has no such index; there the candidates are compared here, word by
# word, by the number of typing slips between them.


def slips_allowed(word: str) -> int:
    """How many slips (a letter wrong, missing or extra) a word of the query may hold: none in one or
    two letters (too many names would match), one up to six letters, two beyond."""
    return 0 if len(word) < 3 else 1 if len(word) <= 6 else 2


def slips(word: str, name_word: str) -> int:
    """The fewest slips that turn ``word`` into the start of ``name_word`` (or the whole of it): a
    name is typed in part, so "nurlonav" is one slip from "nurlanova" (Levenshtein distance to the
    nearest prefix)."""
    # The row of distances from each prefix of ``word`` to the whole of ``name_word``'s prefixes.
    previous = list(range(len(name_word) + 1))
    for i, letter in enumerate(word, start=1):
        current = [i]
        for j, other in enumerate(name_word, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other)))
        previous = current
    return min(previous)


def misspelling_score(query_key: str, name_key: str) -> tuple[int, int] | None:
    """How far a folded name is from a folded query, as (slips, places): for each word of the query,
    the slips between it and the nearest word of the name, added up; then how far into the name those
    words are (a last name typed matches her last name before a namesake's patronymic). None when some
    word of the query is farther from every word of the name than ``slips_allowed``; (0, ...) when each
    word of the query begins a word of the name."""
    names = name_key.split()
    total = places = 0
    for word in query_key.split():
        nearest, place = min(((slips(word, name), place) for place, name in enumerate(names)), default=(len(word), 0))
        if nearest > slips_allowed(word):
            return None
        total, places = total + nearest, places + place
    return total, places


# A misspelt name shows at most this many best guesses: one page of the list (families.views'
# PAGE_SIZE), so that the guesses are their own count. A registrar who does not see her among the
# best 25 types more of the name rather than paging through weaker guesses.
SIMILAR_LIMIT = 25

# Where the database cannot compare names (SQLite), the misspelt name is compared in Python with at
# most this many candidates: the demo's registry (200 families) has far fewer.
SPELLING_CANDIDATES = 5_000


def spelling_guesses(queryset: QuerySet, key: str) -> QuerySet:
    """Families whose mother's folded name is within a few typing slips of each word of ``key``: the
    fewest slips first, then her last name before a namesake's patronymic (``misspelling_score``). The candidates are the names with a word beginning with the first letter of
    the longest word typed: a misspelling seldom changes it."""
    first = max(key.split(), key=len)[0]
    candidates = (
        queryset.filter(Q(search_name__startswith=first) | Q(search_name__contains=f" {first}"))
        .order_by("pk")
        .values_list("pk", "search_name")[:SPELLING_CANDIDATES]
    )
    scored = sorted((score, pk) for pk, name in candidates if (score := misspelling_score(key, name)) is not None)
    best = [pk for _score, pk in scored[:SIMILAR_LIMIT]]
    if not best:
        return queryset.none()
    order = Case(*(When(pk=pk, then=position) for position, pk in enumerate(best)), default=len(best))
    return queryset.filter(pk__in=best).order_by(order, "pk")
