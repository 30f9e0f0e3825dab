"""The one place that answers "which records may this user see".

``scope_for(user)`` says which districts (or whose own records) a user may see; every scoped model's
queryset is a ``ScopedQuerySet`` that turns the scope into a filter with ``visible_to(user)``, and views
fetch single objects through ``get_visible_or_404``, so that anything outside the scope is a 404, never
a 403. What a role may *do* with what it sees is a permission rule (``core.permissions``).

Officials look at figures, not files: a queryset of personal records (``personal = True``, the
default) returns nothing to district and city officials, whatever view asks it. Administrators keep
reference data: the districts, paths and ``all_districts`` of every personal queryset give them nothing
either (``Scope.reference_only``), and the superuser flag widens no scope. The one way to a family outside
one's scope is a recorded, time-boxed emergency access (``families.services.break_glass``), which only
views marked ``@counts_emergency_access`` (pages that only show) take into account.

A member of centre staff works at her own centre (``User.centre``); an app may place her at further
centres (a specialist's consultation hours elsewhere) through ``further_centres``: she then sees what
the staff of those centres see too (their districts' records and the records made at them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import wraps
from typing import Any, Self, cast

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.roles import CENTRE_ROLES, CITY_WIDE_ROLES, GRANT_PANEL_ROLES, OFFICIAL_ROLES, Role

NOTHING = Q(pk__in=[])

# (user) -> the (centre id, district id) of the centres besides her own where a member of centre
# staff works; registered by the app that knows (consultations: a specialist's workplaces).
CentresProvider = Callable[[Any], Iterable[tuple[int, int]]]
_further_centres: list[CentresProvider] = []


def further_centres(provider: CentresProvider) -> CentresProvider:
    """Registers ``provider``; it is asked once per user object (with the scope), so it should cost at
    most one query, and none for the roles it does not concern."""
    if provider not in _further_centres:
        _further_centres.append(provider)
    return provider


@dataclass(frozen=True)
class Scope:
    """What one user may see: every district, some districts, or only her own records."""

    role: str | None = None
    user_id: int | None = None
    all_districts: bool = False
    district_ids: frozenset[int] = field(default_factory=frozenset)
    centre_id: int | None = None
    # The centres besides her own where she works (``further_centres``); their districts are in
    # ``district_ids``.
    further_centre_ids: frozenset[int] = field(default_factory=frozenset)
    # Administrators: reference data only, no personal record through any path.
    reference_only: bool = False
    # Whether the user's emergency accesses count: only in the views that show a family and change
    # nothing (``counts_emergency_access``), so that every write, list and export ignores them.
    emergency: bool = False

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def own_records_only(self) -> bool:
        return self.role == Role.MOTHER

    @property
    def centre_ids(self) -> frozenset[int]:
        """Every centre she works at: her own and the further ones."""
        own = frozenset() if self.centre_id is None else frozenset({self.centre_id})
        return own | self.further_centre_ids

    @property
    def official(self) -> bool:
        """District and city officials: aggregated figures only, never a personal record."""
        return self.role in OFFICIAL_ROLES

    @property
    def may_break_glass(self) -> bool:
        """Centre staff and administrators may ask for an emergency access; officials and mothers not."""
        return self.role in CENTRE_ROLES or self.role == Role.ADMINISTRATOR


def scope_for(user) -> Scope:
    """What ``user`` may see. Computed once per user object."""
    cached = getattr(user, "_otbasy_scope", None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    if user is not None:
        user._otbasy_scope = scope
    return scope


def _compute_scope(user) -> Scope:
    if not (user and user.is_authenticated and user.is_active):
        return Scope()
    # The role decides, never the superuser flag (it opens the Django admin, and the admin holds no
    # personal record either).
    # The grants' reviewers and commission members, like administrators, see reference data city-wide
    # and no personal record through any path; the grant applications put before them are the grants
    # app's own rule (grants.models.ApplicationQuerySet).
    if user.role == Role.ADMINISTRATOR or user.role in GRANT_PANEL_ROLES:
        return Scope(role=user.role, user_id=user.pk, all_districts=True, reference_only=True)
    if user.role in CITY_WIDE_ROLES:
        return Scope(role=user.role, user_id=user.pk, all_districts=True)
    if user.role == Role.DISTRICT_OFFICIAL:
        return Scope(role=user.role, user_id=user.pk, district_ids=frozenset({user.district_id}))
    if user.role in CENTRE_ROLES:
        further = {centre: district for provider in _further_centres for centre, district in provider(user)}
        further.pop(user.centre_id, None)
        return Scope(
            role=user.role,
            user_id=user.pk,
            district_ids=frozenset({user.centre.district_id, *further.values()}),
            centre_id=user.centre_id,
            further_centre_ids=frozenset(further),
        )
    return Scope(role=user.role, user_id=user.pk)


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which of its rows a user may see.

    Subclasses name lookup paths, each optional:

    - ``scope_district_field``: the row's district; staff of that district (and its official) see it;
    - ``scope_centre_field``: the centre the row was made at; that centre's staff see it even when it
      belongs to a family of another district;
    - ``scope_owner_field``: the mother's user account the row belongs to; she sees her own rows.

    ``personal = False`` marks reference data (districts, centres) that officials and administrators
    may see too. A model with a richer rule extends ``scope_q`` and calls ``super()`` first.
    ``visible_to`` refuses anonymous visitors, and officials on a personal queryset, before it asks
    ``scope_q``: no rule can widen that. Administrators get nothing from this class's paths on a personal
    queryset; the family registry adds their (and everyone's) emergency accesses to its own.
    """

    scope_district_field: str | None = None
    scope_centre_field: str | None = None
    scope_owner_field: str | None = None
    personal: bool = True

    def sees_nothing(self, scope: Scope) -> bool:
        """Anonymous visitors see no row, and officials no personal one, whatever the paths say."""
        return not scope.signed_in or (self.personal and scope.official)

    def scope_q(self, scope: Scope) -> Q:
        if self.sees_nothing(scope):
            return NOTHING
        if self.personal and scope.reference_only:
            return NOTHING
        if scope.all_districts:
            return Q()
        condition = NOTHING
        if scope.district_ids and self.scope_district_field:
            condition |= Q(**{f"{self.scope_district_field}__in": scope.district_ids})
        if scope.centre_ids and self.scope_centre_field:
            condition |= centre_condition(self.scope_centre_field, scope)
        if scope.own_records_only and self.scope_owner_field:
            condition |= Q(**{self.scope_owner_field: scope.user_id})
        return condition

    def visible_to(self, user) -> Self:
        return self.in_scope(scope_for(user))

    def in_scope(self, scope: Scope) -> Self:
        """The rows ``scope`` sees: ``visible_to`` for a scope already worked out (a queryset built
        once per scope and reused, for instance)."""
        # Asked here too, so that a subclass whose scope_q adds a path to super()'s cannot widen it.
        return self.filter(NOTHING if self.sees_nothing(scope) else self.scope_q(scope))


def centre_condition(path: str, scope: Scope) -> Q:
    """``path`` is one of the centres ``scope``'s user works at (an equality for the usual one)."""
    if len(scope.centre_ids) == 1:
        return Q(**{path: next(iter(scope.centre_ids))})
    return Q(**{f"{path}__in": sorted(scope.centre_ids)})


def counts_emergency_access(view):
    """Marks a view that only shows a family (its page): for this request the user's scope includes
    the families she opened through an emergency access. Everywhere else, those stay out of it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        scope = scope_for(request.user)
        if scope.may_break_glass:
            request.user._otbasy_scope = replace(scope, emergency=True)
        return view(request, *args, **kwargs)

    return wrapped


class OutOfScope(Http404):
    """The record exists but the user may not see it. Answered exactly as a missing record (a 404); the
    security log (``audit.middleware``) notes it."""


def get_visible_or_404(queryset: ScopedQuerySet | type[models.Model], user, **lookup: Any) -> Any:
    """Fetch one object the user may see, or raise Http404 exactly as for a missing object."""
    rows = cast(ScopedQuerySet, queryset._default_manager.all() if isinstance(queryset, type) else queryset)
    try:
        return get_object_or_404(rows.visible_to(user), **lookup)
    except Http404:
        # Asked only of someone who may see some rows of the kind: for the others (officials on a
        # personal record) the database is not even asked, and their refusals are 403s anyway.
        if not rows.sees_nothing(scope_for(user)) and rows.filter(**lookup).exists():
            raise OutOfScope(f"{rows.model._meta.label} outside the scope of user {user.pk}") from None
        raise


def has_role(user, roles: Iterable[str]) -> bool:
    """The user's role is one of ``roles``. The superuser flag opens the Django admin, not the portal's
    pages: an administrator (a superuser) may do what the administrator's role may, and no more."""
    return bool(user.is_authenticated and user.is_active and user.role in roles)
