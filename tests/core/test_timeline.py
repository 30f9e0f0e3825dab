"""core.timeline: a kind of entry makes the line the family page shows, in the reader's language."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.i18n import in_languages
from core.roles import Role
from core.timeline import Entry, TimelineKind, midnight

AT = dt.datetime(2026, 10, 25, 10, 30, tzinfo=ZoneInfo("Asia/Almaty"))
GAINED = TimelineKind(
    "families.category_gained", "arrow-up-circle", _("Category given: %(category)s"), detail="note", system_actor=_("daily check")
)
VALUES = {"category": in_languages(_("large family")), "note": {"kk": "Үш бала", "ru": "Трое детей"}}


@pytest.mark.parametrize(
    ("language", "title", "note"),
    [("kk", "Санат берілді: көпбалалы", "Үш бала"), ("ru", "Присвоена категория: многодетная", "Трое детей")],
)
def test_the_title_and_the_detail_are_filled_in_the_readers_language(language, title, note):
    with translation.override(language):
        entry = GAINED.entry(at=AT, params=VALUES, actor="Тестова Айгүл")
    assert entry == Entry(at=AT, icon="arrow-up-circle", title=title, detail=note, actor="Тестова Айгүл")


def test_a_value_written_once_is_read_as_it_was_written():
    kind = TimelineKind("x.called", "telephone", "Called %(phone)s")
    assert kind.entry(at=AT, params={"phone": "8 701 123 45 67"}).title == "Called 8 701 123 45 67"


def test_a_title_without_values_is_shown_as_it_is_even_with_a_percent_sign():
    kind = TimelineKind("x.done", "check", "100% of the documents received")
    assert kind.entry(at=AT, params={}).title == "100% of the documents received"


def test_a_kind_without_a_detail_shows_none_even_when_values_have_text():
    kind = TimelineKind("x.booked", "chat", "Booked with %(specialist)s")
    assert kind.entry(at=AT, params={"specialist": "Юрист"}).detail == ""


def test_a_missing_detail_value_is_an_empty_detail():
    assert GAINED.entry(at=AT, params={"category": "large"}).detail == ""


def test_when_nobody_acted_the_system_actor_is_named_in_the_readers_language():
    with translation.override("ru"):
        assert GAINED.entry(at=AT, params=VALUES).actor == "ежедневная проверка"
    with translation.override("kk"):
        assert GAINED.entry(at=AT, params=VALUES).actor == "күнделікті тексеру"
    assert TimelineKind("x.y", "star", "Something").entry(at=AT, params={}).actor == ""


def test_a_kind_is_shown_to_every_reader_unless_it_says_otherwise():
    assert GAINED.shown_to(AnonymousUser(), VALUES)


def test_a_kind_asks_its_visible_rule_with_the_reader_and_the_values():
    asked = []

    def specialists_only(user, params):
        asked.append(params)
        return user.role == Role.SPECIALIST

    secret = TimelineKind("consultations.session", "lock", "Psychologist's session", visible=specialists_only)
    specialist, registrar = User(role=Role.SPECIALIST), User(role=Role.REGISTRAR)
    assert secret.shown_to(specialist, {"room": 3}) and not secret.shown_to(registrar, {"room": 3})
    assert asked == [{"room": 3}, {"room": 3}]


def test_midnight_is_the_start_of_the_day_in_almaty():
    start = midnight(dt.date(2026, 10, 25))
    assert timezone.is_aware(start)
    assert start == dt.datetime(2026, 10, 25, tzinfo=ZoneInfo("Asia/Almaty"))
    assert start.tzinfo == ZoneInfo("Asia/Almaty")


def test_midnight_is_almatys_whatever_time_zone_is_active():
    with timezone.override(ZoneInfo("Europe/London")):
        assert midnight(dt.date(2026, 10, 25)) == dt.datetime(2026, 10, 25, tzinfo=ZoneInfo("Asia/Almaty"))
