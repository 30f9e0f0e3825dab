"""The application's life as an explicit state machine: each transition, the statuses it leaves from,
the one it leads to, and the roles that may make it. ``grants.services.workflow.application_move`` is
the one service that moves a status; nothing else writes it. A pure module: no database."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.roles import Role
from grants.models.applications import Status

OFFICER = frozenset({Role.GRANT_OFFICER})
DECIDERS = frozenset({Role.GRANT_OFFICER, Role.COMMISSION_MEMBER})
APPLICANTS = frozenset({Role.MOTHER, Role.REGISTRAR, Role.GRANT_OFFICER})
LIVE = (Status.DRAFT, Status.SUBMITTED, Status.ELIGIBILITY, Status.UNDER_REVIEW, Status.RESERVE)
# A submitted application's text is changed by an amendment (a new version), by her or the officer, until
# the decision; a draft is edited as it is.
AMENDERS = frozenset({Role.MOTHER, Role.GRANT_OFFICER})
AMENDABLE = (Status.SUBMITTED, Status.ELIGIBILITY, Status.UNDER_REVIEW, Status.RESERVE)


@dataclass(frozen=True)
class Move:
    name: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    label: Promise
    # The transition needs a comment (a reason for a refusal).
    needs_comment: bool = False


MOVES = {
    move.name: move
    for move in (
        Move("submit", (Status.DRAFT,), Status.SUBMITTED, APPLICANTS, pgettext_lazy("grant transition", "Submit")),
        Move("check", (Status.SUBMITTED,), Status.ELIGIBILITY, OFFICER, pgettext_lazy("grant transition", "Check eligibility")),
        Move(
            "confirm_eligible",
            (Status.ELIGIBILITY,),
            Status.UNDER_REVIEW,
            OFFICER,
            pgettext_lazy("grant transition", "Confirm eligibility"),
        ),
        Move(
            "ineligible",
            (Status.ELIGIBILITY,),
            Status.INELIGIBLE,
            OFFICER,
            pgettext_lazy("grant transition", "Not eligible"),
            needs_comment=True,
        ),
        Move(
            "approve",
            (Status.UNDER_REVIEW, Status.RESERVE),
            Status.APPROVED,
            DECIDERS,
            pgettext_lazy("grant transition", "Approve"),
        ),
        Move(
            "reject",
            (Status.UNDER_REVIEW, Status.RESERVE),
            Status.REJECTED,
            DECIDERS,
            pgettext_lazy("grant transition", "Reject"),
            needs_comment=True,
        ),
        Move(
            "reserve",
            (Status.UNDER_REVIEW,),
            Status.RESERVE,
            DECIDERS,
            pgettext_lazy("grant transition", "Put on the reserve list"),
        ),
        Move("sign", (Status.APPROVED,), Status.AGREEMENT, OFFICER, pgettext_lazy("grant transition", "Agreement signed")),
        Move("pay", (Status.AGREEMENT,), Status.DISBURSED, OFFICER, pgettext_lazy("grant transition", "First tranche paid")),
        Move("monitor", (Status.DISBURSED,), Status.MONITORING, OFFICER, pgettext_lazy("grant transition", "Paid in full")),
        Move(
            "close_operating",
            (Status.MONITORING,),
            Status.OPERATING,
            OFFICER,
            pgettext_lazy("grant transition", "Close: operating"),
        ),
        Move(
            "close_closed",
            (Status.MONITORING,),
            Status.BUSINESS_CLOSED,
            OFFICER,
            pgettext_lazy("grant transition", "Close: business closed"),
            needs_comment=True,
        ),
        Move(
            "withdraw",
            LIVE,
            Status.WITHDRAWN,
            frozenset({Role.MOTHER, Role.GRANT_OFFICER}),
            pgettext_lazy("grant transition", "Withdraw"),
        ),
    )
}
# Made by their own services (the decision with its amount, the tranches), not by the generic form.
OWN_SERVICE = frozenset({"submit", "check", "approve", "pay", "monitor"})


def move_problem(name: str, *, status: str, role: str) -> str | Promise | None:
    """Why a user of ``role`` may not make ``name`` from ``status`` (None: she may)."""
    move = MOVES.get(name)
    if move is None:
        return _("There is no such step.")
    if role not in move.roles:
        return _("Your role does not allow this step.")
    if status not in move.sources:
        return _("This step cannot be taken from the status “%(status)s”.") % {"status": Status(status).label}
    return None


def moves_from(status: str, role: str) -> list[Move]:
    """The steps a user of ``role`` may take from ``status``, in the table's order."""
    return [move for move in MOVES.values() if status in move.sources and role in move.roles]
