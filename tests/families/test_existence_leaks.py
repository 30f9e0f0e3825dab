"""The duplicate checks tell a registrar no more than her scope allows (issue 9, item 8). Outside the
family's scope she learns only that the person is registered at another centre, with its name and phone
to ask; inside it she keeps the link to the record. Either way the lookup is in the family's access log."""

import pytest
from django.utils import translation

from audit.models import AccessEvent
from core.errors import DomainError
from families.models import Family
from families.services import PersonData, family_open_to_centre, family_update
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory, years_ago
from tests.families.forms_data import registration_post
from tests.families.registration import details, mother_data

pytestmark = pytest.mark.django_db

ASK = {
    "iin": {
        "kk": "Бұл ЖСН-і бар адам басқа орталықта тіркелген: «Бақытты отбасы» almaly орталығы, телефоны 8 727 272 02 02.",
        "ru": "Человек с этим ИИН уже зарегистрирован в другом центре: Центр «Бақытты отбасы» almaly, телефон 8 727 272 02 02.",
    },
    "name": {
        "kk": "Басқа орталықта тіркелген: «Бақытты отбасы» almaly орталығы, телефоны 8 727 272 02 02.",
        "ru": "Зарегистрирована в другом центре: Центр «Бақытты отбасы» almaly, телефон 8 727 272 02 02.",
    },
}


@pytest.fixture
def existing(almaly):
    """A mother registered in Almaly, with the name and birth date the registration form posts."""
    return FamilyFactory(
        registrar=RegistrarFactory(centre=almaly),
        mother__last_name="Жұмабекова",
        mother__first_name="Гүлнар",
        mother__middle_name="Асқарқызы",
        mother__birth_date=years_ago(36, 40),
    )


@pytest.fixture
def outsider(client, bostandyk):
    user = RegistrarFactory(centre=bostandyk)
    client.force_login(user)
    return user


@pytest.fixture
def colleague(client, almaly):
    user = RegistrarFactory(centre=almaly)
    client.force_login(user)
    return user


def register(client, language, **overrides):
    return client.post(f"/{language}/families/register/", registration_post(**overrides))


def lookups(family, actor, what):
    return AccessEvent.objects.filter(actor=actor, action="view", what=what, target_id=str(family.pk))


def assert_nothing_about_her(page: str, family) -> None:
    assert f"/families/{family.pk}/" not in page
    assert family.mother.full_name not in page
    assert family.mother.masked_iin not in page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_an_iin_registered_in_another_district_names_only_the_centre_to_ask(client, outsider, existing, language):
    response = register(client, language, **{"mother-iin": existing.mother.iin, "mother-last_name": "Серікова"})

    assert response.status_code == 400
    page = response.content.decode()
    assert ASK["iin"][language] in page
    assert_nothing_about_her(page, existing)
    assert lookups(existing, outsider, "families.duplicate_iin_check").count() == 1
    assert Family.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "message"), [("kk", "Бұл ЖСН-і бар адам бұрыннан тіркелген."), ("ru", "уже зарегистрирован")]
)
def test_an_iin_registered_in_her_own_district_keeps_the_link_and_is_logged(client, colleague, existing, language, message):
    response = register(client, language, **{"mother-iin": existing.mother.iin, "mother-last_name": "Серікова"})

    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert f'href="/{language}/families/{existing.pk}/"' in page
    assert lookups(existing, colleague, "families.duplicate_iin_check").count() == 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_same_name_in_another_district_names_only_the_centre_to_ask(client, outsider, existing, language):
    response = register(client, language, **{"mother-last_name": "ЖУМАБЕКОВА"})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="possible-duplicates"' in page
    assert ASK["name"][language] in page
    assert_nothing_about_her(page, existing)
    assert lookups(existing, outsider, "families.duplicate_name_check").count() == 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_same_name_in_her_own_district_keeps_the_link_name_and_masked_iin_and_is_logged(
    client, colleague, existing, language
):
    response = register(client, language, **{"mother-last_name": "ЖУМАБЕКОВА"})

    page = response.content.decode()
    assert response.status_code == 400
    assert f'href="/{language}/families/{existing.pk}/"' in page
    assert f"{existing.mother.full_name}, {existing.mother.masked_iin}" in page
    assert lookups(existing, colleague, "families.duplicate_name_check").count() == 1


def test_a_centre_without_a_phone_is_named_alone(client, outsider, existing):
    existing.centre.phone = ""
    existing.centre.save()

    page = register(client, "ru", **{"mother-iin": existing.mother.iin, "mother-last_name": "Серікова"}).content.decode()

    assert "уже зарегистрирован в другом центре: Центр «Бақытты отбасы» almaly. Обратитесь к ним." in page


def test_a_family_that_came_to_her_centre_is_in_her_scope(client, outsider, existing):
    family_open_to_centre(family=existing, centre=outsider.centre)

    page = register(client, "kk", **{"mother-iin": existing.mother.iin, "mother-last_name": "Серікова"}).content.decode()

    assert f'href="/kk/families/{existing.pk}/"' in page


def test_editing_her_own_family_with_an_iin_of_another_district_names_only_the_centre(outsider, existing):
    own = FamilyFactory(registrar=outsider)
    spouse = PersonData(
        iin=existing.mother.iin, last_name="Серіков", first_name="Марат", middle_name="", birth_date=None, sex="m"
    )
    mother = mother_data(iin=own.mother.iin, birth_date=own.mother.birth_date)
    with translation.override("ru"), pytest.raises(DomainError) as refused:
        family_update(actor=outsider, family=own, mother=mother, details=details(), children=[], spouse=spouse)

    assert refused.value.field == ("spouse", "iin")
    assert refused.value.link is None and refused.value.record == existing
    assert "в другом центре: Центр «Бақытты отбасы» almaly" in str(refused.value.message)
