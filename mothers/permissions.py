"""Who may do what with mothers' accounts: a mother, in her own cabinet; the desk, with the queue of
mothers who signed up online."""

from __future__ import annotations

from core.permissions import YES, Decision, no, rule
from core.roles import Role
from core.scoping import has_role

_MOTHER = frozenset({Role.MOTHER})
_DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})


@rule("mothers.open_cabinet")
def can_open_cabinet(user, obj=None) -> Decision:
    return YES if has_role(user, _MOTHER) else no()


@rule("mothers.see_sign_ups")
def can_see_sign_ups(user, obj=None) -> Decision:
    return YES if has_role(user, _DESK) else no()
