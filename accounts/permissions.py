"""The one place that answers "what may this user see".

``scope_for(user)`` says which districts (or whose own records) a user may see; every scoped model's
queryset turns that into a filter with ``visible_to(user)``, and views fetch single objects through
``get_visible_or_404`` so that anything outside the scope is a 404, not a 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.roles import CENTRE_ROLES, CITY_WIDE_ROLES, Role

_NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    role: str | None = None
    user_id: int | None = None
    all_districts: bool = False
    district_ids: frozenset[int] = field(default_factory=frozenset)
    centre_id: int | None = None

    @property
    def own_records_only(self) -> bool:
        return self.role == Role.MOTHER


def scope_for(user) -> Scope:
    """What ``user`` may see. Computed once per user object."""
    cached = getattr(user, "_otbasy_scope", None)
    if cached is not None:
        return cached
    if not (user and user.is_authenticated and user.is_active):
        scope = Scope()
    elif user.is_superuser or user.role in CITY_WIDE_ROLES:
        scope = Scope(role=user.role, user_id=user.pk, all_districts=True)
    elif user.role == Role.DISTRICT_OFFICIAL:
        scope = Scope(role=user.role, user_id=user.pk, district_ids=frozenset({user.district_id}))
    elif user.role in CENTRE_ROLES:
        scope = Scope(
            role=user.role,
            user_id=user.pk,
            district_ids=frozenset({user.centre.district_id}),
            centre_id=user.centre_id,
        )
    else:
        scope = Scope(role=user.role, user_id=user.pk)
    user._otbasy_scope = scope
    return scope


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which of its rows a user may see.

    Subclasses name the lookup path to the row's district and, for records that belong to a mother,
    to her user account; a model with a richer rule overrides ``scope_q``.
    """

    scope_district_field: str | None = None
    scope_owner_field: str | None = None

    def scope_q(self, scope: Scope) -> Q:
        if scope.all_districts:
            return Q()
        condition = _NOTHING
        if scope.district_ids and self.scope_district_field:
            condition |= Q(**{f"{self.scope_district_field}__in": scope.district_ids})
        if scope.own_records_only and self.scope_owner_field:
            condition |= Q(**{self.scope_owner_field: scope.user_id})
        return condition

    def visible_to(self, user) -> ScopedQuerySet:
        return self.filter(self.scope_q(scope_for(user)))


def get_visible_or_404(queryset: ScopedQuerySet | type[models.Model], user, **lookup):
    """Fetch one object the user may see, or raise Http404 exactly as for a missing object."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    return get_object_or_404(queryset.visible_to(user), **lookup)


def has_role(user, roles: Iterable[str]) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role in roles))


def role_required(*roles: str) -> Callable:
    """Signed-in users of the given roles only; others get the 403 page, anonymous users the login."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
