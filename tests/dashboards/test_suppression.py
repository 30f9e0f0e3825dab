"""Small numbers: pure rules, and a property that no total gives a concealed part back by subtraction."""

from hypothesis import given
from hypothesis import strategies as st

from dashboards.suppression import HIDDEN, SMALL, Cell, cell, comparable, table


def test_a_count_from_1_to_4_is_concealed_and_0_and_5_are_shown():
    assert [cell(value).value for value in (0, 1, 4, 5)] == [0, None, None, 5]
    assert cell(3).mark == SMALL


def test_amounts_of_money_are_never_concealed():
    assert cell(3, small_counts=False) == Cell(3)


def test_one_concealed_part_conceals_the_total_too():
    parts, total = table({"a": 3, "b": 40, "c": 12}, 55)
    assert parts["a"].concealed and not parts["b"].concealed
    assert total == Cell(None, HIDDEN)


def test_two_concealed_parts_leave_the_total_shown_as_it_gives_only_their_sum():
    parts, total = table({"a": 3, "b": 2, "c": 12}, 17)
    assert total == Cell(17)


def test_a_part_hidden_by_the_table_below_counts_as_concealed():
    parts, total = table({"a": 30, "b": 40}, 70, hidden=frozenset({"a"}))
    assert parts["a"] == Cell(None, HIDDEN)
    assert total.concealed


def test_a_change_is_given_only_between_two_shown_figures():
    assert comparable(Cell(10), Cell(7)) == 3
    assert comparable(Cell(10), Cell(None, SMALL)) is None


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8))
def test_no_concealed_part_can_be_worked_out_from_the_total_and_the_shown_parts(values):
    parts, total = table(dict(enumerate(values)), sum(values))
    concealed = [key for key, part in parts.items() if part.concealed]
    if len(concealed) == 1:
        assert total.concealed
    for key, part in parts.items():
        if part.concealed:
            assert values[key] > 0 or part.mark == HIDDEN
        else:
            assert part.value == values[key]
