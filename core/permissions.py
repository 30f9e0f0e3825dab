"""Permission rules: small named predicates over a user and (optionally) an object.

Each app writes its rules in its own ``permissions.py`` as ``can_<verb>_<noun>(user, obj=None) ->
Decision`` and registers them with ``@rule("<app>.<verb>_<noun>")``. Views (``rule_required``,
``require``), templates (``{% allowed "families.edit_family" family as can_edit %}``) and services ask
the same rule, so "may she?" has one answer. A ``Decision`` is truthy when allowed and carries a
translated reason when not. Which records a user may see at all is ``core.scoping``'s question: rules
are asked about objects already fetched through the user's scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str | Promise = ""

    def __bool__(self) -> bool:
        return self.allowed


YES = Decision(True)
NOT_YOUR_ROLE = _("Your role does not allow this.")


def no(reason: str | Promise = NOT_YOUR_ROLE) -> Decision:
    return Decision(False, reason)


Rule = Callable[..., Decision]
_rules: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    """Registers a rule under ``name`` (``"<app>.<verb>_<noun>"``)."""

    def register(function: Rule) -> Rule:
        if name in _rules and _rules[name] is not function:
            raise ValueError(f"two permission rules are named {name!r}")
        _rules[name] = function
        return function

    return register


def check(user, name: str, obj: Any = None) -> Decision:
    """Asks the rule ``name`` about ``user`` and ``obj``."""
    try:
        function = _rules[name]
    except KeyError:
        raise LookupError(f"no permission rule is named {name!r}") from None
    if not (user and user.is_authenticated and user.is_active):
        return no()
    return function(user, obj)


def require(user, name: str, obj: Any = None) -> None:
    """The 403 page unless the rule allows it."""
    decision = check(user, name, obj)
    if not decision:
        raise PermissionDenied(decision.reason)


def rule_required(name: str) -> Callable:
    """A view for signed-in users whom the rule allows (asked without an object): anonymous users go
    to the sign-in page, others get the 403 page. Rules about the object are asked in the view, after
    it fetched the object through the user's scope."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, name)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def registered() -> dict[str, Rule]:
    return dict(_rules)
