"""The desk's queue of mothers who signed up online."""

import pytest

from audit.models import AccessEvent, AuditEvent
from courses.services import booking_create
from families.models import Family, Person
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
    # the user, the count for the pager, the page of families with mothers and centres, the
    # accounts waiting to be linked with their users and centres
    with django_assert_num_queries(4):
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


def signed_up_with_the_iin_of(family, centre, *, last_name="Күтушева") -> MotherProfile:
    """A mother who signed up with the IIN of ``family``'s mother and another phone: her own family,
    recorded without that IIN, waits for the desk (as ``mothers.services.accounts`` makes it)."""
    user = MotherUserFactory(last_name=last_name)
    SelfRegisteredFamilyFactory(centre=centre, mother_account=user, mother__iin=None, mother__last_name=last_name)
    return MotherProfile.objects.create(user=user, phone="+77015550144", iin=family.mother.iin, centre=centre)


def test_a_sign_up_with_an_iin_on_file_waits_to_be_linked_not_verified(client, registrar, almaly):
    profile = signed_up_with_the_iin_of(FamilyFactory(registrar=registrar), almaly)

    page = client.get("/kk/mothers/sign-ups/")

    assert list(page.context["accounts"]) == [profile] and list(page.context["page"]) == []


def test_linking_her_moves_her_bookings_into_the_registry_s_family_and_removes_her_sign_up_family(client, registrar, almaly):
    from courses.models import Booking
    from tests.courses.factories import GroupFactory

    family = FamilyFactory(registrar=registrar)
    profile = signed_up_with_the_iin_of(family, almaly)
    sign_up = Family.objects.get(mother_account=profile.user)
    booking = booking_create(actor=profile.user, group=GroupFactory(centre=almaly), family=sign_up)

    response = client.post(f"/kk/mothers/sign-ups/accounts/{profile.pk}/link/")

    assert response["Location"] == f"/kk/families/{family.pk}/"
    family.refresh_from_db()
    assert family.mother_account == profile.user
    assert not Family.objects.filter(pk=sign_up.pk).exists() and not Person.objects.filter(pk=sign_up.mother_id).exists()
    assert Booking.objects.get(pk=booking.pk).family == family and booking.status == Booking.Status.CONFIRMED
    assert family.timeline.filter(kind="courses.booked").exists()
    assert AuditEvent.objects.filter(action="family.discard_sign_up", actor=registrar).exists()


def test_a_course_booked_on_both_files_is_refused_and_nothing_changes(client, registrar, almaly):
    from tests.courses.factories import GroupFactory

    family = FamilyFactory(registrar=registrar)
    profile = signed_up_with_the_iin_of(family, almaly)
    sign_up = Family.objects.get(mother_account=profile.user)
    group = GroupFactory(centre=almaly)
    booking_create(actor=profile.user, group=group, family=sign_up)
    booking_create(actor=registrar, group=group, family=family)

    response = client.post(f"/ru/mothers/sign-ups/accounts/{profile.pk}/link/", follow=True)

    assert "на обоих" in response.content.decode()
    family.refresh_from_db()
    assert family.mother_account is None and Family.objects.filter(pk=sign_up.pk, mother_account=profile.user).exists()
