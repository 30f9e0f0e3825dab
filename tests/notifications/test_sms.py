import datetime as dt

import pytest
from django.utils import translation
from django.utils.formats import date_format

from core.phones import format_phone
from families.models import Agency, Appeal
from notifications.models import MessageTemplate
from notifications.sms import segments

# Two UCS-2 segments (any Cyrillic letter makes an SMS UCS-2) hold 2 × 67 characters; every template
# keeps this many to spare for the values longer than the ones below.
TWO_SEGMENTS = 2 * 67
HEADROOM = 10
NAME = "Айгерім-Гүлжанат-Нұр"  # a 20-character first name
CENTRES = {"kk": "«Бақытты отбасы» Наурызбай аудандық орталығы", "ru": "Центр «Бақытты отбасы» Наурызбайского района"}


def longest_context(language: str) -> dict[str, str]:
    """The longest values a message in ``language`` is filled with, written as the code writes them."""
    with translation.override(language):
        return {
            "name": NAME,
            "centre": CENTRES[language],
            "centre_phone": format_phone("+77272720202"),  # "8 727 272 02 02"
            "kind": max((str(label) for label in Appeal.Kind.labels), key=len),
            "agency": max((agency.name for agency in Agency.objects.all()), key=len),
            "due": date_format(dt.date(2026, 12, 31), "SHORT_DATE_FORMAT"),
            "comment": "Орын берілді",
            # A consultation's day and hour (consultations.messages).
            "date": date_format(dt.date(2026, 12, 31), "SHORT_DATE_FORMAT"),
            "time": "18:45",
        }


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a" * 160, 1), ("a" * 161, 2), ("ә" * 70, 1), ("ә" * 71, 2), ("я" * 134, 2), ("я" * 135, 3), ("{" * 80, 1), ("{" * 81, 2)],
)
def test_segments_follow_the_gsm_and_ucs2_limits(text, expected):
    assert segments(text) == expected


def test_the_longest_values_are_the_ones_the_code_writes():
    assert len(NAME) == 20
    assert format_phone("+77272720202") == "8 727 272 02 02"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_sms_template_fits_in_two_segments_with_room_to_spare(language):
    templates = list(MessageTemplate.objects.all())
    assert templates
    context = longest_context(language)
    for template in templates:
        text = template.render("sms_text", language, context)
        assert "{{" not in text
        assert segments(text) <= 2, (template.key, language, len(text), text)
        assert len(text) <= TWO_SEGMENTS - HEADROOM, (template.key, language, len(text), text)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "softened"), [("kk", "өкінішке орай"), ("ru", "к сожалению")])
def test_a_refusal_is_softened(language, softened):
    template = MessageTemplate.objects.get(key="appeal_declined")
    assert softened in template.render("sms_text", language, longest_context(language))
    assert softened in template.render("email_body", language, longest_context(language)).lower()


@pytest.mark.django_db
def test_every_template_has_kazakh_and_russian_texts():
    for template in MessageTemplate.objects.all():
        for field in ("description", "sms_text", "email_subject", "email_body"):
            assert getattr(template, f"{field}_kk") and getattr(template, f"{field}_ru"), (template.key, field)
            assert getattr(template, f"{field}_kk") != getattr(template, f"{field}_ru")


@pytest.mark.django_db
def test_a_template_is_filled_in_the_language_asked_whatever_is_active():
    template = MessageTemplate.objects.get(key="family_registered")
    with translation.override("kk"):
        text = template.render("sms_text", "ru", {"name": "Ольга", "centre_phone": "8 727 000 00 00"})
    assert text.startswith("Ольга, вы зарегистрированы")


@pytest.mark.django_db
def test_every_shipped_template_uses_only_the_placeholders_it_declares():
    for template in MessageTemplate.objects.all():
        template.full_clean()  # raises on an unknown, unclosed or unsafe placeholder
