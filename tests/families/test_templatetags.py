"""The registry's rows written in Python (families.templatetags.families): what the template wrote, escaped."""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation

from core.timeline import Entry
from families import selectors
from families.templatetags.families import family_rows, timeline_items
from tests.families.factories import ChildFactory, FamilyFactory

pytestmark = pytest.mark.django_db


def test_a_family_row_shows_her_name_link_masked_iin_phone_children_categories_and_day(registrar):
    family = FamilyFactory(
        registrar=registrar, mother__last_name="Ахметова", mother__first_name="Әсел", phone="+77011234567", is_large=True
    )
    ChildFactory(family=family)
    ChildFactory(family=family)
    family.created_at = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # 2 March in Almaty
    family.save(update_fields=["created_at"])

    with translation.override("ru"):
        (row,) = re.findall(r"<tr>.*?</tr>", family_rows(selectors.family_list_rows(registrar)))

    assert f'href="/ru/families/{family.pk}/"' in row and "Ахметова Әсел" in row
    assert family.mother.masked_iin in row and family.mother.iin not in row
    assert "8 701 123 45 67" in row
    assert '<td class="text-end" data-label="Дети">2</td>' in row
    assert '<span class="badge text-bg-primary">многодетная</span>' in row
    assert "02.03.2026" in row


def test_what_a_registrar_typed_is_escaped_in_the_rows(registrar):
    FamilyFactory(registrar=registrar, mother__last_name='<b onmouseover="x()">Ахметова</b>')

    html = family_rows(selectors.family_list_rows(registrar))

    assert "<b " not in html and "&lt;b onmouseover=&quot;x()&quot;&gt;Ахметова&lt;/b&gt;" in html


def test_a_timeline_item_escapes_its_title_actor_and_detail_and_keeps_the_detail_s_lines():
    entry = Entry(
        at=dt.datetime(2026, 5, 4, 20, 15, tzinfo=dt.UTC),
        icon="door-open",
        title="Came to <i>the centre</i>",
        detail="first line <script>\nsecond line",
        actor="Seitova <A.>",
    )

    with translation.override("ru"):
        html = timeline_items([entry])

    assert html.startswith('<li class="d-flex gap-2 mb-2"><i class="bi bi-door-open')
    assert "05.05.2026 01:15 · Seitova &lt;A.&gt;" in html  # Almaty time, UTC+5
    assert "<div>Came to &lt;i&gt;the centre&lt;/i&gt;</div>" in html
    assert '<div class="small">first line &lt;script&gt;<br>second line</div>' in html


def test_a_timeline_item_without_actor_or_detail_shows_neither():
    entry = Entry(at=timezone.now(), icon="phone", title="Signed up")

    html = timeline_items([entry])

    assert " · " not in html and 'class="small">' not in html.replace('class="small text-body-secondary">', "")
