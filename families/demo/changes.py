"""How a demo family's categories came to be what they are today: the changes the daily check found
since she was registered (a child grew up, the poverty line moved on 1 January) and those a member of
staff caused by updating her household's income, as ``CategoryChange`` rows.

The family's stored categories are today's; the history is worked back from her facts with the same
pure function (``families.categories.compute``) on each day something could have changed, so that its
last change of every category leads to what she holds now.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from types import SimpleNamespace

from core.timeline import midnight
from families.categories import Categories, Category, ChildFacts, compute, counts_until
from families.demo.clock import Clock
from families.demo.reference import Reference
from families.demo.weights import RECENT_CHANGE_DAYS, RECENT_CHANGES

Row = SimpleNamespace
# The daily check runs at a quarter past midnight (families.apps' schedule).
DAILY_CHECK = dt.timedelta(minutes=15)


class Changes:
    def __init__(self, rng: random.Random, clock: Clock, reference: Reference, *, registry_size: int) -> None:
        self.rng = rng
        self.clock = clock
        self.reference = reference
        # About RECENT_CHANGES recent income updates a centre, whatever the size of the registry.
        self.update_chance = {
            pk: min(1.0, RECENT_CHANGES / max(1.0, registry_size * share)) for pk, share in reference.centre_share.items()
        }

    def family(self, chunk, family: Row, children: list[ChildFacts], *, married: bool, income: Decimal) -> None:
        """The changes of one family up to today (her ``income`` is today's)."""
        registered, today = family.created_at.date(), self.clock.today
        update = self._income_update(family, children, married=married, income=income)
        days = {end for child in children if (end := counts_until(child, self.reference.limits)) and registered < end <= today}
        days |= {valid_from for valid_from, _limits in self.reference.thresholds if registered < valid_from <= today}
        if update is not None:
            days.add(update.on)
        before = self._categories(children, married, self._income_on(registered, income, update), registered)
        for day in sorted(days):
            after = self._categories(children, married, self._income_on(day, income, update), day)
            staff = update if update is not None and day == update.on else None
            for category in Category:
                if getattr(before, category.flag) != getattr(after, category.flag):
                    chunk.category_changes.add(
                        family_id=family.pk,
                        category=category.value,
                        gained=getattr(after, category.flag),
                        on=day,
                        at=staff.at if staff else midnight(day) + DAILY_CHECK,
                        by_id=staff.by_id if staff else None,
                    )
            before = after

    def _income_update(self, family: Row, children: list[ChildFacts], *, married: bool, income: Decimal) -> Row | None:
        """Now and then, her income was on the other side of the poverty line until staff updated it
        lately (the low-income category came or went that day); None when it was not."""
        if self.rng.random() >= self.update_chance[family.centre_id]:
            return None
        first = max(family.created_at.date() + dt.timedelta(days=1), self.clock.today - dt.timedelta(days=RECENT_CHANGE_DAYS))
        if first > self.clock.last_day:
            return None
        day = self.clock.day(first, self.clock.last_day)
        now = self._categories(children, married, income, day)
        # A new job (she was under the poverty line until then) or a lost one (she was above it).
        line = self.reference.limits_on(day).poverty_line * now.household_size
        previous = round(line * Decimal("1.3" if now.is_low_income else "0.7") / 1000) * Decimal(1000)
        if self._categories(children, married, previous, day).is_low_income == now.is_low_income:
            return None
        by = self.rng.choice(self.reference.desk(family.centre_id))
        return Row(on=day, at=self.clock.at_work(day), by_id=by.pk, previous=previous)

    def _categories(self, children: list[ChildFacts], married: bool, income: Decimal, day: dt.date) -> Categories:
        return compute(children=children, married=married, monthly_income=income, limits=self.reference.limits_on(day), today=day)

    @staticmethod
    def _income_on(day: dt.date, income: Decimal, update: Row | None) -> Decimal:
        return update.previous if update is not None and day < update.on else income
