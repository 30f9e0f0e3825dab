"""Implausible values are refused with a clear message in the user's language, and nothing she typed is
lost (issue 9, item 16): birth dates before 1900, a consent older than the mother, names made of
invisible characters, free text without bounds, a flood of child forms, one child twice in the edit form.
The forms say it next to the field; the services refuse the same whoever calls them."""

import dataclasses
import datetime as dt
import html

import pytest
from django.utils import timezone, translation

from core.errors import DomainError
from families.models import Agency, Appeal, Child, Consent, Family, Person, Referral, Visit, VisitPurpose
from families.services import (
    PersonData,
    appeal_move,
    appeal_open,
    consent_record,
    family_update,
    referral_create,
    referral_record_outcome,
    visit_check_in,
    visit_mark_served,
)
from tests.families.factories import AppealFactory, ChildFactory, FamilyFactory, ReferralFactory, VisitFactory
from tests.families.forms_data import child_post, edit_post, registration_post
from tests.families.registration import child_data, details, existing_child, mother_data, register

pytestmark = pytest.mark.django_db
HTMX = {"hx-request": "true"}
TODAY = timezone.localdate


def post(client, data, language="kk"):
    return client.post(f"/{language}/families/register/", data)


def nothing_saved() -> bool:
    return not Family.objects.exists() and not Person.objects.exists()


# --- Birth dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "language", "message"),
    [
        ("mother-birth_date", "0001-01-01", "kk", "1900 жылдан бұрынғы туған күн"),
        ("mother-birth_date", "1899-12-31", "ru", "Дата рождения раньше 1900 года"),
        ("spouse-birth_date", "1850-06-01", "ru", "Дата рождения раньше 1900 года"),
        ("children-0-birth_date", "0001-01-01", "kk", "1900 жылдан бұрынғы туған күн"),
    ],
)
def test_a_birth_date_before_1900_is_refused_on_the_form(client, registrar, field, value, language, message):
    spouse = {"spouse-last_name": "Жұмабеков", "spouse-first_name": "Асқар"} if field.startswith("spouse") else {}
    data = registration_post(**{field: value, **spouse})

    response = post(client, data, language)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{value}"' in page and f'value="{data["mother-last_name"]}"' in page
    assert nothing_saved()


def test_the_service_refuses_a_birth_date_before_1900_whoever_calls_it(registrar):
    mother = dataclasses.replace(mother_data(), birth_date=dt.date(1, 1, 1))
    with translation.override("en"), pytest.raises(DomainError) as refused:
        register(registrar, mother=mother, children=[])
    assert refused.value.field == ("mother", "birth_date")
    assert "before 1900" in str(refused.value.message)
    assert nothing_saved()


# --- Consent dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "message"),
    [("ru", "Согласие не может быть датировано раньше рождения матери"), ("kk", "Келісім ананың туған күнінен бұрын")],
)
def test_a_consent_dated_before_the_mother_was_born_is_refused_at_registration(client, registrar, language, message):
    data = registration_post(children=0)
    data["consent-given_on"] = (dt.date.fromisoformat(data["mother-birth_date"]) - dt.timedelta(days=1)).isoformat()

    response = post(client, data, language)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_saved()


def test_a_new_consent_dated_before_the_mother_was_born_is_refused_in_the_modal_and_by_the_service(client, registrar):
    family = FamilyFactory(registrar=registrar)
    before_birth = family.mother.birth_date - dt.timedelta(days=1)

    response = client.post(
        f"/ru/families/{family.pk}/consent/new/", {"given_on": before_birth.isoformat(), "language": "ru"}, headers=HTMX
    )

    assert response.status_code == 400
    assert "Согласие не может быть датировано раньше рождения матери" in response.content.decode()
    with translation.override("en"), pytest.raises(DomainError) as refused:
        consent_record(actor=registrar, family=family, given_on=dt.date(1, 1, 1), language="kk")
    assert refused.value.field == "given_on"
    assert Consent.objects.filter(family=family).count() == 1


# --- Names -------------------------------------------------------------------------------------------

INVISIBLE = ["\u200b\u200b\u200b", "\u2060\ufeff", "\u200e \u00ad \u200f", "\u202e\u202c", "\u3164", "\u00a0\u2003"]


@pytest.mark.parametrize("value", INVISIBLE, ids=lambda value: "+".join(f"U{ord(ch):04X}" for ch in value))
@pytest.mark.parametrize(("language", "message"), [("kk", "Бұл өрісті толтыру міндетті."), ("ru", "Обязательное поле.")])
def test_a_name_made_only_of_invisible_characters_is_refused_as_empty(client, registrar, value, language, message):
    response = post(client, registration_post(**{"mother-first_name": value}), language)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_saved()


def test_invisible_characters_are_taken_out_of_names_and_spaces_collapsed(client, registrar):
    data = registration_post(
        children=1,
        **{
            "mother-first_name": "\u200bГүл\u200dнар\ufeff",
            "mother-middle_name": "Асқар\u00a0\u00a0 қызы",
            "children-0-last_name": "\u2066Жұмабеков\u2069",
        },
    )

    assert post(client, data).status_code == 302

    family = Family.objects.select_related("mother").get()
    assert (family.mother.first_name, family.mother.middle_name) == ("Гүлнар", "Асқар қызы")
    assert family.children.get().person.last_name == "Жұмабеков"


def test_a_name_without_a_single_letter_is_refused(client, registrar):
    response = post(client, registration_post(**{"mother-last_name": "-- . --"}), "ru")
    assert response.status_code == 400
    assert "Имя должно содержать буквы" in response.content.decode()


@pytest.mark.parametrize("path", ["mother", "spouse", "child"])
def test_the_service_refuses_an_invisible_name_whoever_calls_it(registrar, path):
    blank = {"first_name": "\u200b\u2060"}
    mother = mother_data(**blank) if path == "mother" else mother_data()
    spouse = PersonData(iin=None, last_name="Серіков", middle_name="", birth_date=None, sex="m", **blank)
    children = [child_data(5, **blank)] if path == "child" else []
    with translation.override("en"), pytest.raises(DomainError) as refused:
        register(registrar, mother=mother, children=children, spouse=spouse if path == "spouse" else None)
    assert refused.value.field == {"mother": ("mother", "first_name"), "spouse": ("spouse", "first_name")}.get(
        path, ("children", 0, "first_name")
    )
    assert nothing_saved()


def test_the_service_refuses_a_name_longer_than_the_register_holds(registrar):
    with translation.override("ru"), pytest.raises(DomainError) as refused:
        register(registrar, mother=mother_data(last_name="Ә" * 101), children=[])
    assert refused.value.field == ("mother", "last_name")
    assert "не более 100 символов (сейчас 101)" in str(refused.value.message)


# --- Free text ---------------------------------------------------------------------------------------


@pytest.fixture
def records(registrar, reference_data):
    family = FamilyFactory(registrar=registrar)
    return {
        "family": family,
        "appeal": AppealFactory(family=family, status="in_progress"),
        "visit": VisitFactory(family=family, centre=registrar.centre),
        "referral": ReferralFactory(appeal=AppealFactory(family=family, status="referred")),
    }


def _purpose():
    return VisitPurpose.objects.get(code="legal").pk


# (name, URL, the other fields of the form, the bounded field, its limit)
MODAL_TEXTS = [
    ("appeal description", "{family}/appeals/new/", lambda r: {"kind": "housing"}, "description", 2000),
    ("appeal comment", "appeals/{appeal}/move/", lambda r: {"to_status": "resolved"}, "comment", 1000),
    ("visit notes", "{family}/visits/new/", lambda r: {"purposes": [_purpose()]}, "notes", 1000),
    ("what was done", "visits/{visit}/serve/", lambda r: {}, "what_was_done", 2000),
    ("serving notes", "visits/{visit}/serve/", lambda r: {"what_was_done": "Кеңес берілді"}, "notes", 1000),
    (
        "expected outcome",
        "appeals/{appeal}/referrals/new/",
        lambda r: {"agency": Agency.objects.first().pk, "due_on": (TODAY() + dt.timedelta(days=9)).isoformat()},
        "expected_outcome",
        1000,
    ),
    ("outcome", "referrals/{referral}/outcome/", lambda r: {"outcome_on": TODAY().isoformat()}, "outcome", 2000),
]


def _url(template: str, records: dict, language: str) -> str:
    ids = {name: record.pk for name, record in records.items()}
    return f"/{language}/families/" + template.format(**ids)


@pytest.mark.parametrize(("name", "url", "others", "field", "limit"), MODAL_TEXTS, ids=[case[0] for case in MODAL_TEXTS])
@pytest.mark.parametrize(
    ("language", "message"), [("ru", "Введите не более {limit} символов (сейчас {count})."), ("kk", "{limit} таңбадан артық")]
)
def test_free_text_longer_than_its_bound_is_refused_with_the_counts_and_kept_whole(
    client, records, name, url, others, field, limit, language, message
):
    text = "Ә" * (limit - 5) + "\nсоңы " + "ү" * 5  # one line break, limit + 6 characters
    before = (Visit.objects.count(), Appeal.objects.count(), Referral.objects.count())

    response = client.post(_url(url, records, language), {**others(records), field: text}, headers=HTMX)

    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert message.format(limit=limit, count=len(text)) in page
    assert text in page.replace("\r\n", "\n")  # all of it, for her to shorten
    assert f'maxlength="{limit}"' not in page  # the browser would cut a pasted text short without a word
    assert (Visit.objects.count(), Appeal.objects.count(), Referral.objects.count()) == before


SERVICE_TEXTS = {
    "appeal_open": lambda r, actor, text: appeal_open(actor=actor, family=r["family"], kind="legal", description=text),
    "appeal_move": lambda r, actor, text: appeal_move(actor=actor, appeal=r["appeal"], to_status="declined", comment=text),
    "visit_check_in": lambda r, actor, text: visit_check_in(
        actor=actor, family=r["family"], purposes=VisitPurpose.objects.filter(code="legal"), notes=text
    ),
    "visit_mark_served": lambda r, actor, text: visit_mark_served(actor=actor, visit=r["visit"], what_was_done=text),
    "referral_create": lambda r, actor, text: referral_create(
        actor=actor, appeal=r["appeal"], agency=Agency.objects.first(), expected_outcome=text, due_on=TODAY()
    ),
    "referral_record_outcome": lambda r, actor, text: referral_record_outcome(
        actor=actor, referral=r["referral"], outcome=text, outcome_on=TODAY()
    ),
}


@pytest.mark.parametrize("service", SERVICE_TEXTS)
def test_the_services_bound_free_text_whoever_calls_them(records, registrar, service):
    with translation.override("en"), pytest.raises(DomainError) as refused:
        SERVICE_TEXTS[service](records, registrar, "x" * 5001)
    assert "(it has 5001)" in str(refused.value.message)
    assert refused.value.field is not None


def test_a_description_of_invisible_characters_only_is_refused_by_the_service(records, registrar):
    with translation.override("en"), pytest.raises(DomainError) as refused:
        appeal_open(actor=registrar, family=records["family"], kind="legal", description="\u200b\u2060 \ufeff")
    assert refused.value.field == "description"


# --- Child forms -------------------------------------------------------------------------------------


def many_children(count: int) -> dict:
    data = registration_post(children=0, **{"children-TOTAL_FORMS": str(count)})
    for index in range(count):
        data.update(child_post(index, 1 + index % 18, "Айша", "f"))
    return data


@pytest.mark.parametrize(
    ("language", "message"), [("ru", "Можно указать не более 20 детей."), ("kk", "Формада ең көбі 20 бала көрсетуге болады.")]
)
def test_a_registration_with_1020_child_forms_is_refused_without_reading_them_all(client, registrar, language, message):
    data = registration_post(children=4, **{"children-TOTAL_FORMS": "1020"})

    response = post(client, data, language)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert len(response.context["forms"].children.forms) <= 30
    assert nothing_saved()


def test_a_total_of_100000_forms_is_refused_with_a_message(client, registrar):
    response = post(client, registration_post(children=1, **{"children-TOTAL_FORMS": "100000"}), "ru")

    assert response.status_code == 400
    assert "Можно указать не более 20 детей." in response.content.decode()
    assert len(response.context["forms"].children.forms) <= 30
    assert nothing_saved()


def test_twenty_one_children_are_refused_and_what_was_typed_comes_back(client, registrar):
    data = many_children(21)
    response = post(client, data, "kk")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Формада ең көбі 20 бала көрсетуге болады." in page
    assert f'value="{data["children-20-iin"]}"' in page
    assert nothing_saved()


# --- The same child twice in the edit form -----------------------------------------------------------


@pytest.fixture
def family_of_two(registrar):
    family = FamilyFactory(registrar=registrar)
    for name in ("Ерлан", "Айша"):
        ChildFactory(family=family, person__first_name=name)
    return family


def test_the_same_child_twice_in_the_edit_form_is_refused_not_overwritten(client, registrar, family_of_two):
    first, second = family_of_two.children.order_by("pk")
    data = edit_post(family_of_two)
    data["children-1-child_id"] = str(first.pk)  # both rows now claim the first child
    data["children-1-first_name"] = "Жаңа"

    response = client.post(f"/ru/families/{family_of_two.pk}/edit/", data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Один и тот же ребёнок указан в форме дважды" in page
    assert 'value="Жаңа"' in page
    first.person.refresh_from_db(), second.person.refresh_from_db()
    assert (first.person.first_name, second.person.first_name) == ("Ерлан", "Айша")
    assert Child.objects.filter(family=family_of_two).count() == 2


def test_the_service_refuses_the_same_child_twice(registrar, family_of_two):
    first = family_of_two.children.order_by("pk").first()
    twice = [existing_child(first), existing_child(first)]
    with translation.override("en"), pytest.raises(DomainError) as refused:
        family_update(
            actor=registrar,
            family=family_of_two,
            mother=mother_data(iin=family_of_two.mother.iin, birth_date=family_of_two.mother.birth_date),
            details=details(),
            children=twice,
            spouse=None,
        )
    assert refused.value.field == ("children", 1, None)
    assert Child.objects.filter(family=family_of_two).count() == 2
