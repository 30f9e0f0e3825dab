"""The budget used per programme (the grants' ledger on the officials' dashboards) against the amounts
added up independently in the test, in Almaty months."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from core.extensions import contributions
from core.months import Month
from grants import workflow
from grants.models import APPROVED_STATUSES, Application, Budget, Status, Tranche
from tests.grants.factories import brought_to, eligible_family

pytestmark = pytest.mark.django_db


def rows(district, month: Month) -> dict[str, list]:
    ledger = next(ledger for ledger in contributions("ledgers") if ledger.code == "grants.budget")
    return {key: values for key, _label, values in ledger.rows(district, month)}


def test_the_city_s_row_is_the_budget_with_what_was_approved_paid_and_remains(round_, almaly):
    brought_to(Status.MONITORING, round_, eligible_family(registrar__centre=almaly))
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    approved = sum(a.approved_amount for a in Application.objects.filter(approved_amount__isnull=False))
    paid = sum(t.amount for t in Tranche.objects.all())
    budget = Budget.objects.get()

    amount, shown_approved, shown_paid, remaining, used = rows(None, Month.current())[round_.programme.code]

    assert (amount, shown_approved, shown_paid) == (budget.amount, approved, paid) == (10_000_000, 800_000, 400_000)
    assert shown_approved == budget.approved  # the trigger's own sum says the same
    assert (remaining, used) == (Decimal(9_200_000), 8.0)


def test_a_district_s_row_is_its_allocation_and_another_district_has_none(round_, almaly, bostandyk):
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    mine = rows(almaly.district, Month.current())[round_.programme.code]
    other = rows(bostandyk.district, Month.current())[round_.programme.code]
    assert mine == [5_000_000, 400_000, 0, 4_600_000, 8.0]
    assert other == [0, 0, 0, 0, None]


def test_an_approval_at_23_30_on_the_month_s_last_day_in_almaty_counts_in_that_month(round_, almaly):
    application = brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    zone = timezone.get_default_timezone()
    march = Month(timezone.localdate().year, 3)
    late = dt.datetime(march.year, 3, 31, 23, 30, tzinfo=zone)
    Application.objects.filter(pk=application.pk).update(decided_at=late)
    assert rows(None, march)[round_.programme.code][1] == 400_000
    # 00:30 on 1 April here, still 31 March in UTC.
    Application.objects.filter(pk=application.pk).update(decided_at=late + dt.timedelta(hours=1))
    assert rows(None, march)[round_.programme.code][1] == 0
    assert rows(None, march.shifted(1))[round_.programme.code][1] == 400_000


def test_an_approved_application_cannot_be_withdrawn_so_a_past_month_keeps_its_approved_amount():
    # budget_used counts the applications whose status is still an approved one: sound only while
    # no step leads from an approved status out of them.
    leaving = [
        move.name
        for move in workflow.MOVES.values()
        if set(move.sources) & set(APPROVED_STATUSES) and move.target not in APPROVED_STATUSES
    ]
    assert leaving == []
