"""The roll-ups: a change marks its months stale in its own transaction, the refresh recomputes those
and only those, and a refresh that dies leaves the figures as they were."""

import pytest
from django.db import transaction

from core.months import Month
from dashboards.models import Figure, RollupMonth, RollupState, StaleMonth
from dashboards.services import rollups, rollups_refresh, stale_mark
from tests.dashboards.conftest import NOVEMBER, OCTOBER, almaty
from tests.families.factories import FamilyFactory, VisitFactory

pytestmark = pytest.mark.django_db


def visits(month: Month) -> int:
    return sum(Figure.objects.filter(indicator="families.visits", month=month.first_day).values_list("value", flat=True))


@pytest.fixture
def family(almaly_registrar):
    return FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1))


def test_a_visit_recorded_today_for_last_month_recomputes_last_month(family):
    VisitFactory(family=family, arrived_at=almaty(NOVEMBER, 10))
    rollups_refresh(nightly=True, months=[OCTOBER, NOVEMBER])
    assert visits(NOVEMBER) == 1
    assert not StaleMonth.objects.filter(month=NOVEMBER.first_day).exists()

    VisitFactory(family=family, arrived_at=almaty(NOVEMBER, 28))  # a late entry

    assert StaleMonth.objects.filter(month=NOVEMBER.first_day).exists()
    assert NOVEMBER in rollups_refresh()
    assert visits(NOVEMBER) == 2


def test_a_refresh_recomputes_only_the_months_whose_records_changed(family):
    rollups_refresh(nightly=True, months=[OCTOBER, NOVEMBER])
    october_computed = RollupMonth.objects.get(month=OCTOBER.first_day).computed_at
    VisitFactory(family=family, arrived_at=almaty(NOVEMBER, 3))
    done = rollups_refresh()
    assert NOVEMBER in done and OCTOBER not in done
    assert RollupMonth.objects.get(month=OCTOBER.first_day).computed_at == october_computed


def test_a_change_rolled_back_marks_no_month(family):
    StaleMonth.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        VisitFactory(family=family, arrived_at=almaty(NOVEMBER, 3))
        raise RuntimeError
    assert not StaleMonth.objects.exists()


def test_a_month_marked_again_while_the_refresh_runs_stays_marked_for_the_next_one(family, monkeypatch):
    VisitFactory(family=family, arrived_at=almaty(NOVEMBER, 3))
    recompute = rollups._recompute

    def and_meanwhile(month):
        stale_mark([NOVEMBER])  # another visit saved while the refresh counts
        return recompute(month)

    monkeypatch.setattr(rollups, "_recompute", and_meanwhile)
    rollups_refresh()
    assert StaleMonth.objects.filter(month=NOVEMBER.first_day).exists()


def test_a_refresh_that_dies_halfway_leaves_the_figures_and_the_marks_as_they_were(family, monkeypatch):
    VisitFactory(family=family, arrived_at=almaty(NOVEMBER, 3))
    rollups_refresh()
    VisitFactory(family=family, arrived_at=almaty(NOVEMBER, 4))
    monkeypatch.setattr(rollups, "_recompute", lambda month: (_ for _ in ()).throw(SystemExit("worker killed")))
    with pytest.raises(SystemExit):
        rollups_refresh()
    assert visits(NOVEMBER) == 1
    assert StaleMonth.objects.filter(month=NOVEMBER.first_day).exists()


def test_the_refresh_says_when_its_figures_are_as_of(family):
    rollups_refresh()
    assert RollupState.objects.get(pk=1).as_of is not None


def test_a_family_registered_long_ago_and_deleted_makes_every_month_since_stale(family):
    StaleMonth.objects.all().delete()
    family.delete()
    marked = {Month.of(month) for month in StaleMonth.objects.values_list("month", flat=True)}
    assert marked == set(OCTOBER.until(Month.current()))
