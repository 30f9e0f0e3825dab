import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone, translation

from audit.models import AccessEvent, AuditEvent
from core.errors import DomainError
from families.models import Agency, Appeal, CategoryChange, CentreGuest, Child, Consent, Family, Person, Visit, VisitPurpose
from families.services import (
    ConsentData,
    PersonData,
    appeal_move,
    appeal_open,
    consent_record,
    consent_withdraw,
    family_open_to_centre,
    family_update,
    referral_create,
    referral_record_outcome,
    visit_check_in,
    visit_mark_served,
)
from tests.factories import RegistrarFactory
from tests.families.factories import AppealFactory, ChildFactory, FamilyFactory, PersonFactory, years_ago
from tests.families.registration import child_data, details, existing_child, mother_data, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_registering_saves_the_mother_her_children_and_her_consent_at_the_registrars_centre(registrar):
    family = register(registrar)

    assert family.centre == registrar.centre and family.district == registrar.centre.district
    assert family.children.count() == 4
    consent = family.consents.get()
    assert (consent.recorded_by, consent.given_on, consent.withdrawn_on) == (registrar, dt.date(2026, 11, 1), None)
    assert family.is_large and not family.is_single_parent


def test_registering_leaves_an_audit_row_and_an_access_log_row_without_personal_data(registrar):
    mother = mother_data()
    family = register(registrar, mother=mother)

    audit = AuditEvent.objects.get(action="family.register")
    assert (audit.actor, audit.target_id) == (registrar, str(family.pk))
    access = AccessEvent.objects.get(action="change", what="family.register")
    assert access.target_id == str(family.pk)
    logged = str(list(AuditEvent.objects.values())) + str(list(AccessEvent.objects.values()))
    assert mother.iin not in logged and mother.last_name not in logged


def test_without_consent_nothing_is_saved(registrar):
    with pytest.raises(DomainError) as error:
        register(registrar, consent=ConsentData(given=False, given_on=dt.date(2026, 11, 1), language="kk"))
    assert error.value.field == ("consent", "given")
    assert not Person.objects.exists() and not Family.objects.exists()


def test_an_iin_already_registered_is_refused_with_a_link_to_the_record(registrar):
    existing = FamilyFactory(registrar=registrar)
    with pytest.raises(DomainError) as error:
        register(registrar, mother=mother_data(iin=existing.mother.iin))
    assert error.value.field == ("mother", "iin")
    assert error.value.link == f"/en/families/{existing.pk}/"
    assert Family.objects.count() == 1


def test_a_spouse_already_registered_is_refused_with_a_link_to_his_family(registrar):
    husband = PersonFactory(sex="m")
    existing = FamilyFactory(registrar=registrar, spouse=husband)
    with pytest.raises(DomainError) as error:
        register(
            registrar,
            spouse=PersonData(
                iin=husband.iin, last_name="Серіков", first_name="Марат", middle_name="", birth_date=husband.birth_date, sex="m"
            ),
        )
    assert (error.value.field, error.value.link) == (("spouse", "iin"), f"/en/families/{existing.pk}/")


def test_a_child_cannot_be_in_two_families(registrar):
    child = ChildFactory(family=FamilyFactory(registrar=registrar))
    second = child_data(5, iin=child.person.iin, birth_date=child.person.birth_date)
    with pytest.raises(DomainError) as error:
        register(registrar, children=[child_data(3), second])
    assert error.value.field == ("children", 1, "iin")
    assert Child.objects.count() == 1


def test_a_child_born_before_the_mother_is_refused(registrar):
    mother = mother_data(birth_date=years_ago(30))
    with pytest.raises(DomainError) as error:
        register(registrar, mother=mother, children=[child_data(3), child_data(31)])
    assert error.value.field == ("children", 1, "birth_date")


def test_negative_income_is_refused(registrar):
    with pytest.raises(DomainError):
        register(registrar, family_details=details(monthly_income=Decimal("-1")))
    assert not Family.objects.exists()


def test_a_failure_on_the_third_child_leaves_no_part_of_the_family(registrar):
    real_create = Child.objects.create
    calls = {"n": 0}

    def failing_create(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the database went away")
        return real_create(**kwargs)

    with mock.patch.object(Child.objects, "create", side_effect=failing_create), pytest.raises(RuntimeError):
        register(registrar)
    assert (Person.objects.count(), Family.objects.count(), Child.objects.count(), Consent.objects.count()) == (0, 0, 0, 0)


def test_updating_a_family_recomputes_its_categories_and_records_the_change(registrar):
    family = register(registrar)
    children = [existing_child(c) for c in family.children.select_related("person")[:3]]

    family_update(
        actor=registrar,
        family=family,
        mother=mother_data(iin=family.mother.iin, birth_date=family.mother.birth_date),
        details=details(marital_status="divorced"),
        children=children,
        spouse=None,
    )

    family.refresh_from_db()
    assert not family.is_large and family.is_single_parent
    assert family.children.count() == 3
    changes = {(c.category, c.gained, c.by_id) for c in CategoryChange.objects.filter(family=family)}
    assert changes == {("large", False, registrar.pk), ("single_parent", True, registrar.pk)}
    audit = AuditEvent.objects.get(action="family.update")
    assert {"marital_status", "children.removed"} <= set(audit.changed_fields)


def test_visits_and_appeals_need_the_consent_in_force(registrar):
    family = FamilyFactory(registrar=registrar)
    consent_withdraw(actor=registrar, family=family, on=timezone.localdate())
    with pytest.raises(DomainError, match="withdrawn"):
        visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.all()[:1])
    with pytest.raises(DomainError, match="withdrawn"):
        appeal_open(actor=registrar, family=family, kind="housing", description="кезек")

    with pytest.raises(DomainError, match="withdrawn"):
        family_update(
            actor=registrar, family=family, mother=mother_data(iin=family.mother.iin), details=details(), children=[], spouse=None
        )

    consent_record(actor=registrar, family=family, given_on=timezone.localdate(), language="ru")
    assert visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.all()[:1]).status == "waiting"


def test_a_visit_is_served_once_with_who_and_when(registrar):
    family = FamilyFactory(registrar=registrar)
    visit = visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.filter(code="legal"))
    served = visit_mark_served(actor=registrar, visit=visit, what_was_done="Кеңес берілді")
    assert (served.status, served.served_by) == (Visit.Status.SERVED, registrar)
    with pytest.raises(DomainError):
        visit_mark_served(actor=registrar, visit=visit, what_was_done="again")


def test_an_appeal_moves_step_by_step_and_each_step_is_recorded(registrar):
    appeal = appeal_open(actor=registrar, family=FamilyFactory(registrar=registrar), kind="kindergarten", description="Балабақша")
    appeal_move(actor=registrar, appeal=appeal, to_status="in_progress")
    referral = referral_create(
        actor=registrar,
        appeal=appeal,
        agency=Agency.objects.first(),
        expected_outcome="Орын",
        due_on=timezone.localdate() + dt.timedelta(days=14),
    )
    referral_record_outcome(actor=registrar, referral=referral, outcome="Орын берілді", outcome_on=timezone.localdate())
    appeal_move(actor=registrar, appeal=appeal, to_status="resolved", comment="Балабақшаға орналасты")

    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.RESOLVED and appeal.closed_at is not None
    assert [(s.from_status, s.to_status) for s in appeal.steps.all()] == [
        ("", "open"),
        ("open", "in_progress"),
        ("in_progress", "referred"),
        ("referred", "resolved"),
    ]


def test_a_closed_appeal_cannot_move_and_resolving_needs_a_comment(registrar):
    appeal = AppealFactory(family=FamilyFactory(registrar=registrar))
    with pytest.raises(DomainError):
        appeal_move(actor=registrar, appeal=appeal, to_status="resolved")
    appeal_move(actor=registrar, appeal=appeal, to_status="declined", comment="Құжат жоқ")
    with pytest.raises(DomainError):
        appeal_move(actor=registrar, appeal=appeal, to_status="in_progress")
    assert Appeal.objects.get(pk=appeal.pk).status == "declined"


def test_a_referral_cannot_be_due_in_the_past(registrar):
    from families.models import Agency

    appeal = AppealFactory(family=FamilyFactory(registrar=registrar))
    with pytest.raises(DomainError) as error:
        referral_create(
            actor=registrar,
            appeal=appeal,
            agency=Agency.objects.first(),
            expected_outcome="x",
            due_on=timezone.localdate() - dt.timedelta(days=1),
        )
    assert error.value.field == "due_on"


def test_the_same_person_may_appear_once_only(registrar):
    mother = mother_data()
    with pytest.raises(DomainError) as error:
        register(registrar, mother=mother, children=[child_data(3, iin=mother.iin)])
    assert error.value.field == ("children", 0, "iin")
    assert not PersonFactory._meta.model.objects.exists()


def test_a_family_is_recorded_once_as_a_guest_of_each_other_districts_centre_it_comes_to(almaly, bostandyk):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    elsewhere, at_home = RegistrarFactory(centre=bostandyk), RegistrarFactory(centre=almaly)
    purposes = VisitPurpose.objects.filter(code="legal")
    first = visit_check_in(actor=elsewhere, family=family, purposes=purposes)
    visit_check_in(actor=elsewhere, family=family, purposes=purposes)
    visit_check_in(actor=at_home, family=family, purposes=purposes)  # her own district's centre sees her anyway

    guests = CentreGuest.objects.filter(family=family)
    assert list(guests.values_list("centre_id", "since")) == [(bostandyk.pk, first.arrived_at)]


def test_another_app_opens_a_family_to_its_centre_through_the_same_function(almaly, bostandyk):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    family_open_to_centre(family=family, centre=bostandyk)
    family_open_to_centre(family=family, centre=bostandyk)
    family_open_to_centre(family=family, centre=almaly)

    assert list(CentreGuest.objects.filter(family=family).values_list("centre_id", flat=True)) == [bostandyk.pk]
    assert Family.objects.visible_to(RegistrarFactory(centre=bostandyk)).get() == family
