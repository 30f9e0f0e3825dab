"""The desk's side of mothers' accounts."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from courses.services import bookings_move
from families.models import Family
from families.services import family_discard_sign_up, family_link_account
from mothers.models import MotherProfile


@transaction.atomic
def mother_link(*, actor, profile: MotherProfile) -> Family:
    """A registrar has seen the documents of a mother who signed up with the IIN of a family she could
    not be linked to from home (another phone on record): her account now shows that family. The family
    her sign-up made in the meantime (recorded without that IIN) goes, and her course bookings move with
    her; the rest of what she did online is on her timeline."""
    sign_up = Family.objects.filter(mother_account=profile.user_id).select_related("mother").first()
    if sign_up is not None and not sign_up_awaits_link(sign_up):
        raise DomainError(_("This account is linked to a family already."))
    family = Family.objects.visible_to(actor).filter(mother__iin=profile.iin).first()
    if family is None:
        raise DomainError(_("No family you can see has this IIN as the mother's. Register her family first, then link it."))
    if sign_up is None:
        return family_link_account(actor=actor, family=family, account=profile.user)
    if family.mother_account_id is not None:
        raise DomainError(_("This family already has an account on the portal."))
    bookings_move(actor=actor, source=sign_up, target=family)
    family_discard_sign_up(actor=actor, family=sign_up, into=family)
    family.refresh_from_db()
    return family


def sign_up_awaits_link(family: Family) -> bool:
    """Her sign-up family holds no IIN: hers was on another file when she signed up."""
    return family.self_registered and not family.is_verified and not family.mother.iin
