import pytest
from django.forms.models import model_to_dict

from notifications.models import MessageTemplate
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    client.force_login(AdministratorFactory())
    return client


@pytest.fixture
def template():
    return MessageTemplate.objects.get(key="family_registered")


def form_data(template, **changes) -> dict:
    data = {k: v for k, v in model_to_dict(template).items() if v is not None and k not in ("id", "key")}
    return data | changes


def url(template) -> str:
    return f"/admin/notifications/messagetemplate/{template.pk}/change/"


def test_an_administrator_rewords_a_message_in_both_languages(admin, template):
    response = admin.post(
        url(template), form_data(template, sms_text_kk="{{ name }}, қош келдіңіз!", sms_text_ru="{{ name }}, добро пожаловать!")
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.render("sms_text", "ru", {"name": "Ольга"}) == "Ольга, добро пожаловать!"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sms_text_ru": ""}, "sms_text_ru"),  # Russian is required, like Kazakh
        ({"email_subject_kk": ""}, "email_subject_kk"),
        ({"sms_text_kk": "{{ name , сәлем"}, "sms_text_kk"),  # a placeholder not closed
        ({"sms_text_ru": "{{ nmae }}, здравствуйте"}, "sms_text_ru"),  # one this message does not have
        ({"email_body_ru": "{% if name %}{{ name }}{% endif %}"}, "email_body_ru"),  # template tags
        ({"email_subject_kk": "{{ name|upper }"}, "email_subject_kk"),
    ],
)
def test_a_message_without_both_languages_or_with_a_broken_placeholder_is_refused(admin, template, changes, field):
    before = model_to_dict(template)
    response = admin.post(url(template), form_data(template, **changes))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    template.refresh_from_db()
    assert model_to_dict(template) == before


def test_the_refusal_names_the_placeholders_the_message_has(admin, template):
    response = admin.post(url(template), form_data(template, sms_text_ru="{{ nmae }}"))
    assert response.context["adminform"].form.errors["sms_text_ru"] == [
        "This message has no placeholder {{ nmae }}. It can use: {{ centre }}, {{ centre_phone }}, {{ name }}"
    ]


def test_messages_cannot_be_added_or_deleted_in_the_admin(admin, template):
    assert admin.get("/admin/notifications/messagetemplate/add/").status_code == 403
    assert admin.post(f"/admin/notifications/messagetemplate/{template.pk}/delete/", {"post": "yes"}).status_code == 403
    assert MessageTemplate.objects.filter(pk=template.pk).exists()
