"""Reads for a mother's cabinet (her own records, through her scope) and for the desk's queue."""

from __future__ import annotations

from django.db.models import QuerySet

from core.extensions import CabinetSection, contributions
from families.models import Appeal, Family
from families.selectors import families_awaiting_verification


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
