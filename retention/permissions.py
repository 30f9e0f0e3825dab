"""Who may do what with retention: the centre head, for her centre's families."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.permissions import YES, Decision, no, rule
from core.roles import Role
from core.scoping import has_role

_HEAD = frozenset({Role.CENTRE_HEAD})
ANONYMISED = _("This family's personal data has already been removed.")


def _head(user) -> Decision:
    return YES if has_role(user, _HEAD) else no()


@rule("retention.view_due")
def can_view_due(user, obj=None) -> Decision:
    return _head(user)


@rule("retention.hold_family")
def can_hold_family(user, family=None) -> Decision:
    decision = _head(user)
    if decision and family is not None and family.anonymised_at is not None:
        return no(ANONYMISED)
    return decision


@rule("retention.forget_family")
def can_forget_family(user, family=None) -> Decision:
    """Her request to be forgotten comes after she withdrew her consent (prefetch ``consents``)."""
    decision = _head(user)
    if decision and family is not None:
        if family.anonymised_at is not None:
            return no(ANONYMISED)
        if family.has_consent:
            return no(_("The mother's consent is still in force."))
    return decision
