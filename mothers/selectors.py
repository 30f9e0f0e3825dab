"""Reads for a mother's cabinet (her own records, through her scope) and for the desk's queue."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from accounts.models import User
from core.extensions import CabinetSection, contributions
from core.phones import to_e164
from core.roles import Role
from families.models import Appeal, Family
from families.selectors import families_awaiting_verification

_IIN = re.compile(r"\A[0-9]{12}\Z")


def cabinet_sections() -> list[CabinetSection]:
    """Every installed app's part of the cabinet, in their order."""
    return sorted(contributions("cabinet_sections"), key=lambda section: section.order)


def mother_family(user) -> Family | None:
    """Her family, as the registry holds it (None for an account not linked to one yet)."""
    return Family.objects.visible_to(user).select_related("mother", "centre", "district").filter(mother_account=user).first()


def mother_appeals(user) -> QuerySet:
    """Her family's one-window appeals, newest first, with the centre that handles each."""
    return Appeal.objects.visible_to(user).select_related("centre").order_by("-opened_at", "-pk")


def sign_ups_to_verify(user) -> QuerySet:
    return families_awaiting_verification(user)


def accounts_for_login(login: str) -> list[User]:
    """The mothers' accounts a login typed at sign-in names: by IIN (12 digits) the account of the
    family whose mother has it, then accounts that signed up with it and wait for the desk; by phone
    number (any common form) the account that signs in with it. Nothing for anything else."""
    compact = "".join(login.split())
    mothers = User.objects.filter(role=Role.MOTHER)
    if _IIN.match(compact):
        linked = list(mothers.filter(family__mother__iin=compact))
        waiting = mothers.filter(mother_profile__iin=compact, family__isnull=True).order_by("pk")
        return linked + list(waiting)
    phone = to_e164(login)
    return list(mothers.filter(mother_profile__phone=phone)) if phone else []
