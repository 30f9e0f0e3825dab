import pytest
from django.utils import translation

from notifications.models import MessageTemplate
from notifications.sms import segments

# The longest values the templates are filled with in practice.
LONG_CONTEXT = {
    "name": "Айгерім-Гүлжанат",
    "centre": "«Бақытты отбасы» Наурызбай аудандық орталығы",
    "centre_phone": "8 727 272 02 02",
    "kind": "психологиялық көмек",
    "agency": "Управление занятости и социальных программ города Алматы",
    "due": "31.12.2026",
    "comment": "Орын берілді",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a" * 160, 1), ("a" * 161, 2), ("ә" * 70, 1), ("ә" * 71, 2), ("я" * 134, 2), ("я" * 135, 3), ("{" * 80, 1), ("{" * 81, 2)],
)
def test_segments_follow_the_gsm_and_ucs2_limits(text, expected):
    assert segments(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_sms_template_fits_in_two_segments_in_both_languages(language):
    templates = list(MessageTemplate.objects.all())
    assert templates
    for template in templates:
        text = template.render("sms_text", language, LONG_CONTEXT)
        assert "{{" not in text
        assert segments(text) <= 2, (template.key, language, len(text), text)


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
