"""Families mothers signed up online: held as she typed them, with no category and outside the
registered families until the desk has seen her documents and verified them; and linking an account
to the family the registry holds."""

import pytest
from django.utils import translation

from audit.models import AccessEvent, AuditEvent
from core.errors import DomainError
from families import iin as iin_rules
from families.models import CategoryChange, ConsentText, Family, TimelineEntry
from families.selectors import families_awaiting_verification, family_is_verified
from families.services import (
    PersonData,
    categories_recompute_all,
    consent_withdraw,
    family_link_account,
    family_self_register,
    family_verify,
)
from notifications.models import Notification
from tests.factories import MotherUserFactory
from tests.families.factories import FamilyFactory, PersonFactory, valid_iin, years_ago
from tests.mothers.factories import SelfRegisteredFamilyFactory

pytestmark = pytest.mark.django_db
HTMX = {"hx-request": "true"}


@pytest.fixture(autouse=True)
def _keep_the_language():
    """A request to a /ru/ page leaves Russian active in this thread: the next module's tests expect Kazakh."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def english():
    """The services' refusals read in English (the tests' language is Kazakh, the portal's default)."""
    with translation.override("en"):
        yield


def her(iin=None, **names) -> PersonData:
    born = years_ago(33)
    iin = iin or valid_iin(born, "f")
    hint = iin_rules.hint(iin)
    values = {"last_name": "Сейітова", "first_name": "Әйгерім", "middle_name": "", **names}
    return PersonData(iin=iin, birth_date=hint.birth_date, sex=hint.sex or "f", **values)


def self_register(almaly, **kwargs) -> Family:
    account = MotherUserFactory()
    return family_self_register(
        actor=account,
        mother=kwargs.pop("mother", her()),
        phone="+77015550101",
        centre=almaly,
        language="kk",
        consent_text=ConsentText.current(),
        **kwargs,
    )


def complete(family: Family) -> None:
    Family.objects.filter(pk=family.pk).update(address="Абай даңғылы, 12", marital_status="single", housing="rent")


def test_a_self_registered_family_is_on_record_as_she_typed_it_with_her_consent_and_her_account(almaly):
    family = self_register(almaly)

    family.refresh_from_db()
    assert family.mother.full_name == "Сейітова Әйгерім"
    assert family.mother_account.role == "mother"
    assert family.created_by == family.mother_account
    assert (family.centre, family.district) == (almaly, almaly.district)
    consent = family.consents.get()
    assert (consent.text, consent.recorded_by, consent.withdrawn_on) == (ConsentText.current(), family.mother_account, None)
    kinds = set(TimelineEntry.objects.filter(family=family).values_list("kind", flat=True))
    assert kinds == {"families.consent_given", "families.self_registered"}
    assert AuditEvent.objects.filter(action="family.self_register", target_id=str(family.pk)).exists()


def test_a_self_registered_family_with_no_income_on_record_holds_no_category_and_is_not_verified(almaly):
    family = self_register(almaly)

    family.refresh_from_db()
    assert not family_is_verified(family)
    assert family.categories == []  # no income declared: it would otherwise be low-income
    assert not Family.objects.verified().filter(pk=family.pk).exists()
    assert Family.objects.awaiting_verification().filter(pk=family.pk).exists()


def test_the_daily_check_gives_an_unverified_family_no_category(almaly):
    family = SelfRegisteredFamilyFactory(centre=almaly)

    categories_recompute_all()

    family.refresh_from_db()
    assert family.categories == []
    assert not CategoryChange.objects.filter(family=family).exists()


def test_an_iin_the_registry_holds_is_refused_for_a_new_family(almaly):
    taken = PersonFactory()
    with pytest.raises(DomainError) as refusal:
        self_register(almaly, mother=her(iin=taken.iin))
    assert refusal.value.field == ("mother", "iin")
    assert Family.objects.count() == 0


def test_an_iin_with_a_wrong_check_digit_is_refused(almaly):
    iin = valid_iin(years_ago(30), "f")
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(DomainError) as refusal:
        self_register(almaly, mother=her(iin=wrong))
    assert refusal.value.field == ("mother", "iin")


def test_verifying_a_completed_file_makes_the_family_count_and_computes_its_categories(almaly, registrar):
    family = SelfRegisteredFamilyFactory(centre=almaly)
    complete(family)

    family_verify(actor=registrar, family=family)

    family.refresh_from_db()
    assert family_is_verified(family)
    assert (family.verified_by, family.verified_at is not None) == (registrar, True)
    # Zero income, single: low-income and single-parent now that the registry vouches for it.
    assert {c.flag for c in family.categories} == {"is_low_income", "is_single_parent"}
    assert CategoryChange.objects.filter(family=family, gained=True).count() == 2
    assert TimelineEntry.objects.filter(family=family, kind="families.verified", actor=registrar).exists()
    assert AccessEvent.objects.filter(what="family.verify", target_id=str(family.pk), actor=registrar).exists()
    assert Family.objects.verified().filter(pk=family.pk).exists()
    told = Notification.objects.get(template__key="family_verified")
    assert (told.recipient_id, told.to, told.centre_id) == (family.pk, str(family.phone), almaly.pk)


def test_a_file_not_yet_completed_from_her_documents_cannot_be_verified(almaly, registrar, english):
    family = SelfRegisteredFamilyFactory(centre=almaly)

    with pytest.raises(DomainError, match="Complete the family's file"):
        family_verify(actor=registrar, family=family)

    family.refresh_from_db()
    assert not family.is_verified


def test_a_family_registered_at_the_desk_is_verified_already(almaly, registrar, english):
    family = FamilyFactory(registrar=registrar)
    assert family_is_verified(family)
    with pytest.raises(DomainError, match="verified already"):
        family_verify(actor=registrar, family=family)


def test_a_family_whose_mother_withdrew_her_consent_is_not_verified(almaly, registrar):
    family = SelfRegisteredFamilyFactory(centre=almaly)
    complete(family)
    consent_withdraw(actor=registrar, family=family, on=family.consents.get().given_on)

    with pytest.raises(DomainError):
        family_verify(actor=registrar, family=family)
    family.refresh_from_db()
    assert not family.is_verified


def test_the_database_refuses_a_desk_family_marked_verified_or_a_verification_by_nobody(almaly, registrar):
    from django.db import IntegrityError, transaction

    family = FamilyFactory(registrar=registrar)
    with pytest.raises(IntegrityError), transaction.atomic():
        Family.objects.filter(pk=family.pk).update(verified_by=registrar)
    sign_up = SelfRegisteredFamilyFactory(centre=almaly)
    with pytest.raises(IntegrityError), transaction.atomic():
        Family.objects.filter(pk=sign_up.pk).update(verified_at="2026-12-01T10:00:00+05:00")


def test_an_account_is_linked_to_the_family_the_registry_holds_once(almaly, registrar, english):
    family = FamilyFactory(registrar=registrar)
    account = MotherUserFactory()

    family_link_account(actor=account, family=family, account=account)

    family.refresh_from_db()
    assert family.mother_account == account
    assert AccessEvent.objects.filter(what="family.link_account", target_id=str(family.pk)).exists()
    with pytest.raises(DomainError, match="already has an account"):
        family_link_account(actor=registrar, family=family, account=MotherUserFactory())
    family.refresh_from_db()
    assert family.mother_account == account


def test_the_desk_sees_the_sign_ups_of_its_district_only_oldest_first(almaly, bostandyk, registrar):
    first = SelfRegisteredFamilyFactory(centre=almaly)
    second = SelfRegisteredFamilyFactory(centre=almaly)
    SelfRegisteredFamilyFactory(centre=bostandyk)
    FamilyFactory(registrar=registrar)

    assert list(families_awaiting_verification(registrar)) == [first, second]


def test_the_registrar_verifies_a_sign_up_from_its_page_in_a_modal(client, almaly, registrar):
    family = SelfRegisteredFamilyFactory(centre=almaly)
    complete(family)
    page = client.get(f"/kk/families/{family.pk}/")
    assert page.status_code == 200
    assert b'data-testid="not-verified"' in page.content
    assert f"/kk/families/{family.pk}/verify/".encode() in page.content

    unchecked = client.post(f"/ru/families/{family.pk}/verify/", {}, headers=HTMX)
    assert unchecked.status_code == 400
    family.refresh_from_db()
    assert not family.is_verified

    done = client.post(f"/ru/families/{family.pk}/verify/", {"documents_seen": "on"}, headers=HTMX)
    assert done.status_code == 204
    assert "familyChanged" in done["HX-Trigger"]
    family.refresh_from_db()
    assert family.is_verified
    assert b'data-testid="not-verified"' not in client.get(f"/kk/families/{family.pk}/").content


def test_an_incomplete_file_is_refused_in_the_modal_in_her_language(client, almaly, registrar):
    family = SelfRegisteredFamilyFactory(centre=almaly)

    response = client.post(f"/ru/families/{family.pk}/verify/", {"documents_seen": "on"}, headers=HTMX)

    assert response.status_code == 400
    assert "Сначала заполните" in response.content.decode()
    family.refresh_from_db()
    assert not family.is_verified


def test_the_desk_completes_the_file_from_her_documents_and_verifies_a_large_family(client, almaly, registrar):
    from tests.families.forms_data import CHILDREN, child_post, edit_post

    family = SelfRegisteredFamilyFactory(centre=almaly)
    data = edit_post(family)
    data.update({"family-address": "Алматы, Төле би көшесі, 40", "family-marital_status": "married"})
    data.update({"family-housing": "rent", "family-monthly_income": "150000", "children-TOTAL_FORMS": "4"})
    for index, child in enumerate(CHILDREN[:4]):
        data.update(child_post(index, *child))

    assert client.post(f"/kk/families/{family.pk}/edit/", data).status_code == 302
    family.refresh_from_db()
    assert family.children.count() == 4 and family.categories == []  # four children, but not yet verified

    client.post(f"/kk/families/{family.pk}/verify/", {"documents_seen": "on"})

    family.refresh_from_db()
    assert family.is_verified and family.is_large
