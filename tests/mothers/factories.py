"""Factories for mothers' accounts: a mother whose account is linked to her registered family, and a
family a mother signed up online (not yet verified)."""

from decimal import Decimal

import factory

from tests.factories import CentreFactory, MotherUserFactory
from tests.families.factories import FamilyFactory


class MotherFamilyFactory(FamilyFactory):
    """A family registered at the desk whose mother has an account on the portal."""

    mother_account = factory.SubFactory(MotherUserFactory)


class SelfRegisteredFamilyFactory(FamilyFactory):
    """What a mother unknown to the registry leaves when she signs up: her IIN, name, phone, district and
    consent; the rest waits for the desk."""

    mother_account = factory.SubFactory(MotherUserFactory)
    centre = factory.SubFactory(CentreFactory)
    created_by = factory.LazyAttribute(lambda f: f.mother_account)
    self_registered = True
    address = ""
    marital_status = ""
    monthly_income = Decimal(0)
    housing = ""
