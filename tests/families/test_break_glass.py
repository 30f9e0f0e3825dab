"""Emergency access (issue 9, item 4): the recorded, time-boxed way to a family outside one's scope,
for centre staff and administrators; read-only; shown to the family's centre head."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from audit.models import AccessEvent, AuditEvent
from families.models import EmergencyAccess
from families.services.break_glass import open_emergency_access
from tests.factories import (
    AdministratorFactory,
    CentreHeadFactory,
    CityOfficialFactory,
    DistrictOfficialFactory,
    MotherUserFactory,
    RegistrarFactory,
    SpecialistFactory,
)
from tests.families.factories import ChildFactory, FamilyFactory

pytestmark = pytest.mark.django_db

URL = "/ru/families/emergency-access/"
REASON = "Мать в больнице, нужны данные детей для опеки"


@pytest.fixture
def family(bostandyk):
    return FamilyFactory(registrar=RegistrarFactory(centre=bostandyk))


def ask(client, iin, reason=REASON, hours=2):
    return client.post(URL, {"iin": iin, "reason": reason, "hours": hours})


def in_russian(message: str) -> str:
    with translation.override("ru"):
        return str(translation.gettext(message))


# --- Before: outside her scope --------------------------------------------------------------------


def test_an_administrator_without_emergency_access_gets_a_404_on_a_family_page(client, family):
    client.force_login(AdministratorFactory())
    assert client.get(f"/en/families/{family.pk}/").status_code == 404


# --- Opening ----------------------------------------------------------------------------------------


def test_a_registrar_of_another_district_opens_a_family_by_its_iin_and_reads_its_page(client, almaly, family):
    registrar = RegistrarFactory(centre=almaly)
    client.force_login(registrar)
    assert client.get(f"/ru/families/{family.pk}/").status_code == 404

    response = ask(client, family.mother.iin)

    assert response.status_code == 302 and response["Location"] == f"/ru/families/{family.pk}/"
    grant = EmergencyAccess.objects.get()
    assert (grant.user, grant.family, grant.reason) == (registrar, family, REASON)
    assert grant.expires_at - grant.started_at == dt.timedelta(hours=2)
    page = client.get(f"/ru/families/{family.pk}/")
    assert page.status_code == 200 and page.context["emergency"] == grant
    assert family.mother.iin in page.content.decode()
    assert AuditEvent.objects.filter(action="families.emergency_access", actor=registrar).count() == 1
    emergency = AccessEvent.objects.get(action="emergency")
    assert (emergency.actor, emergency.target_id, emergency.centre) == (registrar, str(family.pk), almaly)


def test_a_childs_iin_opens_her_family_too(client, almaly, family):
    child = ChildFactory(family=family)
    client.force_login(SpecialistFactory(centre=almaly))
    assert ask(client, child.person.iin)["Location"] == f"/ru/families/{family.pk}/"


def test_an_administrator_opens_a_family_for_reading(client, family):
    client.force_login(AdministratorFactory())
    ask(client, family.mother.iin, hours=1)
    page = client.get(f"/en/families/{family.pk}/")
    assert page.status_code == 200 and page.context["actions"] == []


@pytest.mark.parametrize("official", [DistrictOfficialFactory, CityOfficialFactory, MotherUserFactory])
def test_officials_and_mothers_may_not_ask(client, bostandyk, family, official):
    user = official(district=bostandyk.district) if official is DistrictOfficialFactory else official()
    client.force_login(user)
    assert ask(client, family.mother.iin).status_code == 403
    assert not EmergencyAccess.objects.exists()


def test_the_iin_is_sent_in_the_body_never_in_the_url(client, almaly, family):
    client.force_login(RegistrarFactory(centre=almaly))
    page = client.get(URL).content.decode()
    assert 'method="post"' in page
    assert family.mother.iin not in ask(client, family.mother.iin)["Location"]


def test_the_user_menu_of_staff_links_to_the_page_and_officials_do_not_see_it(client, almaly):
    client.force_login(RegistrarFactory(centre=almaly))
    assert URL in client.get("/ru/families/").content.decode()
    client.force_login(DistrictOfficialFactory(district=almaly.district))
    assert URL not in client.get("/ru/centres/").content.decode()


# --- Read-only --------------------------------------------------------------------------------------


def test_through_emergency_access_nothing_can_be_changed_listed_or_exported(client, almaly, family):
    client.force_login(CentreHeadFactory(centre=almaly))
    ask(client, family.mother.iin)

    page = client.get(f"/ru/families/{family.pk}/")
    assert page.context["actions"] == [] and page.context["sections"] == []
    assert f"/families/{family.pk}/edit/" not in page.content.decode()
    for url in (
        f"/ru/families/{family.pk}/edit/",
        f"/ru/families/{family.pk}/visits/new/",
        f"/ru/families/{family.pk}/access-log/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert family not in client.get("/ru/families/").context["families"]
    assert client.get("/ru/families/", {"q": family.mother.last_name}).context["page"].paginator.count == 0


def test_the_same_family_is_still_editable_by_its_own_district(client, bostandyk, family):
    head = CentreHeadFactory(centre=bostandyk)
    client.force_login(head)
    page = client.get(f"/ru/families/{family.pk}/")
    assert page.context["emergency"] is None and page.context["actions"]


# --- Time box ---------------------------------------------------------------------------------------


def test_after_the_hours_chosen_the_family_is_a_404_again(client, almaly, family, settings):
    settings.STAFF_IDLE_TIMEOUT = dt.timedelta(hours=8)  # she stays signed in while the clock moves
    client.force_login(RegistrarFactory(centre=almaly))
    ask(client, family.mother.iin, hours=1)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=59)):
        assert client.get(f"/ru/families/{family.pk}/").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
        assert client.get(f"/ru/families/{family.pk}/").status_code == 404


def test_the_database_refuses_an_access_longer_than_four_hours_or_ending_before_it_starts(almaly, family):
    user = RegistrarFactory(centre=almaly)
    now = timezone.now()
    for expires_at in (now + dt.timedelta(hours=4, seconds=1), now, now - dt.timedelta(minutes=1)):
        with pytest.raises(IntegrityError), transaction.atomic():
            EmergencyAccess.objects.create(user=user, family=family, reason=REASON, started_at=now, expires_at=expires_at)


# --- Bad input --------------------------------------------------------------------------------------


def test_an_iin_nobody_has_is_answered_clearly_and_the_lookup_is_recorded(client, almaly, family):
    registrar = RegistrarFactory(centre=almaly)
    client.force_login(registrar)
    unknown = FamilyFactory.build().mother.iin
    from families.models import Person

    Person.objects.filter(iin=unknown).delete()

    response = ask(client, unknown)

    assert response.status_code == 400
    assert response.context["form"].errors["iin"] == [in_russian("There is no family with this IIN.")]
    assert not EmergencyAccess.objects.exists()
    lookup = AccessEvent.objects.get(action="emergency")
    assert (lookup.actor, lookup.what, lookup.target_id) == (registrar, "families.emergency_access_not_found", "")


@pytest.mark.parametrize(
    ("iin", "reason", "hours", "field"),
    [
        ("12345", REASON, 2, "iin"),
        ("123456789012", REASON, 2, "iin"),  # 12 digits, a wrong check digit
        (None, "", 2, "reason"),
        (None, "нужно", 2, "reason"),
        (None, REASON, 8, "hours"),
        (None, REASON, "", "hours"),
    ],
    ids=["short IIN", "bad check digit", "no reason", "too short a reason", "8 hours", "no duration"],
)
def test_bad_input_is_refused_on_its_field_and_opens_nothing(client, almaly, family, iin, reason, hours, field):
    client.force_login(RegistrarFactory(centre=almaly))
    response = ask(client, iin or family.mother.iin, reason=reason, hours=hours)
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not EmergencyAccess.objects.exists() and not AccessEvent.objects.filter(action="emergency").exists()


def test_a_family_already_in_her_scope_just_opens_its_page(client, bostandyk, family):
    client.force_login(RegistrarFactory(centre=bostandyk))
    assert ask(client, family.mother.iin)["Location"] == f"/ru/families/{family.pk}/"
    assert not EmergencyAccess.objects.exists()


def test_the_service_refuses_an_official_and_a_duration_past_four_hours(almaly, family):
    from core.errors import DomainError

    with pytest.raises(DomainError):
        open_emergency_access(actor=CityOfficialFactory(), iin=family.mother.iin, reason=REASON, hours=1)
    with pytest.raises(DomainError):
        open_emergency_access(actor=RegistrarFactory(centre=almaly), iin=family.mother.iin, reason=REASON, hours=5)


def test_the_centre_head_sees_who_opened_the_family_why_and_until_when(client, almaly, bostandyk, family):
    registrar = RegistrarFactory(centre=almaly)
    opened = open_emergency_access(actor=registrar, iin=family.mother.iin, reason=REASON, hours=4).grant
    client.force_login(CentreHeadFactory(centre=bostandyk))

    response = client.get(f"/ru/families/{family.pk}/access-log/")

    assert list(response.context["grants"]) == [opened]
    page = response.content.decode()
    assert REASON in page and str(registrar) in page and almaly.name_ru in page
    assert "экстренный доступ" in page  # the access log row of the opening
