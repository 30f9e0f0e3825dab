"""The grants' table for the officials' dashboards and monthly reports (``core.extensions.Ledger``),
declared by ``grants.apps``: the budget used per programme in the year of the month shown, for the
city (the programmes' budgets) or a district (its allocations)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.extensions import Ledger
from core.months import Month
from grants.selectors import budget_used

TENGE = pgettext_lazy("unit", "₸")


def budget_rows(district, month: Month) -> list[tuple[str, str, list]]:
    used = budget_used(month.first_day.year, district=district, approved_before=month.end, paid_by=month.last_day)
    return [
        (row.programme.code, row.label, [row.amount, row.approved, row.disbursed, row.remaining, row.share_used]) for row in used
    ]


LEDGERS = [
    Ledger(
        code="grants.budget",
        title=_("Budget used per programme"),
        note=_(
            "For each grant programme, the year's budget (for a district: its allocation), the amounts approved "
            "by the commission up to the end of the month and paid out in tranches up to then, what remains to "
            "approve, and the share of the budget approved. An application is withdrawn only before the decision, "
            "so an amount approved stays counted. Amounts of money are shown in full, never as '<5'."
        ),
        columns=(
            (_("Budget"), TENGE),
            (_("Approved"), TENGE),
            (_("Paid out"), TENGE),
            (_("Remaining"), TENGE),
            (_("Used"), "%"),
        ),
        rows=budget_rows,
        order=60,
    ),
]
