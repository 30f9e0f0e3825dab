"""Families that mothers sign up on the portal themselves (the mothers app asks these), and the
registrar's check of their documents.

A mother who signs up and whom the registry holds (her IIN and phone match a family without an
account) gets that family: ``family_link_account``. One the registry does not know gets a family of
her own with only what she typed and her consent (``family_self_register``); it is "not yet verified"
(``Family.is_verified``): it holds no category and is not counted as a registered family, until a
registrar has seen her documents at a visit, completed the file (the family's edit form) and verified
it (``family_verify``).

One whose IIN is on a file she cannot be linked to from home (another phone on record, an account
there already, a child's IIN) gets exactly the same — a family of her own, not yet verified — so that
nothing she sees tells her whether the registry knew that IIN; the IIN stays off her family (it is
someone's on record) until the desk has seen her documents and moves her into the family it belongs to
(``family_discard_sign_up``), or finds it is not hers.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_change
from core.errors import DomainError
from core.locking import lock_timeout
from families.messages import tell_verified
from families.models import Consent, ConsentText, Family, Person, TimelineEntry
from families.services.categories import categories_refresh
from families.services.consent import require_consent
from families.services.registration import PersonData, _check_person, _cleaned, _save_person, _unique_iin_race
from families.timeline import consent_given_entry, timeline_add, translated

# What a registrar completes from the documents before she may verify a family signed up online.
_FILLED_AT_THE_DESK = ("address", "marital_status", "housing")


def family_self_register(
    *, actor, mother: PersonData, phone: str, centre, language: str, consent_text: ConsentText, iin_on_record: bool = False
) -> Family:
    """Records the family of a mother the registry does not know, as she typed it, with her consent to
    ``consent_text`` (which she read, in ``language``). ``actor`` is her new account: the family's.
    ``iin_on_record``: her IIN is on another file; her family is recorded without it (see above)."""
    mother = _cleaned(mother)
    if not mother.iin:
        raise DomainError(_("The mother's IIN is required."), field=("mother", "iin"))
    _check_person(("mother",), mother)
    if iin_on_record:
        mother = dataclasses.replace(mother, iin="")
    elif Person.objects.filter(iin=mother.iin).exists():
        raise DomainError(_("A person with this IIN is already registered."), field=("mother", "iin"))
    try:
        with transaction.atomic():
            family = _create(actor=actor, mother=mother, phone=phone, centre=centre, language=language)
            consent = Consent.objects.create(
                family=family, text=consent_text, language=language, given_on=timezone.localdate(), recorded_by=actor
            )
            TimelineEntry.objects.create(**consent_given_entry(consent, version=consent_text.version))
            timeline_add(family=family, kind="families.self_registered", actor=actor, about=family)
            categories_refresh(family, actor=actor, record_changes=False)
            record_change(actor=actor, subject=family, action="family.self_register")
    except IntegrityError as error:
        raise (_unique_iin_race(error, {mother.iin or "": ("mother", "iin")}) or error) from error
    return family


def _create(*, actor, mother: PersonData, phone: str, centre, language: str) -> Family:
    # The facts she has not given (address, household, income, housing) stay empty until the desk
    # fills them in from her documents; until it verifies the family, none of them counts.
    return Family.objects.create(
        mother=_save_person(Person(), mother),
        mother_account=actor,
        self_registered=True,
        phone=phone,
        address="",
        district_id=centre.district_id,
        centre=centre,
        language=language,
        marital_status="",
        monthly_income=Decimal(0),
        housing="",
        created_by=actor,
    )


@transaction.atomic
def family_link_account(*, actor, family: Family, account) -> Family:
    """Gives ``family`` its mother's portal account: she then sees her own records."""
    with lock_timeout():
        family = Family.objects.select_for_update(of=("self",)).get(pk=family.pk)
    if family.mother_account_id is not None:
        raise DomainError(_("This family already has an account on the portal."))
    require_consent(family)
    family.mother_account = account
    family.save(update_fields=["mother_account", "updated_at"])
    record_change(actor=actor, subject=family, action="family.link_account", changed_fields=["mother_account"])
    return family


@transaction.atomic
def family_verify(*, actor, family: Family) -> Family:
    """The registrar has seen the mother's documents at a visit and completed her family's file: the
    family signed up online now counts as registered, and its categories are computed."""
    with lock_timeout():
        family = Family.objects.select_for_update(of=("self",)).get(pk=family.pk)
    require_consent(family)
    if family.is_verified:
        raise DomainError(_("This family is verified already."))
    if actor.centre_id is None:
        raise DomainError(_("Only the staff of a centre can verify families."))
    if any(not getattr(family, name) for name in _FILLED_AT_THE_DESK):
        raise DomainError(
            _(
                "Complete the family's file from her documents first (Edit): the address, marital status, "
                "income, housing and the children."
            )
        )
    family.verified_at, family.verified_by = timezone.now(), actor
    family.save(update_fields=["verified_at", "verified_by", "updated_at"])
    timeline_add(family=family, kind="families.verified", actor=actor, params={"centre": translated(actor.centre, "name")})
    categories_refresh(family, actor=actor)
    record_change(actor=actor, subject=family, action="family.verify", changed_fields=["verified_at"])
    tell_verified(family, centre=actor.centre)
    return family


# Entries about the sign-up family itself: they do not move with her records.
_SIGN_UP_KINDS = ("families.self_registered", "families.consent_given", "families.consent_withdrawn")


@transaction.atomic
def family_discard_sign_up(*, actor, family: Family, into: Family) -> None:
    """The desk has seen the documents of a mother who signed up with the IIN of ``into``'s mother: her
    sign-up family (``family``, recorded without that IIN) goes, its timeline joins ``into``'s, and her
    account is linked to ``into``. Whatever else another app keeps about ``family`` must have been moved
    to ``into`` by that app before (its bookings: ``courses.services.bookings_move``)."""
    require_consent(into)
    with lock_timeout():
        family = Family.objects.select_for_update(of=("self",)).select_related("mother").get(pk=family.pk)
    if not family.self_registered or family.is_verified or family.mother.iin:
        raise DomainError(_("This family is on the registry's file: it cannot be merged away."))
    account = family.mother_account
    family.timeline.exclude(kind__in=_SIGN_UP_KINDS).update(family=into)
    record_change(actor=actor, subject=into, action="family.discard_sign_up", data={"sign_up_family": family.pk})
    mother = family.mother
    family.delete()
    mother.delete()
    family_link_account(actor=actor, family=into, account=account)
