"""The desk's side of mothers' accounts."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from families.models import Family
from families.services import family_link_account
from mothers.models import MotherProfile


@transaction.atomic
def mother_link(*, actor, profile: MotherProfile) -> Family:
    """A registrar has seen the documents of a mother whose IIN is on a family she could not be linked to
    when she signed up (another phone on record): her account now shows that family."""
    if Family.objects.filter(mother_account=profile.user_id).exists():
        raise DomainError(_("This account is linked to a family already."))
    family = Family.objects.visible_to(actor).filter(mother__iin=profile.iin).first()
    if family is None:
        raise DomainError(_("No family you can see has this IIN as the mother's. Register her family first, then link it."))
    return family_link_account(actor=actor, family=family, account=profile.user)
