"""The calendars' links, built from one ``reverse`` per language, are the links ``reverse`` gives."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from consultations.slots import Slot
from consultations.templatetags.consultations import book_url, consultations_url


@pytest.fixture
def under_a_prefix():
    set_script_prefix("/portal/")
    yield
    set_script_prefix("/")


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("name", ["appointment", "note", "no_show", "reschedule", "cancel", "specialist_calendar"])
def test_an_appointment_s_or_a_specialist_s_link_is_the_one_reverse_gives(language, name):
    with translation.override(language):
        for pk in (7, 10_000, 1_234_567):
            assert consultations_url(pk, name) == reverse(f"consultations:{name}", args=[pk])


def test_the_links_follow_the_script_prefix_the_portal_is_served_under(under_a_prefix):
    with translation.override("ru"):
        assert consultations_url(42, "appointment") == reverse("consultations:appointment", args=[42])
        assert consultations_url(42, "appointment").startswith("/portal/ru/")


def test_a_free_slot_s_booking_link_carries_its_specialist_centre_and_start():
    starts = dt.datetime(2026, 12, 3, 11, tzinfo=timezone.get_default_timezone())
    slot = Slot(starts, starts + dt.timedelta(hours=1), specialist_id=1234, centre_id=5)
    query = {"specialist": 1234, "centre": 5, "starts_at": starts.isoformat()}
    with translation.override("kk"):
        assert book_url(slot) == f"{reverse('consultations:book')}?{urlencode(query)}"
        assert (
            book_url(slot, type("Family", (), {"pk": 99})())
            == f"{reverse('consultations:book')}?{urlencode(query | {'family': 99})}"
        )
