import pytest

from audit.models import AccessEvent
from families.models import Child, Family, Person
from tests.factories import SpecialistFactory
from tests.families.factories import FamilyFactory, years_ago
from tests.families.forms_data import registration_post

pytestmark = pytest.mark.django_db


def post(client, data, language="kk"):
    return client.post(f"/{language}/families/register/", data)


def test_the_registration_page_shows_the_consent_text_in_both_languages(client, registrar):
    page = client.get("/kk/families/register/").content.decode()
    assert 'data-consent-text="kk"' in page and 'data-consent-text="ru"' in page
    assert "Дербес деректер және оларды қорғау туралы" in page


def test_a_mother_with_four_children_is_registered_and_opens_on_her_page(client, registrar):
    response = post(client, registration_post())
    family = Family.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kk/families/{family.pk}/"
    assert family.children.count() == 4
    assert str(family.phone) == "+77015551234"
    assert family.monthly_income == 320000
    assert family.is_large


def test_extra_fields_in_the_post_are_ignored(client, registrar, bostandyk):
    post(
        client,
        registration_post(
            **{
                "district": str(bostandyk.district_id),
                "centre": str(bostandyk.pk),
                "is_staff": "on",
                "family-is_large": "",
                "created_by": "1",
            }
        ),
    )
    family = Family.objects.get()
    assert (family.district_id, family.centre_id, family.created_by_id) == (
        registrar.centre.district_id,
        registrar.centre_id,
        registrar.pk,
    )
    assert family.is_large
    registrar.refresh_from_db()
    assert not registrar.is_staff


@pytest.mark.parametrize(
    ("overrides", "language", "message"),
    [
        ({"mother-iin": "791028302729"}, "ru", "ИИН недействителен"),
        ({"mother-iin": "7910283027"}, "kk", "ЖСН 12 цифрдан тұрады"),
        ({"family-phone": "+7 916 123 45 67"}, "ru", "Введите казахстанский номер телефона"),
        ({"family-monthly_income": "-5"}, "ru", "Значение должно быть не меньше 0."),
        ({"family-monthly_income": "-5"}, "kk", "Мән 0 не одан үлкен болуы керек."),
        ({"children-1-birth_date": years_ago(-1).isoformat()}, "kk", "Бұл күн әлі келген жоқ"),
        ({"children-2-birth_date": years_ago(50).isoformat()}, "ru", "Ребёнок не может родиться раньше матери"),
        ({"consent-given": None}, "ru", "Без согласия матери семью нельзя зарегистрировать"),
        ({"mother-iin": "０６１２１１６０００１２"}, "kk", "ЖСН 12 цифрдан тұрады"),
        (
            {"family-notify_by": "email", "family-email": ""},
            "ru",
            "Укажите адрес электронной почты, чтобы отправлять сообщения по почте.",
        ),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved_or_lost(client, registrar, overrides, language, message):
    data = registration_post(**overrides)
    response = post(client, data, language)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert not Family.objects.exists() and not Person.objects.exists()
    # What the registrar typed comes back in the form.
    assert f'value="{data["mother-last_name"]}"' in page
    assert f'value="{data["children-3-first_name"]}"' in page


def test_an_existing_iin_is_refused_with_a_link_to_the_existing_family(client, registrar):
    existing = FamilyFactory(registrar=registrar)
    response = post(client, registration_post(**{"mother-iin": existing.mother.iin}), "ru")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Человек с этим ИИН уже зарегистрирован" in page
    assert f'href="/ru/families/{existing.pk}/"' in page
    assert Family.objects.count() == 1


def test_the_same_name_and_birth_date_is_warned_about_and_can_be_confirmed(client, registrar):
    born = years_ago(36, 40)
    FamilyFactory(
        registrar=registrar,
        mother__last_name="Жұмабекова",
        mother__first_name="Гүлнар",
        mother__middle_name="Асқарқызы",
        mother__birth_date=born,
    )
    data = registration_post()
    data["mother-last_name"] = "ЖУМАБЕКОВА"  # another spelling of the same name

    warned = post(client, data)
    assert warned.status_code == 400
    assert 'data-testid="possible-duplicates"' in warned.content.decode()
    assert Family.objects.count() == 1

    data["mother-not_a_duplicate"] = "on"
    assert post(client, data).status_code == 302
    assert Family.objects.count() == 2


def test_a_birth_date_that_differs_from_the_iin_is_a_warning_not_an_error(client, registrar):
    data = registration_post()
    data["children-0-birth_date"] = years_ago(2, 12).isoformat()  # the IIN says two days later
    response = post(client, data)
    assert response.status_code == 302
    assert Child.objects.count() == 4
    page = client.get(response["Location"]).content.decode()
    assert "ЖСН бойынша туған күні" in page


def test_a_specialist_cannot_register_families(client, almaly):
    client.force_login(SpecialistFactory(centre=almaly))
    assert client.get("/kk/families/register/").status_code == 403
    assert post(client, registration_post()).status_code == 403
    assert not Family.objects.exists()


def test_editing_keeps_the_children_and_saves_changes(client, registrar):
    post(client, registration_post())
    family = Family.objects.get()
    page = client.get(f"/kk/families/{family.pk}/edit/")
    assert page.status_code == 200
    form = page.context["forms"]
    data = {**registration_post(), "children-TOTAL_FORMS": "4", "children-INITIAL_FORMS": "4"}
    data["record-version"] = str(family.version)  # the hidden field: the version the page was opened on
    data["mother-iin"] = family.mother.iin
    data["mother-birth_date"] = family.mother.birth_date.isoformat()
    for index, initial in enumerate(form.children.initial):
        for name in ("child_id", "iin", "last_name", "first_name", "middle_name", "sex"):
            data[f"children-{index}-{name}"] = initial[name]
        data[f"children-{index}-birth_date"] = initial["birth_date"].isoformat()
        data[f"children-{index}-lives_with_family"] = "on"
    data["children-3-DELETE"] = "on"
    data["family-address"] = "Алматы, Төле би, 5"
    data.pop("consent-given"), data.pop("consent-given_on")

    response = client.post(f"/kk/families/{family.pk}/edit/", data)

    assert response.status_code == 302
    family.refresh_from_db()
    assert family.address == "Алматы, Төле би, 5"
    assert family.children.count() == 3
    assert not family.is_large


def test_the_access_log_records_views_of_the_family_page(client, registrar):
    family = FamilyFactory(registrar=registrar)
    client.get(f"/kk/families/{family.pk}/")
    client.get(f"/kk/families/{family.pk}/", headers={"hx-request": "true"})
    views = AccessEvent.objects.filter(action="view", what="families.family_detail", target_id=str(family.pk))
    assert views.count() == 2 and set(views.values_list("actor", flat=True)) == {registrar.pk}


def test_the_family_page_shows_the_whole_iin_and_lists_mask_it(client, registrar):
    family = FamilyFactory(registrar=registrar)
    assert family.mother.iin in client.get(f"/kk/families/{family.pk}/").content.decode()
    listing = client.get("/kk/families/").content.decode()
    assert family.mother.iin not in listing
    assert family.mother.masked_iin in listing


def test_a_refused_form_says_that_what_was_typed_is_still_in_it(client, registrar):
    page = post(client, registration_post(**{"mother-iin": "7910283027"}), "kk").content.decode()
    assert "Әзірге ештеңе сақталған жоқ." in page
    assert "енгізгендеріңіздің бәрі формада қалды" in page and "бәрі сақталды" not in page


def test_an_existing_iin_is_refused_in_kazakh_with_the_possessive(client, registrar):
    existing = FamilyFactory(registrar=registrar)
    page = post(client, registration_post(**{"mother-iin": existing.mother.iin}), "kk").content.decode()
    assert "Бұл ЖСН-і бар адам бұрыннан тіркелген." in page and "Бұл ЖСН бар адам" not in page


def test_the_edit_page_names_the_mother_after_a_colon_in_kazakh(client, registrar):
    family = FamilyFactory(registrar=registrar)
    page = client.get(f"/kk/families/{family.pk}/edit/").content.decode()
    assert f"Отбасын өңдеу: {family.mother.full_name}" in page
    assert f"{family.mother.full_name} отбасын" not in page


def test_the_family_page_writes_phones_and_tenge_the_portals_way(client, registrar):
    family = FamilyFactory(registrar=registrar, phone="+77015551234", phone_extra="+77272720202", monthly_income=320000)
    page = client.get(f"/kk/families/{family.pk}/").content.decode()
    assert "8 701 555 12 34, 8 727 272 02 02" in page
    assert "320\xa0000\xa0₸" in page
    listing = client.get("/kk/families/").content.decode()
    assert "8 701 555 12 34" in listing and "8 (701)" not in listing
