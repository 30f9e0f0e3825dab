"""Every step of the application's state machine, tried by every role: the roles of the table make it,
every other role is refused and nothing changes; and a step from the wrong status (approving a draft)
is refused whoever asks."""

from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import DomainError
from core.roles import Role, Specialty
from grants import services
from grants.models import Status
from grants.workflow import MOVES, move_problem, moves_from
from tests import factories
from tests.grants.factories import brought_to, eligible_family, reviewer_with_iin

pytestmark = pytest.mark.django_db

SOURCE = {
    "submit": Status.DRAFT,
    "check": Status.SUBMITTED,
    "confirm_eligible": Status.ELIGIBILITY,
    "ineligible": Status.ELIGIBILITY,
    "approve": "scored",
    "reject": "scored",
    "reserve": "scored",
    "sign": Status.APPROVED,
    "pay": Status.AGREEMENT,
    "monitor": Status.DISBURSED,
    "close_operating": Status.MONITORING,
    "close_closed": Status.MONITORING,
    "withdraw": Status.SUBMITTED,
}


def actor_of(role: str, family):
    centre = family.centre
    return {
        Role.MOTHER: lambda: family.mother_account,
        Role.REGISTRAR: lambda: factories.RegistrarFactory(centre=centre),
        Role.SPECIALIST: lambda: factories.SpecialistFactory(centre=centre, specialty=Specialty.LAWYER),
        Role.CENTRE_HEAD: lambda: factories.CentreHeadFactory(centre=centre),
        Role.GRANT_OFFICER: lambda: factories.GrantOfficerFactory(centre=centre),
        Role.GRANT_REVIEWER: reviewer_with_iin,
        Role.COMMISSION_MEMBER: factories.CommissionMemberFactory,
        Role.DISTRICT_OFFICIAL: lambda: factories.DistrictOfficialFactory(district=family.district),
        Role.CITY_OFFICIAL: factories.CityOfficialFactory,
        Role.ADMINISTRATOR: factories.AdministratorFactory,
    }[role]()


def make(name: str, actor, application):
    if name == "submit":
        return services.application_submit(actor=actor, application=application)
    if name == "check":
        return services.application_check(actor=actor, application=application)
    if name == "approve":
        return services.application_approve(actor=actor, application=application, amount=Decimal(400_000))
    if name in ("pay", "monitor"):
        left = (application.approved_amount or Decimal(400_000)) - application.disbursed
        amount = left / 2 if name == "pay" else left
        return services.tranche_record(actor=actor, application=application, amount=amount, paid_on=timezone.localdate())
    return services.application_move(actor=actor, application=application, name=name, comment="Себебі")


def in_source(name: str, round_, almaly):
    family = eligible_family(registrar__centre=almaly, mother_account=factories.MotherUserFactory())
    application = brought_to(SOURCE[name], round_, family)
    if name == "submit":
        services.document_add(actor=application.created_by, application=application, kind="plan", file=_plan())
    return application


def _plan():
    from tests.grants.factories import plan_pdf

    return plan_pdf()


def test_the_table_names_every_step_once_with_roles_and_a_source():
    assert set(MOVES) == set(SOURCE)
    assert all(move.roles and move.sources for move in MOVES.values())


@pytest.mark.parametrize("name", sorted(SOURCE))
def test_only_the_roles_of_the_table_make_the_step_and_every_other_role_is_refused(name, round_, almaly):
    move = MOVES[name]
    application = in_source(name, round_, almaly)
    before = application.status
    for role in sorted(set(Role) - move.roles):
        with pytest.raises(DomainError):
            make(name, actor_of(role, application.family), application)
        application.refresh_from_db()
        assert application.status == before, role
    for index, role in enumerate(sorted(move.roles)):
        if index:
            application = in_source(name, round_, almaly)
        make(name, actor_of(role, application.family), application)
        application.refresh_from_db()
        assert application.status in (move.target, Status.MONITORING), role  # paying in full moves on to monitoring
        assert application.transitions.filter(name=name, actor__role=role).exists()


def test_approving_a_draft_is_refused_whoever_asks(round_):
    application = brought_to(Status.DRAFT, round_)
    assert move_problem("approve", status=Status.DRAFT, role=Role.GRANT_OFFICER)
    with pytest.raises(DomainError):
        services.application_approve(
            actor=factories.GrantOfficerFactory(centre=application.family.centre), application=application, amount=Decimal(1)
        )
    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (Status.DRAFT, None)


def test_a_refusal_needs_its_reason(round_):
    application = brought_to(Status.ELIGIBILITY, round_)
    with pytest.raises(DomainError) as refusal:
        services.application_move(
            actor=factories.GrantOfficerFactory(centre=application.family.centre), application=application, name="ineligible"
        )
    assert refusal.value.field == "comment"


def test_the_steps_offered_from_a_status_are_those_of_the_role():
    assert [m.name for m in moves_from(Status.UNDER_REVIEW, Role.COMMISSION_MEMBER)] == ["approve", "reject", "reserve"]
    assert [m.name for m in moves_from(Status.UNDER_REVIEW, Role.MOTHER)] == ["withdraw"]
    assert moves_from(Status.APPROVED, Role.GRANT_REVIEWER) == []
