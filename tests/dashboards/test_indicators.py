"""Each registry indicator against a count made independently in the test (Python over the records
it created, never the indicator's query), per centre and month, in Almaty months."""

import datetime as dt

import pytest

from core.extensions import indicators
from families.models import CategoryChange
from tests.dashboards.conftest import NOVEMBER, OCTOBER, almaty
from tests.dashboards.counting import expected, figures
from tests.families.factories import AppealFactory, FamilyFactory, ReferralFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_every_registry_indicator_is_declared_once_with_its_labels_note_and_sources():
    codes = [indicator.code for indicator in indicators()]
    assert len(codes) == len(set(codes))
    registry = [indicator for indicator in indicators() if indicator.code.startswith("families.")]
    assert {i.code for i in registry} >= {
        "families.large",
        "families.low_income",
        "families.single_parent",
        "families.disabled_child",
        "families.new",
        "families.visits",
        "families.appeals_opened",
        "families.appeals_resolved",
        "families.appeals_referred",
        "families.referrals_overdue",
    }
    assert all(str(i.label) and str(i.note) and str(i.unit) and i.sources for i in registry)


def test_new_families_are_counted_per_centre_in_the_month_they_were_registered(almaly_registrar, bostandyk_registrar):
    moments = [almaty(OCTOBER, 3), almaty(OCTOBER, 31, 23, 30), almaty(NOVEMBER, 1, 0, 30), almaty(NOVEMBER, 20)]
    families = [FamilyFactory(registrar=r, created_at=m) for m in moments for r in (almaly_registrar, bostandyk_registrar)]
    families += [FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 15))]
    for month in (OCTOBER, NOVEMBER):
        assert figures("families.new", month) == expected(families, month, lambda f: f.created_at, lambda f: f.centre)
    assert figures("families.new", OCTOBER)[almaly_registrar.centre_id] == 3


def test_a_visit_at_23_30_on_the_31st_in_almaty_counts_in_that_month_though_it_is_18_30_utc(almaly_registrar):
    family = FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1))
    late = VisitFactory(family=family, arrived_at=almaty(OCTOBER, 31, 23, 30))
    early = VisitFactory(family=family, arrived_at=almaty(NOVEMBER, 1, 0, 30))
    assert late.arrived_at.astimezone(dt.UTC).hour == 18
    assert early.arrived_at.astimezone(dt.UTC).day == 31  # still October in UTC
    assert figures("families.visits", OCTOBER) == {almaly_registrar.centre_id: 1}
    assert figures("families.visits", NOVEMBER) == {almaly_registrar.centre_id: 1}


def test_visits_count_at_the_centre_she_came_to_whatever_her_district(almaly_registrar, bostandyk_registrar):
    family = FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1))
    visits = [VisitFactory(family=family, arrived_at=almaty(OCTOBER, day)) for day in (2, 3, 4)]
    visits += [
        VisitFactory(
            family=family, centre=bostandyk_registrar.centre, checked_in_by=bostandyk_registrar, arrived_at=almaty(OCTOBER, 9)
        )
    ]
    assert figures("families.visits", OCTOBER) == expected(visits, OCTOBER, lambda v: v.arrived_at, lambda v: v.centre)
    assert figures("families.visits", OCTOBER)[bostandyk_registrar.centre_id] == 1


def test_appeals_opened_resolved_and_referred_in_the_month(almaly_registrar):
    family = FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1))
    opened = [AppealFactory(family=family, opened_at=almaty(OCTOBER, day)) for day in (5, 6, 7)]
    resolved = AppealFactory(family=family, opened_at=almaty(OCTOBER, 8), status="resolved", closed_at=almaty(NOVEMBER, 2))
    AppealFactory(family=family, opened_at=almaty(OCTOBER, 9), status="declined", closed_at=almaty(NOVEMBER, 3))
    twice = ReferralFactory(appeal__family=family, appeal__opened_at=almaty(OCTOBER, 10), sent_at=almaty(NOVEMBER, 4))
    ReferralFactory(appeal=twice.appeal, sent_at=almaty(NOVEMBER, 5))
    ReferralFactory(appeal__family=family, appeal__opened_at=almaty(OCTOBER, 11), sent_at=almaty(OCTOBER, 12))
    centre = almaly_registrar.centre_id
    all_opened = [*opened, resolved, twice.appeal]
    assert figures("families.appeals_opened", OCTOBER)[centre] == len([a for a in all_opened if a.opened_at < OCTOBER.end]) + 2
    assert figures("families.appeals_resolved", NOVEMBER) == {centre: 1}  # not the declined one
    assert figures("families.appeals_resolved", OCTOBER) == {}
    assert figures("families.appeals_referred", NOVEMBER) == {centre: 1}  # referred twice, counted once
    assert figures("families.appeals_referred", OCTOBER) == {centre: 1}


def test_overdue_referrals_are_those_unanswered_past_their_due_date_at_the_month_s_end(almaly_registrar):
    family = FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1))
    sent = almaty(OCTOBER, 2)
    overdue = ReferralFactory(appeal__family=family, sent_at=sent, due_on=dt.date(2026, 10, 20))
    answered_late = ReferralFactory(appeal__family=family, sent_at=sent, due_on=dt.date(2026, 10, 25))
    answered_late.outcome, answered_late.outcome_on, answered_late.outcome_recorded_by = (
        "Шешілді",
        dt.date(2026, 11, 5),
        almaly_registrar,
    )
    answered_late.save()
    answered = ReferralFactory(appeal__family=family, sent_at=sent, due_on=dt.date(2026, 10, 21))
    answered.outcome, answered.outcome_on, answered.outcome_recorded_by = "Шешілді", dt.date(2026, 10, 30), almaly_registrar
    answered.save()
    ReferralFactory(
        appeal__family=family, sent_at=sent, due_on=dt.date(2026, 10, 31)
    )  # due on the last day: overdue on 1 November
    ReferralFactory(appeal__family=family, sent_at=sent, due_on=dt.date(2026, 11, 1))
    records = [overdue, answered_late, answered]
    assert overdue.outcome_on is None and len(records) == 3
    # At the end of October: the one never answered, the one answered in November, the one due on the 31st.
    assert figures("families.referrals_overdue", OCTOBER) == {almaly_registrar.centre_id: 3}


def test_families_by_category_are_counted_as_they_stood_at_the_month_s_end(almaly_registrar):
    large_since_ever = [FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1), is_large=True) for _ in range(3)]
    became_large = FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1), is_large=True)
    CategoryChange.objects.create(
        family=became_large, category="large", gained=True, on=dt.date(2026, 11, 10), at=almaty(NOVEMBER, 10)
    )
    stopped = FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1), is_large=False)
    CategoryChange.objects.create(
        family=stopped, category="large", gained=False, on=dt.date(2026, 11, 12), at=almaty(NOVEMBER, 12)
    )
    # Two changes since October: the first tells how she stood then, whatever she holds now.
    lost_then_regained = FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1), is_large=True)
    gained_then_lost = FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1), is_large=False)
    for family, first in ((lost_then_regained, False), (gained_then_lost, True)):
        for day, gained in ((3, first), (20, not first)):
            CategoryChange.objects.create(
                family=family, category="large", gained=gained, on=dt.date(2026, 11, day), at=almaty(NOVEMBER, day)
            )
    # A change of another category says nothing of this one.
    CategoryChange.objects.create(
        family=large_since_ever[0], category="low_income", gained=True, on=dt.date(2026, 11, 5), at=almaty(NOVEMBER, 5)
    )
    FamilyFactory(registrar=almaly_registrar, created_at=almaty(NOVEMBER, 2), is_large=True)  # registered after October
    FamilyFactory(registrar=almaly_registrar, created_at=almaty(OCTOBER, 1), is_low_income=True, has_disabled_child=True)
    # Independently: large at the end of October = large since ever + the one that stopped in November
    # + the one that lost it and got it back; at the end of November (no change since: as they stand now)
    # the one that became large, the one registered in November and the one that got it back.
    assert figures("families.large", OCTOBER) == {almaly_registrar.centre_id: len(large_since_ever) + 2}
    assert figures("families.large", NOVEMBER) == {almaly_registrar.centre_id: len(large_since_ever) + 3}
    assert figures("families.low_income", OCTOBER) == {almaly_registrar.centre_id: 1}
    assert figures("families.disabled_child", OCTOBER) == {almaly_registrar.centre_id: 1}
    assert figures("families.single_parent", OCTOBER) == {}
