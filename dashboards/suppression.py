"""Small numbers are never shown to officials: a pure module, no database.

A count of families or of what they did that is between 1 and 4 could point at a family ("the two
single-parent families of the centre with a disabled child"), so it shows as "<5" (``SMALL``): on the
pages, in the exports and in the reports. Zero is shown: it points at nobody.

Hiding a cell is not enough where a total is shown beside its parts: the total minus the other parts
would give it back. So when exactly one part of a total is concealed, the total is concealed too
(``HIDDEN``, shown "×", with a note saying why), rather than another part: the parts are the districts'
(or the centres') own totals, shown on their own pages, and hiding one of them here would not hide it
there. With two or more parts concealed the total stands: it gives their sum, not either of them. A
total concealed this way conceals its own cell in the table above it (a district's total is a part of
the city's), and the rule is applied there again.

Values that are not counts of people (amounts of money) are never concealed.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

THRESHOLD = 5
SMALL = "small"
HIDDEN = "hidden"
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Cell:
    """A figure as it may be shown: ``value`` is None when it is concealed, and ``mark`` says why."""

    value: int | None
    mark: str = ""

    @property
    def concealed(self) -> bool:
        return self.value is None

    def as_json(self) -> list:
        return [self.value, self.mark]

    @classmethod
    def from_json(cls, data: list) -> Cell:
        return cls(data[0], data[1])


def cell(value: int, *, small_counts: bool = True, hidden: bool = False) -> Cell:
    """One figure on its own (no total beside it): concealed when small, or when ``hidden`` by a table
    below it (a district total that conceals one of its centres)."""
    if small_counts and 0 < value < THRESHOLD:
        return Cell(None, SMALL)
    if hidden:
        return Cell(None, HIDDEN)
    return Cell(value)


def table(
    parts: Mapping[Key, int], total: int, *, small_counts: bool = True, hidden: frozenset = frozenset()
) -> tuple[dict[Key, Cell], Cell]:
    """The parts and their total as they may be shown. ``hidden`` names parts already concealed by the
    table below them."""
    shown = {key: cell(value, small_counts=small_counts, hidden=key in hidden) for key, value in parts.items()}
    concealed = sum(1 for part in shown.values() if part.concealed)
    return shown, cell(total, small_counts=small_counts, hidden=concealed == 1)


def comparable(first: Cell, second: Cell) -> int | None:
    """The change from ``second`` to ``first``, only when both are shown (a change from a concealed
    figure would give it back)."""
    if first.concealed or second.concealed:
        return None
    assert first.value is not None and second.value is not None
    return first.value - second.value
