"""The grants' demo step: both programmes with budgets and rounds over two years, applications in every
status within the district allocations; run again, it adds nothing."""

import io

import pytest
from django.core.management import call_command

from grants import selectors
from grants.models import Allocation, Application, Budget, MonitoringVisit, Round, Status, Tranche

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Budget, Round, Application, Tranche, MonitoringVisit)]


def test_the_demo_seeds_two_years_of_grants_within_the_budgets_and_a_second_run_adds_nothing():
    call_command("seed_demo", families=400, skip=["dashboards"], stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", families=400, skip=["dashboards"], stdout=io.StringIO())

    assert counts() == first
    assert Round.objects.count() == 4
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {Status.UNDER_REVIEW, Status.APPROVED, Status.MONITORING, Status.OPERATING, Status.REJECTED} <= statuses
    for budget in Budget.objects.all():
        assert budget.approved == selectors.spent(budget) <= budget.amount
    assert all(a.approved <= a.amount for a in Allocation.objects.all())
    assert all(a.disbursed <= (a.approved_amount or 0) for a in Application.objects.all())
