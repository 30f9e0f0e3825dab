"""The last money: two grant officers approve two applications at the same moment, over real HTTP to a
live server on PostgreSQL, when the district's allocation holds enough for one. The budget's and the
allocation's rows are locked while each approval checks what remains, so exactly one is approved and the
other answered with the friendly refusal. The control run, with the lock replaced by a plain read and the
database's checks on the counters dropped, approves both: the test does see the race."""

from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection

from grants.models import Allocation, Application, Budget
from grants.services import money
from tests.courses.live import PooledLiveServer
from tests.factories import CentreFactory, DistrictFactory, GrantOfficerFactory
from tests.families.desks import Desk, at_once
from tests.grants.factories import brought_to, eligible_family, open_round

pytestmark = [pytest.mark.django_db(transaction=True)]
AMOUNT = Decimal(400_000)


@pytest.fixture
def server(reference_data):
    live = PooledLiveServer()
    yield live
    live.stop()


def two_officers_at_the_last_money(server):
    centre = CentreFactory(district=DistrictFactory(code="almaly"))
    round_ = open_round(districts=[centre.district], allocation=AMOUNT)
    applications = [brought_to("scored", round_, eligible_family(registrar__centre=centre)) for _ in range(2)]
    calls = []
    for application in applications:
        desk = Desk(server, GrantOfficerFactory(centre=centre))
        path = f"/ru/grants/{application.pk}/approve/"
        hidden = desk.form(path)
        calls.append(lambda desk=desk, path=path, hidden=hidden: desk.open(path, {**hidden, "amount": str(AMOUNT)}))
    return round_, calls


def approved(round_) -> int:
    return Application.objects.filter(round=round_, approved_amount__isnull=False).count()


def test_two_officers_approving_the_last_money_at_once_approve_exactly_one(server):
    round_, calls = two_officers_at_the_last_money(server)

    results = at_once(calls)

    assert sorted(status for status, _ in results) == [302, 400]
    refused = next(body for status, body in results if status == 400)
    assert "is-invalid" in refused  # the refusal shown on the amount, with what remains
    assert approved(round_) == 1
    allocation = Allocation.objects.get(budget=round_.budget)
    assert allocation.approved == AMOUNT == Budget.objects.get(pk=round_.budget_id).approved


def test_without_the_lock_and_the_counters_checks_both_are_approved_and_the_allocation_overspent(server):
    round_, calls = two_officers_at_the_last_money(server)

    def unlocked(application):
        return (
            Budget.objects.get(pk=application.budget_id),
            Allocation.objects.filter(budget_id=application.budget_id, district_id=application.district_id).first(),
        )

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE grants_allocation DROP CONSTRAINT grants_allocation_within_amount")
        cursor.execute("ALTER TABLE grants_budget DROP CONSTRAINT grants_budget_within_amount")
    try:
        with mock.patch.object(money, "locked_envelope", unlocked):
            results = at_once(calls, meeting_after=(money, "locked_envelope"))
        assert [status for status, _ in results] == [302, 302]
        assert approved(round_) == 2
        assert Allocation.objects.get(budget=round_.budget).approved == 2 * AMOUNT
    finally:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE grants_application CASCADE")
            cursor.execute("UPDATE grants_allocation SET approved = 0")
            cursor.execute("UPDATE grants_budget SET approved = 0")
            cursor.execute(
                "ALTER TABLE grants_allocation ADD CONSTRAINT grants_allocation_within_amount CHECK (approved <= amount)"
            )
            cursor.execute("ALTER TABLE grants_budget ADD CONSTRAINT grants_budget_within_amount CHECK (approved <= amount)")
