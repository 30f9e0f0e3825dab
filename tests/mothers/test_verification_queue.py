"""The desk's queue of mothers who signed up online."""

import pytest

from audit.models import AccessEvent
from mothers.models import MotherProfile
from tests.factories import MotherUserFactory
from tests.families.factories import FamilyFactory
from tests.mothers.factories import SelfRegisteredFamilyFactory

pytestmark = pytest.mark.django_db


def test_the_queue_lists_the_districts_sign_ups_with_a_link_to_each_family(client, registrar, almaly, bostandyk):
    waiting = SelfRegisteredFamilyFactory(centre=almaly, mother__last_name="Күтетінова")
    SelfRegisteredFamilyFactory(centre=bostandyk, mother__last_name="Басқааудан")
    FamilyFactory(registrar=registrar, mother__last_name="Тіркелгенова")

    page = client.get("/kk/mothers/sign-ups/").content.decode()

    assert "Күтетінова" in page and f'href="/kk/families/{waiting.pk}/"' in page
    assert "Басқааудан" not in page
    assert "Тіркелгенова" not in page
    assert waiting.mother.iin not in page  # masked, as in every list


@pytest.mark.parametrize("count", [1, 25])
def test_the_queue_costs_the_same_for_one_or_twenty_five(client, registrar, almaly, django_assert_num_queries, count):
    for _ in range(count):
        SelfRegisteredFamilyFactory(centre=almaly)
    client.get("/kk/")
    # session, user, the count for the pager, the page of families with mothers and centres, the
    # accounts waiting to be linked with their users and centres
    with django_assert_num_queries(5):
        response = client.get("/kk/mothers/sign-ups/")
    assert len(response.context["page"]) == count


def waiting_for(family, centre, **kwargs) -> MotherProfile:
    return MotherProfile.objects.create(
        user=MotherUserFactory(last_name="Күтушева"), phone="+77015550144", iin=family.mother.iin, centre=centre, **kwargs
    )


def test_the_desk_links_an_account_that_signed_up_with_another_phone_to_her_family(client, registrar, almaly):
    family = FamilyFactory(registrar=registrar, phone="+77015550100")
    profile = waiting_for(family, almaly)
    page = client.get("/kk/mothers/sign-ups/").content.decode()
    assert "Күтушева" in page and family.mother.iin not in page

    response = client.post(f"/kk/mothers/sign-ups/accounts/{profile.pk}/link/")

    assert response["Location"] == f"/kk/families/{family.pk}/"
    family.refresh_from_db()
    assert family.mother_account == profile.user
    assert AccessEvent.objects.filter(what="family.link_account", actor=registrar, target_id=str(family.pk)).exists()
    assert "Күтушева" not in client.get("/kk/mothers/sign-ups/").content.decode()


def test_a_family_with_an_account_already_is_not_linked_again(client, registrar, almaly):
    from tests.mothers.factories import MotherFamilyFactory

    family = MotherFamilyFactory(registrar=registrar)
    profile = waiting_for(family, almaly)

    response = client.post(f"/ru/mothers/sign-ups/accounts/{profile.pk}/link/", follow=True)

    assert "уже есть учётная запись" in response.content.decode()
    family.refresh_from_db()
    assert family.mother_account != profile.user


def test_another_districts_waiting_account_is_not_the_desks(client, registrar, bostandyk):
    family = FamilyFactory(registrar=registrar)
    profile = waiting_for(family, bostandyk)
    assert client.post(f"/kk/mothers/sign-ups/accounts/{profile.pk}/link/").status_code == 404
    family.refresh_from_db()
    assert family.mother_account is None
