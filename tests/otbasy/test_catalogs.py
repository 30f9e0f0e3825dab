"""The kk and ru catalogs hold every string of the sources, all translated, none fuzzy, and compiled."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT

LANGUAGES = ("kk", "ru")
SOURCES_TO_COPY = ["manage.py", "otbasy", "templates", "locale"] + [
    p.name for p in ROOT.iterdir() if p.is_dir() and (p / "apps.py").exists() and p.name != "otbasy"
]


def catalog(path: Path) -> polib.POFile:
    return polib.pofile(str(path))


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory) -> Path:
    """makemessages run on a copy of the sources: what the catalogs would be if regenerated now."""
    copy = tmp_path_factory.mktemp("sources")
    for name in SOURCES_TO_COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    args = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
    args += [f"--locale={language}" for language in LANGUAGES]
    result = subprocess.run(args, cwd=copy, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return copy / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_passes_msgfmt_check(language):
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_sources_is_translated(language, fresh_catalogs):
    fresh = catalog(fresh_catalogs / language / "LC_MESSAGES" / "django.po")
    untranslated = [entry.msgid for entry in fresh.untranslated_entries()]
    fuzzy = [entry.msgid for entry in fresh.fuzzy_entries()]
    assert untranslated == [], f"run `make messages` and translate: {untranslated[:20]}"
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(language):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    source = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in catalog(folder / "django.po").translated_entries()}
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in polib.mofile(str(folder / "django.mo")) if e.msgid
    }
    assert compiled == source, "run `make messages` to recompile"
