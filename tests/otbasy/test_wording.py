"""How the portal's Kazakh and Russian read: rules over the whole catalogs, and the wordings the pages
got wrong once, looked up the way the pages look them up."""

import ast
import re

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from tests.conftest import ROOT

LOCALE = ROOT / "locale"
AMBIGUOUS = ("open", "closed", "opened", "changed", "served", "waiting", "sent", "gained", "Open", "Change")


def entries(language: str) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po")) if not entry.obsolete]


def django_msgids() -> set[str]:
    """The msgids ``otbasy/django_strings.py`` copies from Django into the project catalog."""
    tree = ast.parse((ROOT / "otbasy" / "django_strings.py").read_text())
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
    # gettext_noop(msgid), ngettext_lazy(singular, plural, n), pgettext_lazy(context, msgid)
    return {call.args[1 if call.func.id.startswith("pgettext") else 0].value for call in calls}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_ambiguous_short_msgids_always_come_with_a_context(language):
    bare = [entry.msgid for entry in entries(language) if entry.msgid in AMBIGUOUS and not entry.msgctxt]
    assert bare == []


def test_a_centre_that_is_open_is_not_an_appeal_that_is_open():
    with translation.override("kk"):
        assert (pgettext("centre", "open"), pgettext("appeal status", "open")) == ("жұмыс істейді", "ашық")
    with translation.override("ru"):
        assert (pgettext("centre", "open"), pgettext("appeal status", "open")) == ("работает", "открыто")
        assert (pgettext("date", "opened"), pgettext("access", "changed")) == ("дата открытия", "изменение")


def test_the_short_ambiguous_msgids_explain_themselves_to_translators():
    commented = {(entry.msgctxt, entry.msgid) for entry in entries("kk") if entry.comment.startswith("Translators:")}
    for key in [("centre", "open"), ("centre", "closed"), ("date", "opened"), ("access", "viewed"), ("visit status", "waiting")]:
        assert key in commented, key


def test_every_kazakh_status_is_martebe():
    words = [
        (entry.msgid, entry.msgstr)
        for entry in entries("kk")
        if re.search(r"\bstatus\b", entry.msgid, re.IGNORECASE) and "marital" not in entry.msgid.lower()
    ]
    assert words
    assert [(msgid, text) for msgid, text in words if "мәртебе" not in text.lower()] == []


def test_a_centres_name_never_follows_the_word_for_centre():
    for entry in entries("kk"):
        assert not re.search(r"%\(centre\)s\s+орталығ", entry.msgstr), entry.msgid
    for entry in entries("ru"):
        assert not re.search(r"центр\w*\s+%\(centre\)s", entry.msgstr, re.IGNORECASE), entry.msgid


@pytest.mark.parametrize(
    ("msgid", "right", "wrong"),
    [
        ("Category removed: %(category)s", "Санаттан шықты: %(category)s", "алынды"),
        ("served by %(who)s at %(time)s", "%(who)s қызмет көрсетті (%(time)s)", "-та"),
        ("Edit the family of %(name)s", "Отбасын өңдеу: %(name)s", "%(name)s отбасын"),
        ("A person with this IIN is already registered.", "Бұл ЖСН-і бар адам бұрыннан тіркелген.", "ЖСН бар"),
        ("The mother's IIN is required.", "Ананың ЖСН-і міндетті.", "ЖСН-ы"),
    ],
)
def test_kazakh_wordings_the_pages_once_got_wrong(msgid, right, wrong):
    with translation.override("kk"):
        text = gettext(msgid)
    assert text == right and wrong not in text


def test_nothing_saved_is_not_followed_by_everything_saved_in_kazakh():
    with translation.override("kk"):
        text = gettext("Nothing has been saved yet. Please correct the fields marked below; everything you entered is kept.")
    assert text.startswith("Әзірге ештеңе сақталған жоқ.") and "сақталды" not in text


@pytest.mark.parametrize("count", [1, 5])
def test_the_count_of_todays_visits_starts_with_a_capital_in_kazakh(count):
    with translation.override("kk"):
        text = ngettext("%(counter)s visit today", "%(counter)s visits today", count) % {"counter": count}
    assert text == f"Бүгін {count} келу тіркелді"


@pytest.mark.parametrize(
    ("msgid", "russian"),
    [
        ("Category given: %(category)s", "Присвоена категория: %(category)s"),
        ("Category removed: %(category)s", "Снята категория: %(category)s"),
    ],
)
def test_russian_says_a_category_is_given_or_removed(msgid, russian):
    with translation.override("ru"):
        assert gettext(msgid) == russian


def test_kazakh_writes_password_in_one_word_and_choose_with_its_n_with_a_tail():
    texts = [entry.msgstr or " ".join(entry.msgstr_plural.values()) for entry in entries("kk")]
    assert [text for text in texts if "құпия сөз" in text] == []
    assert [text for text in texts if "тандау" in text.lower()] == []


def test_the_russian_copies_of_djangos_messages_use_russian_quotes_and_whole_numbers():
    ours = django_msgids()
    copies = [
        (entry.msgid, entry.msgstr or " ".join(entry.msgstr_plural.values())) for entry in entries("ru") if entry.msgid in ours
    ]
    assert len(copies) == len(ours)
    assert [msgid for msgid, text in copies if re.search(r"[“”\"]", text)] == []
    assert [msgid for msgid, text in copies if "натуральн" in text or "Введенные" in text] == []


def test_the_tenge_sign_is_held_to_what_comes_before_it():
    texts = [entry.msgstr for language in ("kk", "ru") for entry in entries(language)]
    templates = [path.read_text() for path in (ROOT / "templates").rglob("*.html")]
    assert [text for text in texts + templates if re.search(r"[^\S\xa0]₸", text)] == []
