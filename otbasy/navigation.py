"""The main menu, by role. Each app adds its entries here when it lands."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.permissions import has_role
from accounts.roles import CENTRE_ROLES, STAFF_ROLES, Role


@dataclass(frozen=True)
class NavItem:
    label: Promise
    url_name: str
    roles: frozenset[str]
    icon: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


NAVIGATION: list[NavItem] = [
    NavItem(_("Today"), "families:today", CENTRE_ROLES, "calendar-check"),
    NavItem(_("Families"), "families:list", CENTRE_ROLES, "people"),
    NavItem(_("Register a family"), "families:register", frozenset({Role.REGISTRAR, Role.CENTRE_HEAD}), "person-plus"),
    NavItem(_("Centres"), "centres:list", STAFF_ROLES, "buildings"),
    NavItem(_("Messages"), "notifications:log", frozenset({Role.CENTRE_HEAD, Role.ADMINISTRATOR}), "chat-dots"),
]


def navigation_for(user) -> list[NavItem]:
    return [item for item in NAVIGATION if has_role(user, item.roles)]
