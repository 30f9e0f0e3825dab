"""Migration 0009: the consent text's new version, and the message templates' wording fixed only where
nobody has edited it in the admin."""

import importlib

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from families.messages import tell_registered
from families.models import ConsentText
from notifications.models import MessageTemplate
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db

reference = importlib.import_module("families.migrations.0002_reference_data_and_search_index")
migration = importlib.import_module("families.migrations.0009_consent_text_2026_2_and_message_wording")
templates = importlib.import_module("notifications.migrations.0002_message_templates")


@pytest.fixture
def historical():
    """The models as migration 0009 sees them: every language's column on its own, as the admin saves them."""
    return MigrationExecutor(connection).loader.project_state(("families", migration.__name__.rsplit(".", 1)[1])).apps


def original(key: str, field: str, language: str) -> str:
    """The text migration 0002 of the notifications wrote (under the key it had then)."""
    old_key = key.replace("appeal_", "request_", 1)  # before appeals were called so (migration 0007)
    row = next(row for row in templates.TEMPLATES if row[0] == old_key)
    texts = dict(zip(("description", "sms_text", "email_subject", "email_body"), row[3:], strict=True))[field]
    return texts[("kk", "ru", "en").index(language)]


def test_the_texts_it_replaces_are_the_ones_the_first_migration_wrote():
    for key, fields in migration.REWORDED.items():
        for field, languages in fields.items():
            for language, (was, _becomes) in languages.items():
                assert was == original(key, field, language), (key, field, language)


def test_the_consent_text_version_that_consents_point_to_is_unchanged():
    first = ConsentText.objects.get(version="2026-1")
    assert first.text_kk == reference.CONSENT_KK and first.text_ru == reference.CONSENT_RU
    assert "құқым бар" in first.text_kk


def test_the_corrected_consent_text_is_a_new_version_in_force_from_the_day_it_was_published():
    current = ConsentText.current()
    assert current.version == "2026-2"
    assert current.valid_from <= timezone.localdate()
    assert "құқығым бар" in current.text_kk and "құқым" not in current.text_kk
    assert "составления обобщённой обезличенной отчётности" in current.text_ru


def test_publishing_the_consent_text_again_adds_nothing(historical):
    migration.publish_consent_text(historical, None)
    assert ConsentText.objects.filter(version="2026-2").count() == 1


def test_the_templates_in_the_database_have_the_corrected_wording():
    declined = MessageTemplate.objects.get(key="appeal_declined")
    assert declined.sms_text_kk.startswith("{{ name }}, өкінішке орай,")
    assert declined.sms_text_ru.startswith("{{ name }}, к сожалению,")
    welcome = MessageTemplate.objects.get(key="family_registered")
    assert "Сіздің орталығыңыз: {{ centre }}." in welcome.email_body_kk
    assert "Ваш центр: {{ centre }}." in welcome.email_body_ru


def test_a_text_edited_in_the_admin_stays_as_it_was_and_the_others_are_corrected(historical):
    own = "{{ name }}, өтінішіңіз бойынша орталыққа хабарласыңыз: {{ centre_phone }}"
    rows = historical.get_model("notifications", "MessageTemplate").objects.filter(key="appeal_declined")
    rows.update(
        sms_text_kk=own,  # edited in the admin
        sms_text_ru=original("appeal_declined", "sms_text", "ru"),  # as shipped
        email_subject_en="Our answer",  # edited
    )

    migration.reword_templates(historical, None)

    template = rows.get()
    assert template.sms_text_kk == own and template.email_subject_en == "Our answer"
    assert template.sms_text_ru == migration.REWORDED["appeal_declined"]["sms_text"]["ru"][1]


def test_going_back_restores_only_the_texts_it_had_changed(historical):
    own = "{{ name }}, добро пожаловать! Телефон: {{ centre_phone }}"
    rows = historical.get_model("notifications", "MessageTemplate").objects.filter(key="family_registered")
    rows.update(email_body_ru=own)

    migration.reword_templates_back(historical, None)

    template = rows.get()
    assert template.email_body_kk == original("family_registered", "email_body", "kk")
    assert template.email_body == original("family_registered", "email_body", "kk")  # the untranslated column too
    assert template.email_body_ru == own


@pytest.mark.parametrize(
    ("language", "centre", "said", "never"),
    [
        (
            "kk",
            "«Бақытты отбасы» Алмалы аудандық орталығы",
            "Сіздің орталығыңыз: «Бақытты отбасы» Алмалы аудандық орталығы.",
            "орталығы орталығында",
        ),
        (
            "ru",
            "Центр «Бақытты отбасы» Алмалинского района",
            "Ваш центр: Центр «Бақытты отбасы» Алмалинского района.",
            "в центре Центр",
        ),
    ],
)
def test_the_welcome_email_names_her_centre_without_saying_centre_twice(
    registrar, django_capture_on_commit_callbacks, language, centre, said, never
):
    registrar.centre.name_kk, registrar.centre.name_ru = (
        "«Бақытты отбасы» Алмалы аудандық орталығы",
        "Центр «Бақытты отбасы» Алмалинского района",
    )
    registrar.centre.save()
    family = FamilyFactory(registrar=registrar, language=language, notify_by="email", email="asel@example.kz")

    with django_capture_on_commit_callbacks(execute=True):
        tell_registered(family)

    [message] = mail.outbox
    assert centre in message.body and said in message.body
    assert never not in message.body
