"""The desk's queue of mothers who signed up online."""

import pytest

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
    # session, user, the count for the pager, the page of families with mothers and centres
    with django_assert_num_queries(4):
        response = client.get("/kk/mothers/sign-ups/")
    assert len(response.context["page"]) == count
