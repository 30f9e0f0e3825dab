"""For the data migrations that bring an app's message templates (the rows ``notify(key=...)`` looks up).

Each app lists its templates in its own migration and hands them to ``create_message_templates`` with the
migration's ``apps``, so that every app writes them the same way. A template that exists already is left
as it is (an administrator may have reworded it)."""

from __future__ import annotations

from collections.abc import Iterable

# One template: key, essential, placeholders, description (kk, ru, en), SMS (kk, ru, en),
# e-mail subject (kk, ru, en), e-mail body (kk, ru, en).
Template = tuple[str, bool, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
LANGUAGES = ("kk", "ru", "en")


def create_message_templates(apps, templates: Iterable[Template]) -> None:
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for key, essential, placeholders, description, sms_text, subject, body in templates:
        values: dict = {"essential": essential, "placeholders": placeholders}
        for field, texts in (
            ("description", description),
            ("sms_text", sms_text),
            ("email_subject", subject),
            ("email_body", body),
        ):
            values[field] = texts[0]
            values.update({f"{field}_{language}": text for language, text in zip(LANGUAGES, texts, strict=False)})
        MessageTemplate.objects.get_or_create(key=key, defaults=values)
