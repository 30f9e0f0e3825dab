"""Retention's rules: which families are due, holds, a request to be forgotten, the monthly run in
chunks (idempotent, resumable), and the signed copies past their period."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from core.errors import DomainError
from families.models import Consent, Family
from families.services import consent_record, consent_withdraw
from retention import services
from retention.models import RetentionHold, RetentionPolicy
from retention.selectors import due_families, family_cutoff
from retention.services import family_forget, hold_create, hold_release, retention_apply
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import AppealFactory, FamilyFactory, VisitFactory

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.now() - dt.timedelta(days=1826)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def head(almaly):
    return CentreHeadFactory(centre=almaly)


def old_family(centre, **kwargs) -> Family:
    return FamilyFactory(registrar=RegistrarFactory(centre=centre), created_at=LONG_AGO, **kwargs)


def due_ids() -> set[int]:
    return set(due_families(family_cutoff(RetentionPolicy.current())).values_list("pk", flat=True))


def test_the_defaults_are_five_years_for_families_and_a_year_for_signed_copies():
    policy = RetentionPolicy.current()
    assert (policy.family_inactivity_days, policy.consent_scan_days) == (1825, 365)


def test_a_family_registered_five_years_ago_with_nothing_since_is_due(almaly):
    family = old_family(almaly)
    recent = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    assert family.pk in due_ids() and recent.pk not in due_ids()


def test_a_visit_within_the_period_keeps_a_family(almaly):
    family = old_family(almaly)
    VisitFactory(family=family, arrived_at=timezone.now() - dt.timedelta(days=1800))
    assert family.pk not in due_ids()


def test_a_visit_before_the_period_does_not_keep_a_family(almaly):
    family = old_family(almaly)
    VisitFactory(family=family, arrived_at=LONG_AGO)
    assert family.pk in due_ids()


def test_a_step_of_an_appeal_within_the_period_keeps_a_family(almaly):
    family = old_family(almaly)
    AppealFactory(family=family)  # opened now
    assert family.pk not in due_ids()


def test_a_longer_period_in_the_policy_keeps_the_family(almaly):
    family = old_family(almaly)
    RetentionPolicy.objects.filter(pk=1).update(family_inactivity_days=3000)
    assert family.pk not in due_ids()


def test_a_held_family_is_not_due_and_is_due_again_once_released(almaly, head):
    family = old_family(almaly)
    hold = hold_create(actor=head, family=family, reason="Сот ісі ашық")
    assert family.pk not in due_ids()
    hold_release(actor=head, hold=hold)
    assert family.pk in due_ids()


def test_a_second_hold_on_a_held_family_is_refused_with_the_first_reason(almaly, head):
    family = old_family(almaly)
    hold_create(actor=head, family=family, reason="Сот ісі ашық")
    with pytest.raises(DomainError, match="Сот ісі ашық"):
        hold_create(actor=head, family=family, reason="Грант мониторингі")
    assert RetentionHold.objects.count() == 1


def test_a_hold_without_a_reason_is_refused(almaly, head):
    with pytest.raises(DomainError) as refusal:
        hold_create(actor=head, family=old_family(almaly), reason="  \u200b ")
    assert refusal.value.field == "reason"
    assert not RetentionHold.objects.exists()


def test_releasing_a_released_hold_is_refused(almaly, head):
    hold = hold_create(actor=head, family=old_family(almaly), reason="Сот ісі")
    hold_release(actor=head, hold=hold)
    with pytest.raises(DomainError, match="босатылып қойған"):
        hold_release(actor=head, hold=hold)


def test_a_held_family_is_not_anonymised_and_the_refusal_says_why(almaly, head):
    family = old_family(almaly)
    hold_create(actor=head, family=family, reason="Грант мониторингі")
    with pytest.raises(DomainError, match="Грант мониторингі"):
        services.family_retention_anonymise(actor=head, family=family)
    assert Family.objects.get(pk=family.pk).anonymised_at is None


def test_a_hold_on_an_anonymised_family_is_refused(almaly, head):
    family = old_family(almaly)
    services.family_retention_anonymise(actor=None, family=family)
    with pytest.raises(DomainError, match="жойылып қойған"):
        hold_create(actor=head, family=family, reason="Сот ісі")


# --- A request to be forgotten ------------------------------------------------------------------


def test_forgetting_is_refused_while_her_consent_is_in_force(almaly, head):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    with pytest.raises(DomainError, match="әлі күшінде"):
        family_forget(actor=head, family=family, reason="Жазбаша өтініш")
    assert Family.objects.get(pk=family.pk).anonymised_at is None


def test_after_withdrawing_her_consent_she_is_forgotten_with_the_reason_recorded(almaly, head):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    consent_withdraw(actor=head, family=family, on=timezone.localdate())
    family_forget(actor=head, family=family, reason="Жазбаша өтініш, 3 наурыз")
    family.refresh_from_db()
    assert family.anonymised_at is not None
    assert (family.anonymisation.kind, family.anonymisation.by, family.anonymisation.reason) == (
        "forget",
        head,
        "Жазбаша өтініш, 3 наурыз",
    )


def test_her_name_written_into_the_reason_is_taken_out_of_it(almaly, head):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    name = family.mother.last_name
    consent_withdraw(actor=head, family=family, on=timezone.localdate())
    family_forget(actor=head, family=family, reason=f"{name} жазбаша сұрады")
    assert name not in Family.objects.get(pk=family.pk).anonymisation.reason


def test_forgetting_a_held_family_is_refused_with_the_hold_reason(almaly, head):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    consent_withdraw(actor=head, family=family, on=timezone.localdate())
    hold_create(actor=head, family=family, reason="Сот ісі ашық")
    with pytest.raises(DomainError, match="Сот ісі ашық"):
        family_forget(actor=head, family=family, reason="Өтініш")
    assert Family.objects.get(pk=family.pk).anonymised_at is None


def test_forgetting_twice_is_refused_the_second_time(almaly, head):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    consent_withdraw(actor=head, family=family, on=timezone.localdate())
    family_forget(actor=head, family=family, reason="Өтініш")
    with pytest.raises(DomainError, match="жойылып қойған"):
        family_forget(actor=head, family=family, reason="Өтініш")


# --- The monthly run ------------------------------------------------------------------------------


def test_the_run_anonymises_every_due_family_in_chunks_and_no_other(almaly):
    due = [old_family(almaly) for _ in range(5)]
    kept = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    assert retention_apply(chunk=2) == {"families": 5, "scans": 0}
    assert Family.objects.filter(pk__in=[f.pk for f in due], anonymised_at__isnull=False).count() == 5
    assert Family.objects.get(pk=kept.pk).anonymised_at is None


def test_a_second_run_changes_nothing(almaly):
    family = old_family(almaly)
    retention_apply()
    first = Family.objects.get(pk=family.pk).anonymised_at
    assert retention_apply() == {"families": 0, "scans": 0}
    assert Family.objects.get(pk=family.pk).anonymised_at == first


def test_a_run_interrupted_midway_keeps_its_finished_chunks_and_the_next_run_finishes(almaly, monkeypatch):
    families = [old_family(almaly) for _ in range(5)]
    real = services.family_anonymise
    calls = {"n": 0}

    def crash_on_the_fourth(**kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("the worker was stopped")
        return real(**kwargs)

    monkeypatch.setattr(services, "family_anonymise", crash_on_the_fourth)
    with pytest.raises(RuntimeError):
        retention_apply(chunk=2)
    done = Family.objects.filter(pk__in=[f.pk for f in families], anonymised_at__isnull=False)
    assert done.count() == 2  # the first chunk committed; the second rolled back whole
    first_times = dict(done.values_list("pk", "anonymised_at"))
    monkeypatch.setattr(services, "family_anonymise", real)
    assert retention_apply(chunk=2)["families"] == 3
    assert Family.objects.filter(pk__in=[f.pk for f in families], anonymised_at__isnull=True).count() == 0
    assert dict(Family.objects.filter(pk__in=first_times).values_list("pk", "anonymised_at")) == first_times


@pytest.mark.django_db(transaction=True)
def test_a_chunk_skips_a_family_another_transaction_holds_and_the_next_run_takes_it(reference_data):
    """SKIP LOCKED: a family locked elsewhere (a hold being written) is left for later, not waited for."""
    import threading

    from django.db import connection, transaction

    from tests.factories import CentreFactory, DistrictFactory

    centre = CentreFactory(district=DistrictFactory(code="almaly"))
    family, other = old_family(centre), old_family(centre)
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        with transaction.atomic():
            Family.objects.select_for_update().get(pk=family.pk)
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=hold_the_row)
    thread.start()
    assert locked.wait(10)
    try:
        cutoff = family_cutoff(RetentionPolicy.current())
        assert services.families_anonymise_due(family_ids=[family.pk, other.pk], cutoff=cutoff) == 1
    finally:
        release.set()
        thread.join()
    assert Family.objects.get(pk=family.pk).anonymised_at is None
    assert retention_apply()["families"] == 1
    assert Family.objects.get(pk=family.pk).anonymised_at is not None


def test_signed_copies_are_deleted_a_year_after_the_consent_is_withdrawn_or_replaced(almaly, django_capture_on_commit_callbacks):
    registrar = RegistrarFactory(centre=almaly)
    today = timezone.localdate()
    withdrawn = FamilyFactory(registrar=registrar)
    replaced = FamilyFactory(registrar=registrar)
    recent = FamilyFactory(registrar=registrar)
    in_force = FamilyFactory(registrar=registrar)
    scans = {}
    for family in (withdrawn, replaced, recent, in_force):
        consent = family.consents.get()
        consent.scan.save("signed.pdf", ContentFile(b"%PDF-1.4"))
        Consent.objects.filter(pk=consent.pk).update(given_on=today - dt.timedelta(days=800))
        scans[family.pk] = consent
    Consent.objects.filter(pk=scans[withdrawn.pk].pk).update(withdrawn_on=today - dt.timedelta(days=400))
    Consent.objects.filter(pk=scans[recent.pk].pk).update(withdrawn_on=today - dt.timedelta(days=100))
    newer = consent_record(actor=registrar, family=replaced, given_on=today, language="kk")
    Consent.objects.filter(pk=newer.pk).update(given_on=today - dt.timedelta(days=370))
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_apply()["scans"] == 2
    left = {c.family_id for c in Consent.objects.exclude(scan="")}
    assert left == {recent.pk, in_force.pk}
    assert not scans[withdrawn.pk].scan.storage.exists(scans[withdrawn.pk].scan.name)
    assert scans[recent.pk].scan.storage.exists(scans[recent.pk].scan.name)
