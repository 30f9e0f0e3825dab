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
