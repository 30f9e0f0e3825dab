"""Amounts of money the way the portal shows them: «35 596 ₸».

The digits are grouped the active language's way, and a non-breaking space joins the amount to the
tenge sign, so that the sign never starts a line on its own.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

NBSP = "\u00a0"


def tenge(amount, decimals: int = 0) -> str:
    """``Decimal("35596.40")`` → "35 596 ₸" (in Kazakh and Russian); "" for no amount."""
    if amount is None or amount == "":
        return ""
    value = Decimal(amount).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{number_format(value, decimals, force_grouping=True)}{NBSP}₸"
