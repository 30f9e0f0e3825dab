"""``seed_demo``'s mothers step: portal accounts for one mother in ten of the registry, and the demo
``mother`` user linked to a large family of the Almaly centre. (No demo mother waits for the desk: a
family signed up online is one the registry counts apart, and a try-out signs one up in a minute.)

It tops up, like every step: a family that has an account keeps it, and a run again adds only what is
missing. The accounts are written in bulk (``families.demo.tables``: ``COPY`` on PostgreSQL), a chunk
at a time, all with one password hash made once (hashing each of 10,000 passwords would take minutes).
"""

from __future__ import annotations

import time

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat, Mod
from django.utils import timezone

from accounts.models import User
from core.roles import Role
from families.demo.tables import Table, reserve, write
from families.models import Family
from mothers.models import MotherProfile

SHARE = 10  # one family in ten: those whose number is a multiple of it
CHUNK = 2_000
PREFIX = "mother-"  # the accounts' logins: "mother-<family number>" (they sign in by phone or IIN)


def seed(*, options, out) -> None:
    started = time.monotonic()
    password = make_password(options["password"])
    added = _accounts(password)
    _demo_mother(out)
    total = MotherProfile.objects.count()
    out(f"Mothers' accounts: {total} ({added} added in {time.monotonic() - started:.0f} s)")


def _due():
    """Families that should have an account and have none."""
    return (
        Family.objects.filter(mother_account__isnull=True, anonymised_at__isnull=True, self_registered=False)
        .exclude(phone="")
        .annotate(rest=Mod("pk", SHARE))
        .filter(rest=0)
        .order_by("pk")
    )


def _accounts(password: str) -> int:
    taken = {str(phone) for phone in MotherProfile.objects.values_list("phone", flat=True)}
    added, last = 0, 0
    while True:
        with transaction.atomic():
            batch = list(
                _due()
                .filter(pk__gt=last)
                .values("pk", "phone", "language", "centre_id", "mother__iin", "mother__last_name", "mother__first_name")[:CHUNK]
            )
            if not batch:
                return added
            last = batch[-1]["pk"]
            fresh = []
            for row in batch:  # a phone is one account's: families sharing one (in or across chunks) get one
                if row["mother__iin"] and str(row["phone"]) not in taken:
                    taken.add(str(row["phone"]))
                    fresh.append(row)
            _write_accounts(fresh, password)
            added += len(fresh)


def _write_accounts(rows: list[dict], password: str) -> None:
    if not rows:
        return
    first = reserve([User, MotherProfile])
    users, profiles = Table(User, first[User]), Table(MotherProfile, first[MotherProfile])
    now = timezone.now()
    for row in rows:
        user = users.add(
            username=f"{PREFIX}{row['pk']}",
            password=password,
            role=Role.MOTHER,
            last_name=row["mother__last_name"],
            first_name=row["mother__first_name"],
            language=row["language"],
            date_joined=now,
        )
        profiles.add(user_id=user.pk, phone=str(row["phone"]), iin=row["mother__iin"], centre_id=row["centre_id"], created_at=now)
    write([users, profiles])
    login = Concat(Value(PREFIX), Cast(OuterRef("pk"), CharField()))
    Family.objects.filter(pk__in=[row["pk"] for row in rows]).update(
        mother_account_id=Subquery(User.objects.filter(username=login).values("pk")[:1])
    )


@transaction.atomic
def _demo_mother(out) -> None:
    """The demo ``mother`` (accounts' demo users) is the mother of a family of the Almaly centre, a large
    one if there is one, and bears her name (the accounts step names her anew at every run)."""
    user = User.objects.filter(username="mother", role=Role.MOTHER).first()
    if user is None:
        return
    family = Family.objects.filter(mother_account=user).select_related("mother").first() or _family_for_demo_mother()
    if family is None:
        return
    if family.mother_account_id is None:
        family.mother_account = user
        family.save(update_fields=["mother_account"])
        MotherProfile.objects.update_or_create(
            user=user, defaults={"phone": str(family.phone), "iin": family.mother.iin, "centre_id": family.centre_id}
        )
        out(f"  the demo mother signs in as mother, {family.phone} or her IIN {family.mother.iin}")
    user.last_name, user.first_name = family.mother.last_name, family.mother.first_name
    user.save(update_fields=["last_name", "first_name"])


def _family_for_demo_mother() -> Family | None:
    free = (
        Family.objects.filter(mother_account__isnull=True, anonymised_at__isnull=True, self_registered=False)
        .exclude(phone="")
        .exclude(phone__in=MotherProfile.objects.values("phone"))
        .select_related("mother")
        .order_by("-is_large", "pk")
    )
    # The Almaly centre's (the demo registrar's), or any when a small registry has none there.
    return free.filter(centre__district__code="almaly").first() or free.first()
