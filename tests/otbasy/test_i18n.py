from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.utils import formats, translation

from audit.models import AuditEvent
from tests.factories import RegistrarFactory

pytestmark = pytest.mark.django_db


def test_the_root_sends_a_kazakh_speaker_to_the_kazakh_home_page(client):
    response = client.get("/", headers={"accept-language": "kk"})
    assert response.status_code == 302
    assert response["Location"] == "/kk/"


def test_the_root_sends_a_russian_speaker_to_the_russian_home_page(client):
    response = client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"})
    assert response["Location"] == "/ru/"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_page_says_its_language_in_the_html_tag(client, language):
    response = client.get(f"/{language}/")
    assert f'<html lang="{language}">' in response.content.decode()


def test_the_home_page_is_in_kazakh_and_in_russian(client):
    kazakh = client.get("/kk/").content.decode()
    russian = client.get("/ru/").content.decode()
    assert "Кіру" in kazakh and "Войти" not in kazakh
    assert "Войти" in russian and "Кіру" not in russian


def test_switching_language_keeps_the_visitor_on_the_same_page(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/kk/accounts/login/?next=/kk/centres/"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/accounts/login/?next=/kk/centres/"
    assert client.cookies["otbasy_language"].value == "ru"


def test_switching_language_is_remembered_on_the_account_of_a_signed_in_user(client):
    registrar = RegistrarFactory(language="kk")
    client.force_login(registrar)

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/kk/centres/"})

    assert response["Location"] == "/ru/centres/"
    registrar.refresh_from_db()
    assert registrar.language == "ru"
    assert AuditEvent.objects.filter(action="user.set_language", actor=registrar).exists()


def test_switching_to_an_unknown_language_changes_nothing(client):
    registrar = RegistrarFactory(language="kk")
    client.force_login(registrar)
    client.post("/i18n/setlang/", {"language": "de", "next": "/kk/centres/"})
    registrar.refresh_from_db()
    assert registrar.language == "kk"


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/kz/", "/kk/"),  # the country code where the language code belongs
        ("/ru-RU/accounts/login/", "/ru/accounts/login/"),
        ("/qaz/accounts/login/?next=/kk/", "/kk/accounts/login/?next=/kk/"),
        ("/de/accounts/login/", "/kk/accounts/login/"),
    ],
)
def test_a_wrong_language_prefix_redirects_to_the_same_page_in_a_served_language(client, path, target):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == target


def test_a_wrong_prefix_on_a_page_that_does_not_exist_is_a_plain_404(client):
    assert client.get("/de/no-such-page/").status_code == 404


def test_kazakh_dates_are_day_month_year_and_weeks_start_on_monday():
    with translation.override("kk"):
        assert formats.date_format(date(2026, 3, 8), "SHORT_DATE_FORMAT") == "08.03.2026"
        assert formats.date_format(date(2026, 3, 8)) == "08.03.2026"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_kazakh_numbers_group_thousands_with_a_space_and_use_a_decimal_comma():
    with translation.override("kk"):
        assert formats.localize(Decimal("1234567.50")) == "1\xa0234\xa0567,50"
        assert formats.localize(1234567) == "1\xa0234\xa0567"


def test_kazakh_forms_read_dates_and_numbers_the_way_people_type_them():
    with translation.override("kk"):
        assert forms.DateField().clean("08.03.2026") == date(2026, 3, 8)
        assert forms.DecimalField(localize=True).clean("1 234 567,50") == Decimal("1234567.50")
        assert forms.DecimalField(localize=True).clean("1\xa0234\xa0567,50") == Decimal("1234567.50")


@pytest.mark.parametrize(
    "msgid",
    [
        "This field is required.",
        "Enter a valid date.",
        "Enter a valid email address.",
        "Please enter a correct %(username)s and password. Note that both fields may be case-sensitive.",
        "This password is too common.",
    ],
)
def test_django_messages_users_see_are_translated_into_kazakh(msgid):
    with translation.override("kk"):
        assert translation.gettext(msgid) != msgid


def test_kazakh_writes_a_month_year_first_and_in_lowercase():
    with translation.override("kk"):
        assert formats.date_format(date(2026, 11, 1), "YEAR_MONTH_FORMAT") == "2026 ж. қараша"
        assert formats.date_format(date(2026, 3, 8), "MONTH_DAY_FORMAT") == "8 наурыз"


def test_russian_puts_a_days_month_in_the_genitive():
    with translation.override("ru"):
        assert formats.date_format(date(2026, 3, 8), "MONTH_DAY_FORMAT") == "8 марта"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_language_switcher_names_each_language_as_its_speakers_do(client, language):
    page = client.get(f"/{language}/").content.decode()
    assert 'data-testid="language-kk">Қазақша</button>' in page
    assert 'data-testid="language-ru">Русский</button>' in page


def test_the_password_change_form_writes_password_in_one_kazakh_word(client):
    client.force_login(RegistrarFactory())
    page = client.get("/kk/accounts/password/").content.decode()
    assert "Ескі құпиясөз" in page and "Жаңа құпиясөз" in page and "Жаңа құпиясөзді қайталаңыз" in page
    assert "құпия сөз" not in page


@pytest.mark.parametrize(
    ("language", "field", "value", "message"),
    [
        ("kk", forms.IntegerField(min_value=0), "-5", "Мән 0 не одан үлкен болуы керек."),
        ("ru", forms.IntegerField(min_value=0), "-5", "Значение должно быть не меньше 0."),
        ("kk", forms.IntegerField(max_value=10), "11", "Мән 10 не одан кіші болуы керек."),
        ("kk", forms.IntegerField(), "2,5", "Бүтін сан енгізіңіз."),
        ("kk", forms.ChoiceField(choices=[("a", "A")]), "b", "Тізімдегі нұсқалардың бірін таңдаңыз: «b» деген нұсқа жоқ."),
        ("ru", forms.ChoiceField(choices=[("a", "A")]), "b", "Выберите один из вариантов списка: варианта «b» в нём нет."),
    ],
)
def test_django_form_errors_read_as_the_portal_writes(language, field, value, message):
    with translation.override(language):
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(value)
        assert refused.value.messages == [message]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_formset_errors_are_not_left_in_english(language):
    class Hidden(forms.Form):
        number = forms.IntegerField(widget=forms.HiddenInput)

    with translation.override(language):
        missing = forms.formset_factory(Hidden)(data={})
        errors = " ".join(missing.non_form_errors()) + str(Hidden(data={"number": "x"}))  # shown above the form
    assert "ManagementForm" not in errors and "Hidden field" not in errors
    assert {"kk": "Жасырын өріс number", "ru": "Скрытое поле number"}[language] in errors


@pytest.mark.parametrize(
    ("msgid", "russian"),
    [
        ("That page number is not an integer", "Номер страницы не является целым числом"),
        ("Enter a valid integer.", "Введите целое число."),
        ("The two password fields didn’t match.", "Введённые пароли не совпадают."),
        ("This password is too common.", "Этот пароль слишком распространён."),
    ],
)
def test_russian_copies_of_djangos_messages_are_corrected(msgid, russian):
    with translation.override("ru"):
        assert translation.gettext(msgid) == russian
