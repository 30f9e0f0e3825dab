"""What the registration service is given, as the form would build it, and a shortcut to register."""

import datetime as dt
from decimal import Decimal

from families.services import ChildData, ConsentData, FamilyDetails, PersonData, family_register
from tests.families.factories import valid_iin, years_ago


def mother_data(**overrides) -> PersonData:
    born = overrides.pop("birth_date", years_ago(38))
    values = {
        "iin": valid_iin(born, "f"),
        "last_name": "Серікова",
        "first_name": "Айгерім",
        "middle_name": "Маратқызы",
        "birth_date": born,
        "sex": "f",
        **overrides,
    }
    return PersonData(**values)


def child_data(age: int, **overrides) -> ChildData:
    born = overrides.pop("birth_date", years_ago(age, 30))
    values = {
        "iin": valid_iin(born, "m"),
        "last_name": "Серіков",
        "first_name": "Ерлан",
        "middle_name": "",
        "birth_date": born,
        "sex": "m",
        **overrides,
    }
    return ChildData(**values)


def details(**overrides) -> FamilyDetails:
    values = {
        "phone": "+77011234567",
        "phone_extra": "",
        "email": "",
        "address": "Абай даңғылы, 1",
        "language": "kk",
        "marital_status": "married",
        "monthly_income": Decimal("300000"),
        "housing": "rent",
        "receives_asp": False,
        **overrides,
    }
    return FamilyDetails(**values)


def existing_child(child) -> ChildData:
    person = child.person
    return ChildData(
        iin=person.iin,
        last_name=person.last_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        birth_date=person.birth_date,
        sex=person.sex,
        has_disability=child.has_disability,
        in_full_time_education=child.in_full_time_education,
        lives_with_family=child.lives_with_family,
        child_id=child.pk,
    )


CONSENT = ConsentData(given=True, given_on=dt.date(2026, 11, 1), language="kk")


def register(actor, *, mother=None, children=None, consent=CONSENT, **kwargs):
    return family_register(
        actor=actor,
        mother=mother or mother_data(),
        details=kwargs.pop("family_details", details()),
        children=[child_data(a) for a in (3, 6, 9, 12)] if children is None else children,
        spouse=kwargs.pop("spouse", None),
        consent=consent,
    )
