"""Anonymising a family (families.services.family_anonymise, through retention's services): nothing
that names her, her children or her spouse is left anywhere in the database, and the figures stay."""

import pytest
from django.db import connection

from families.models import Child, Consent, Family, Person, TimelineEntry, Visit
from notifications.models import Notification
from retention.models import Anonymisation
from retention.services import family_retention_anonymise
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.retention.database import hits, table_count
from tests.retention.seed import seed_family

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staff(almaly):
    return RegistrarFactory(centre=almaly)


def test_the_seeded_family_is_found_before_anonymisation_so_the_search_itself_works(staff):
    seeded = seed_family(staff)
    found = {needle for _table, _column, needle in hits(seeded.secrets)}
    assert found == set(seeded.secrets)
    assert table_count() > 40


def test_after_anonymisation_no_column_of_any_table_holds_her_iin_a_name_or_a_phone(staff, django_capture_on_commit_callbacks):
    seeded = seed_family(staff)
    scan = seeded.family.consents.get().scan
    assert scan.storage.exists(scan.name)
    with django_capture_on_commit_callbacks(execute=True):
        family_retention_anonymise(actor=None, family=seeded.family)
    assert hits(seeded.secrets) == []
    assert not scan.storage.exists(scan.name)


def test_the_family_row_keeps_its_figures_and_only_loses_what_names_anyone(staff):
    seeded = seed_family(staff)
    family = seeded.family
    before = Family.objects.get(pk=family.pk)
    family_retention_anonymise(actor=None, family=family)
    after = Family.objects.get(pk=family.pk)
    assert after.anonymised_at is not None
    for kept in ("district_id", "centre_id", "is_large", "is_low_income", "is_single_parent", "marital_status", "created_at"):
        assert getattr(after, kept) == getattr(before, kept)
    assert Child.objects.filter(family=family).count() == 2
    assert Visit.objects.filter(family=family).count() == 1
    assert family.appeals.count() == 1
    assert after.mother_account is None
    assert Person.objects.filter(pk=family.mother_id, iin__isnull=True, last_name="").exists()
    assert Notification.objects.filter(recipient_id=family.pk).count() == 0
    assert TimelineEntry.objects.filter(family=family).count() > 0
    assert Anonymisation.objects.get(family=family).kind == "retention"


def test_her_account_is_signed_out_and_can_no_longer_sign_in(staff, client):
    seeded = seed_family(staff)
    account = seeded.family.mother_account
    client.force_login(account)
    family_retention_anonymise(actor=None, family=seeded.family)
    account.refresh_from_db()
    assert not account.is_active
    assert not account.has_usable_password()
    assert account.username == f"anonymised-{account.pk}"


def test_a_consent_still_in_force_ends_with_the_anonymisation(staff):
    seeded = seed_family(staff)
    family_retention_anonymise(actor=None, family=seeded.family)
    assert not Consent.objects.filter(family=seeded.family, withdrawn_on__isnull=True).exists()


def test_the_audit_row_names_the_family_by_id_and_the_reason_by_code(staff):
    from audit.models import AuditEvent

    seeded = seed_family(staff)
    family_retention_anonymise(actor=None, family=seeded.family)
    event = AuditEvent.objects.get(action="family.anonymise")
    assert event.target_id == str(seeded.family.pk)
    assert event.data == {"reason": "retention"}


def test_anonymising_an_anonymised_family_is_refused_and_changes_nothing(staff):
    from core.errors import DomainError

    seeded = seed_family(staff)
    family_retention_anonymise(actor=None, family=seeded.family)
    before = Family.objects.get(pk=seeded.family.pk)
    with pytest.raises(DomainError, match="жойылып қойған"):
        family_retention_anonymise(actor=CentreHeadFactory(centre=staff.centre), family=seeded.family)
    assert Family.objects.get(pk=seeded.family.pk).anonymised_at == before.anonymised_at


def test_a_returning_mother_is_registered_again_with_the_same_iin(staff):
    seeded = seed_family(staff, with_account=False)
    iin = seeded.family.mother.iin
    family_retention_anonymise(actor=None, family=seeded.family)
    from tests.families.factories import FamilyFactory, PersonFactory

    again = FamilyFactory(registrar=staff, mother=PersonFactory(iin=iin))
    assert again.mother.iin == iin


def test_nothing_new_is_recorded_about_an_anonymised_family(staff):
    from core.errors import DomainError
    from families.models import VisitPurpose
    from families.services import consent_record, visit_check_in

    seeded = seed_family(staff, with_account=False)
    family = family_retention_anonymise(actor=None, family=seeded.family)
    with pytest.raises(DomainError, match="деректері жойылған"):
        visit_check_in(actor=staff, family=family, purposes=[VisitPurpose.objects.first()])
    with pytest.raises(DomainError, match="деректері жойылған"):
        consent_record(actor=staff, family=family, given_on=family.created_at.date(), language="kk")


def test_the_iin_and_phone_search_indexes_take_the_emptied_values(staff):
    seeded = seed_family(staff, with_account=False)
    family_retention_anonymise(actor=None, family=seeded.family)
    with connection.cursor() as cursor:
        cursor.execute("select count(*) from families_person where iin is null")
        assert cursor.fetchone()[0] >= 4
