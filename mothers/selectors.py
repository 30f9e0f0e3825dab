"""Reads for a mother's cabinet (her own records, through her scope) and for the desk's queue."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Prefetch, Q, QuerySet

from accounts.models import User
from audit.models import AccessEvent
from centres.models import Centre
from core.extensions import CabinetSection, contributions
from core.phones import to_e164
from core.roles import Role
from families.models import Appeal, Child, Consent, Family, Visit
from families.selectors import families_awaiting_verification
from mothers.models import MotherProfile

IIN_LIKE = re.compile(r"\A[0-9]{12}\Z")


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
    """Families signed up online to verify; those whose IIN is on another file wait to be linked instead
    (``accounts_to_link``)."""
    return families_awaiting_verification(user).filter(mother__iin__isnull=False)


def looks_like_phone_or_iin(login: str) -> bool:
    return bool(IIN_LIKE.match("".join(login.split())) or to_e164(login))


def accounts_for_login(login: str) -> list[User]:
    """The mothers' accounts a login typed at sign-in names: by IIN (12 digits) the account of the
    family whose mother has it, then accounts that signed up with it and wait for the desk; by phone
    number (any common form) the account that signs in with it. Nothing for anything else."""
    compact = "".join(login.split())
    mothers = User.objects.filter(role=Role.MOTHER)
    if IIN_LIKE.match(compact):
        linked = list(mothers.filter(family__mother__iin=compact))
        waiting = mothers.filter(mother_profile__iin=compact, family__isnull=True).order_by("pk")
        return linked + list(waiting)
    phone = to_e164(login)
    return list(mothers.filter(mother_profile__phone=phone)) if phone else []


@dataclass(frozen=True)
class Openings:
    """How often staff of one centre (None: the administration, through an emergency access) opened or
    exported her family's file, and when last. No names: she sees centres, not people."""

    centre: Centre | None
    viewed: int
    exported: int
    last: dt.datetime


def her_file(user) -> Family | None:
    """Her family as the registry holds it, with everything "what the centre holds about you" shows. A
    family she signed up with an IIN on another file holds none until the desk links her: she is shown
    the IIN she gave (not saved), as a mother new to the registry is."""
    family = (
        Family.objects.visible_to(user)
        .filter(mother_account=user)
        .select_related("mother", "spouse", "centre", "district")
        .prefetch_related(
            Prefetch("children", queryset=Child.objects.select_related("person")),
            Prefetch("consents", queryset=Consent.objects.select_related("text").order_by("given_on", "pk")),
        )
        .first()
    )
    if family is not None and not family.mother.iin:
        family.mother.iin = MotherProfile.objects.filter(user=user).values_list("iin", flat=True).first()
    return family


def her_visits(user) -> QuerySet:
    return Visit.objects.visible_to(user).select_related("centre").prefetch_related("purposes").order_by("-arrived_at", "-pk")


def openings_by_centre(family: Family) -> list[Openings]:
    """Who opened her file, counted by centre: every page, form or file of it staff looked at
    (``AccessEvent`` "viewed") and every export, not her own looks, busiest centre first."""
    rows = (
        AccessEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Family),
            target_id=str(family.pk),
            action__in=[AccessEvent.Action.VIEW, AccessEvent.Action.EXPORT],
            actor__isnull=False,
        )
        .exclude(actor_id=family.mother_account_id)
        .values("centre_id", "action")
        .annotate(times=Count("pk"), last=Max("at"))
    )
    counted: dict[int | None, dict] = {}
    for row in rows:
        entry = counted.setdefault(row["centre_id"], {"viewed": 0, "exported": 0, "last": row["last"]})
        entry["viewed" if row["action"] == AccessEvent.Action.VIEW else "exported"] += row["times"]
        entry["last"] = max(entry["last"], row["last"])
    centres = Centre.objects.in_bulk([pk for pk in counted if pk is not None])
    openings = [Openings(centre=centres.get(pk) if pk else None, **entry) for pk, entry in counted.items()]
    return sorted(openings, key=lambda opening: (-(opening.viewed + opening.exported), -opening.last.timestamp()))


def accounts_to_link(user) -> QuerySet:
    """Accounts of mothers who signed up with an IIN on a family they could not be linked to from home
    (another phone on record): the desk of the centre they chose links them after seeing their
    documents. Only for staff of a centre of that district; oldest first."""
    district_id = getattr(getattr(user, "centre", None), "district_id", None)
    if district_id is None:
        return MotherProfile.objects.none()
    waiting = Q(user__family__isnull=True) | Q(
        user__family__self_registered=True, user__family__verified_at__isnull=True, user__family__mother__iin__isnull=True
    )
    return (
        MotherProfile.objects.filter(waiting, centre__district_id=district_id)
        .select_related("user", "centre")
        .order_by("created_at", "pk")
    )
