"""When the registry anonymises a family, her account's own records go too: the phone and IIN she
signed in with, and her SMS codes with their messages (the registry anonymises the account itself)."""

from django.dispatch import receiver

from families.models import Family
from families.signals import family_anonymising
from mothers.services import mother_forget


@receiver(family_anonymising, sender=Family, dispatch_uid="mothers.forget_account")
def forget_her_account(sender, *, family, **kwargs) -> None:
    if family.mother_account_id is not None:
        mother_forget(user=family.mother_account)
