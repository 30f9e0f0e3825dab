"""Kazakh and Russian write thousands with a space ("1 153"), and Django localizes every number a
template prints: an id in an attribute, an anchor or a URL must be printed whole (``|unlocalize``)."""

import re
from pathlib import Path

from django.conf import settings

UNLOCALIZED_ID = re.compile(r"\{\{\s*[\w.]+\.(?:pk|id)\s*\}\}")


def test_no_template_prints_a_record_number_that_the_language_would_split():
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}"
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if UNLOCALIZED_ID.search(line)
    ]

    assert found == []
