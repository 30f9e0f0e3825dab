import datetime as dt
from decimal import Decimal

from django.utils import translation

from families.categories import ChildFacts, Thresholds, birthday, compute, reasons

LIMITS = Thresholds(poverty_line=Decimal("35596"), large_family_children=4, child_age_limit=18, student_age_limit=23)
TODAY = dt.date(2026, 11, 22)


def child(years: float, *, student=False, disabled=False, at_home=True, days=0) -> ChildFacts:
    born = birthday(TODAY, -int(years)) + dt.timedelta(days=days)
    return ChildFacts(born, disabled, student, at_home)


def categorise(children, *, married=True, income=Decimal("1000000")):
    return compute(children=children, married=married, monthly_income=income, limits=LIMITS, today=TODAY)


def test_four_children_under_18_make_a_large_family():
    assert categorise([child(2), child(5), child(9), child(17)]).is_large


def test_three_children_do_not():
    assert not categorise([child(2), child(5), child(9)]).is_large


def test_a_child_who_turned_18_today_no_longer_counts():
    assert not categorise([child(2), child(5), child(9), child(18)]).is_large


def test_a_child_a_day_before_18_still_counts():
    assert categorise([child(2), child(5), child(9), child(18, days=1)]).is_large


def test_a_student_under_23_counts():
    assert categorise([child(2), child(5), child(9), child(21, student=True)]).is_large


def test_a_student_of_23_does_not():
    assert not categorise([child(2), child(5), child(9), child(23, student=True)]).is_large


def test_a_child_who_lives_elsewhere_does_not_count():
    assert not categorise([child(2), child(5), child(9), child(10, at_home=False)]).is_large


def test_the_large_family_ends_when_the_fourth_youngest_qualifying_child_ages_out():
    # Five qualifying children: the family stays large until the second of them ages out.
    kids = [child(1), child(3), child(16, days=100), child(17, days=200), child(20, student=True, days=10)]
    result = categorise(kids)
    ends = sorted([birthday(k.birth_date, 23 if k.in_full_time_education else 18) for k in kids])
    assert result.large_until == ends[1]


def test_a_family_that_is_not_large_has_no_end_date():
    assert categorise([child(2)]).large_until is None


def test_income_per_person_below_the_poverty_line_is_low_income():
    # Mother, father and four children: 6 people; 210,000 / 6 = 35,000 < 35,596.
    assert categorise([child(2), child(5), child(9), child(12)], income=Decimal("210000")).is_low_income


def test_income_per_person_at_the_poverty_line_is_not_low_income():
    assert not categorise([child(2), child(5), child(9), child(12)], income=Decimal("213576")).is_low_income


def test_an_unmarried_mother_is_a_single_parent_and_her_household_is_smaller():
    result = categorise([child(2)], married=False, income=Decimal("70000"))
    assert result.is_single_parent
    assert result.household_size == 2
    assert result.income_per_person == Decimal("35000.00")


def test_a_disabled_child_is_noted():
    assert categorise([child(7, disabled=True)]).has_disabled_child


def test_a_leap_day_birthday_ends_on_the_first_of_march():
    assert birthday(dt.date(2008, 2, 29), 18) == dt.date(2026, 3, 1)


def test_the_reasons_say_why_in_the_users_language():
    result = categorise([child(2), child(5), child(9), child(20, student=True)], married=False, income=Decimal("50000"))
    with translation.override("ru"):
        why = reasons(result)
    assert why["large"] == "3 ребёнка до 18 лет и 1 студент до 23 лет"
    # The tenge sign is held to its amount by a non-breaking space.
    assert why["low_income"] == "10\xa0000\xa0₸ на человека, ниже черты бедности в 35\xa0596\xa0₸"
    assert set(why) == {"large", "low_income", "single_parent"}
