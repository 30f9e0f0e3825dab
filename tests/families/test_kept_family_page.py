"""The family page's body is kept in the cache under the family's stamp (families.views.registry): a
page opened again is read back, and whatever changes what it shows — through a service, a bulk update
with no signals, or another app — is on the next opening.

Each change below is made in a transaction of its own (a savepoint inside the test's), as each request's
is: the stamp follows the row versions PostgreSQL gives every transaction's writes."""

import pytest
from django.db import transaction
from django.utils import timezone

from centres.models import Centre
from families.models import Appeal, Child, Consent, Family, Person, Referral, TimelineEntry
from families.timeline import timeline_add
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import AppealFactory, ChildFactory, FamilyFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def body(client, family) -> str:
    """The family page's body, as htmx asks for it when something on the page has changed."""
    response = client.get(f"/ru/families/{family.pk}/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def was_built(response) -> bool:
    """Whether the view built the body (rendering it from its context), rather than read it back."""
    return response.context is not None and "timeline" in response.context


@pytest.fixture
def family(registrar):
    family = FamilyFactory(registrar=registrar)
    ChildFactory(family=family)
    ReferralFactory(appeal=AppealFactory(family=family))
    timeline_add(family=family, kind="families.visit_served", actor=registrar, params={"what_was_done": "Первая запись"})
    return family


def _family_row(family):
    Family.objects.filter(pk=family.pk).update(address="проспект Абая, 777")
    return "проспект Абая, 777"


def _mother(family):
    Person.objects.filter(pk=family.mother_id).update(last_name="Жаңафамилия")
    return "Жаңафамилия"


def _child_added(family):
    ChildFactory(family=family, person__first_name="Новорождённая")
    return "Новорождённая"


def _child_person(family):
    Person.objects.filter(pk=Child.objects.get(family=family).person_id).update(first_name="Переименована")
    return "Переименована"


def _consent(family):
    Consent.objects.filter(family=family).update(withdrawn_on=timezone.localdate())
    return "Отозвано"


def _appeal(family):
    Appeal.objects.filter(family=family).update(description="Новое описание обращения")
    return "Новое описание обращения"


def _referral(family):
    Referral.objects.filter(appeal__family=family).update(
        outcome="Поставлена в очередь", outcome_on=timezone.localdate(), outcome_recorded_by=family.created_by
    )
    return "Поставлена в очередь"


def _timeline(family):
    timeline_add(family=family, kind="families.visit_served", params={"what_was_done": "Вторая запись"})
    return "Вторая запись"


def _centre(family):
    Centre.objects.filter(pk=family.centre_id).update(name_ru="Центр «Бакытты отбасы» на Абая")
    return "Центр «Бакытты отбасы» на Абая"


@pytest.mark.parametrize(
    "change", [_family_row, _mother, _child_added, _child_person, _consent, _appeal, _referral, _timeline, _centre]
)
def test_a_kept_family_page_shows_a_change_to_anything_it_shows(client, family, change):
    before = body(client, family)
    assert was_built(client.get(f"/ru/families/{family.pk}/", headers={"HX-Request": "true"})) is False
    with transaction.atomic():
        marker = change(family)
    assert marker not in before
    assert marker in body(client, family)


def test_a_removed_timeline_entry_leaves_the_kept_page(client, family):
    assert "Первая запись" in body(client, family)
    with transaction.atomic():
        TimelineEntry.objects.filter(family=family, kind="families.visit_served").delete()
    assert "Первая запись" not in body(client, family)


def test_a_page_kept_for_one_colleague_is_built_afresh_for_another(client, family, almaly):
    body(client, family)
    head = CentreHeadFactory(centre=almaly)
    client.force_login(head)
    assert was_built(client.get(f"/ru/families/{family.pk}/", headers={"HX-Request": "true"}))
    client.force_login(RegistrarFactory(centre=almaly))
    assert was_built(client.get(f"/ru/families/{family.pk}/", headers={"HX-Request": "true"}))


def test_each_language_has_its_own_kept_page(client, family):
    russian = body(client, family)
    kazakh = client.get(f"/kk/families/{family.pk}/", headers={"HX-Request": "true"})
    assert was_built(kazakh)
    assert kazakh.content.decode() != russian


def test_every_opening_of_a_kept_page_is_in_the_access_log(client, registrar, family):
    from audit.models import AccessEvent

    for _ in range(3):
        body(client, family)
    assert AccessEvent.objects.filter(actor=registrar, what="families.family_detail", target_id=str(family.pk)).count() == 3


def test_a_family_out_of_her_scope_is_a_404_even_when_a_colleague_has_its_page_kept(client, family, bostandyk):
    body(client, family)
    client.force_login(RegistrarFactory(centre=bostandyk))
    assert client.get(f"/ru/families/{family.pk}/", headers={"HX-Request": "true"}).status_code == 404
