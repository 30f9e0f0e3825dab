"""The centre head's pages: the dry run (ids and counts, no IIN, no name), a hold through the modal,
its release, and the button for a mother's request to be forgotten on the family page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from families.models import Family
from families.services import consent_withdraw
from retention.models import RetentionHold
from retention.services import hold_create
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def head(client, almaly):
    user = CentreHeadFactory(centre=almaly)
    client.force_login(user)
    return user


def old_family(centre) -> Family:
    return FamilyFactory(registrar=RegistrarFactory(centre=centre), created_at=timezone.now() - dt.timedelta(days=2000))


def test_the_dry_run_lists_her_centres_due_families_by_number_without_iins_or_names(client, head, almaly, bostandyk):
    due = old_family(almaly)
    elsewhere = old_family(bostandyk)
    response = client.get(reverse("retention:due"))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="due-{due.pk}"' in page
    assert f'id="due-{elsewhere.pk}"' not in page
    assert due.mother.iin not in page and due.mother.iin[:6] not in page
    assert due.mother.last_name not in page


def test_the_dry_run_costs_the_same_queries_for_one_family_and_for_many(client, head, almaly, django_assert_num_queries):
    old_family(almaly)
    hold_create(actor=head, family=old_family(almaly), reason="Сот ісі")
    client.get(reverse("retention:due"))  # the first request of a session writes its last-seen time
    # the user, policy, the page of due families (a page not full is its own count), the signed
    # copies due, the holds with who held them
    with django_assert_num_queries(5):
        client.get(reverse("retention:due"))
    for _ in range(5):
        old_family(almaly)
    hold_create(actor=head, family=old_family(almaly), reason="Грант")
    with django_assert_num_queries(5):
        client.get(reverse("retention:due"))


def test_a_hold_through_the_modal_answers_204_with_the_event_and_takes_the_family_off_the_list(client, head, almaly):
    family = old_family(almaly)
    url = reverse("retention:hold_new", args=[family.pk])
    assert client.get(url, headers=HTMX).status_code == 200
    response = client.post(url, {"reason": "Сот ісі ашық"}, headers=HTMX)
    assert response.status_code == 204
    assert "retentionChanged" in response.headers["HX-Trigger"]
    page = client.get(reverse("retention:due")).content.decode()
    assert f'id="due-{family.pk}"' not in page
    assert f'id="hold-{RetentionHold.objects.get().pk}"' in page
    assert "Сот ісі ашық" in page


def test_a_hold_without_a_reason_answers_the_form_again_with_400_and_holds_nothing(client, head, almaly):
    family = old_family(almaly)
    response = client.post(reverse("retention:hold_new", args=[family.pk]), {"reason": ""}, headers=HTMX)
    assert response.status_code == 400
    assert not RetentionHold.objects.exists()


def test_a_second_hold_shows_the_first_reason_in_the_users_language(client, head, almaly):
    family = old_family(almaly)
    hold_create(actor=head, family=family, reason="Сот ісі ашық")
    response = client.post(reverse("retention:hold_new", args=[family.pk]), {"reason": "Ещё"})
    assert response.status_code == 400
    assert "Сот ісі ашық" in response.content.decode()
    assert RetentionHold.objects.count() == 1


def test_releasing_a_hold_swaps_its_row(client, head, almaly):
    hold = hold_create(actor=head, family=old_family(almaly), reason="Сот ісі")
    response = client.post(reverse("retention:hold_release", args=[hold.pk]), headers=HTMX)
    assert response.status_code == 200
    assert f'id="hold-{hold.pk}"' in response.content.decode()
    hold.refresh_from_db()
    assert hold.released_at is not None


def test_the_head_of_another_district_gets_a_404_for_a_hold_and_for_forgetting(client, almaly, bostandyk):
    family = old_family(almaly)
    client.force_login(CentreHeadFactory(centre=bostandyk))
    assert client.post(reverse("retention:hold_new", args=[family.pk]), {"reason": "x"}).status_code == 404
    assert client.post(reverse("retention:forget", args=[family.pk]), {"reason": "x"}).status_code == 404
    assert not RetentionHold.objects.exists()


def test_the_forget_button_shows_on_the_family_page_only_once_her_consent_is_withdrawn(client, head, almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    url = reverse("retention:forget", args=[family.pk])
    assert url not in client.get(family.get_absolute_url()).content.decode()
    consent_withdraw(actor=head, family=family, on=timezone.localdate())
    assert url in client.get(family.get_absolute_url()).content.decode()


def test_forgetting_through_the_modal_removes_her_data(client, head, almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    consent_withdraw(actor=head, family=family, on=timezone.localdate())
    response = client.post(reverse("retention:forget", args=[family.pk]), {"reason": "Жазбаша өтініш"}, headers=HTMX)
    assert response.status_code == 204
    assert Family.objects.get(pk=family.pk).anonymised_at is not None


def test_forgetting_while_her_consent_is_in_force_is_refused_in_russian_and_changes_nothing(client, head, almaly):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    with translation.override("ru"):
        url = reverse("retention:forget", args=[family.pk])
    response = client.post(url, {"reason": "Заявление"}, headers=HTMX)
    assert response.status_code == 400
    assert "Согласие матери ещё действует" in response.content.decode()
    assert Family.objects.get(pk=family.pk).anonymised_at is None


def test_the_menu_shows_retention_to_the_centre_head_only(client, head, almaly):
    assert reverse("retention:due") in client.get(reverse("families:today")).content.decode()
    client.force_login(RegistrarFactory(centre=almaly))
    assert reverse("retention:due") not in client.get(reverse("families:today")).content.decode()


def test_the_page_of_an_anonymised_family_says_so_by_number(client, head, almaly):
    from retention.services import family_retention_anonymise

    family = old_family(almaly)
    family_retention_anonymise(actor=None, family=family)
    response = client.get(family.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="anonymised"' in page
    assert f"№ {family.pk}" in page
