"""Factories for the family registry: a person with a valid IIN, a family with its consent, children,
visits and requests."""

import datetime as dt
import itertools
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from families import iin as iin_rules
from families.models import (
    Agency,
    Appeal,
    AppealStep,
    Child,
    Consent,
    ConsentText,
    Family,
    Person,
    Referral,
    Visit,
    VisitPurpose,
)
from tests.factories import CentreFactory, RegistrarFactory

_serials = itertools.count(1)


def valid_iin(birth_date: dt.date, sex: str) -> str:
    while True:
        iin = iin_rules.build(birth_date, sex, next(_serials) % 10000)
        if iin:
            return iin


def years_ago(years: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - years) - dt.timedelta(days=days)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28) - dt.timedelta(days=days)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    last_name = "Нұрланова"
    first_name = factory.Iterator(["Әсел", "Айгүл", "Жансая", "Дана", "Мәдина"])
    middle_name = "Бекқызы"
    sex = "f"
    birth_date = factory.LazyFunction(lambda: years_ago(35))
    iin = factory.LazyAttribute(lambda p: valid_iin(p.birth_date, p.sex))


class FamilyFactory(DjangoModelFactory):
    """A registered family with the consent in force and, by default, no children."""

    class Meta:
        model = Family
        skip_postgeneration_save = True

    class Params:
        registrar = factory.SubFactory(RegistrarFactory)

    mother = factory.SubFactory(PersonFactory)
    centre = factory.LazyAttribute(lambda f: f.registrar.centre)
    district = factory.LazyAttribute(lambda f: f.centre.district)
    created_by = factory.LazyAttribute(lambda f: f.registrar)
    phone = factory.Sequence(lambda n: f"+7701{n % 10_000_000:07d}")
    address = "Абай даңғылы, 10, 5-пәтер"
    language = "kk"
    marital_status = "married"
    monthly_income = Decimal("400000")
    housing = "rent"

    @factory.post_generation
    def consent(family, create, extracted, **kwargs):
        if create and extracted is not False:
            Consent.objects.create(
                family=family,
                text=ConsentText.current(),
                language=family.language,
                given_on=timezone.localdate(),
                recorded_by=family.created_by,
            )


class ChildFactory(DjangoModelFactory):
    class Meta:
        model = Child

    family = factory.SubFactory(FamilyFactory)
    person = factory.SubFactory(
        PersonFactory,
        first_name=factory.Iterator(["Ерлан", "Айша", "Нұрсұлтан", "Томирис"]),
        sex="m",
        middle_name="",
        birth_date=factory.LazyFunction(lambda: years_ago(8)),
    )


def family_with_children(*ages_in_days_or_years, **kwargs) -> Family:
    """A family whose children are the given ages (years, or (years, days-to-birthday) tuples)."""
    family = FamilyFactory(**kwargs)
    for age in ages_in_days_or_years:
        years, days = age if isinstance(age, tuple) else (age, 0)
        ChildFactory(family=family, person__birth_date=years_ago(years, days))
    from families.services import categories_refresh

    categories_refresh(family, record_changes=False)
    return family


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyFactory)
    centre = factory.LazyAttribute(lambda v: v.family.centre)
    checked_in_by = factory.LazyAttribute(lambda v: v.family.created_by)

    @factory.post_generation
    def purposes(visit, create, extracted, **kwargs):
        if create:
            visit.purposes.set(extracted or [VisitPurpose.objects.get(code="legal")])


class AppealFactory(DjangoModelFactory):
    class Meta:
        model = Appeal
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyFactory)
    centre = factory.LazyAttribute(lambda r: r.family.centre)
    kind = "housing"
    description = "Тұрғын үй кезегіне тұру"
    opened_by = factory.LazyAttribute(lambda r: r.family.created_by)

    @factory.post_generation
    def opened(appeal, create, extracted, **kwargs):
        if create:
            AppealStep.objects.create(appeal=appeal, from_status="", to_status="open", by=appeal.opened_by)


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    appeal = factory.SubFactory(AppealFactory, status="referred")
    agency = factory.LazyFunction(lambda: Agency.objects.first())
    expected_outcome = "Кезекке қою туралы шешім"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    sent_by = factory.LazyAttribute(lambda r: r.appeal.opened_by)


def registrar_at(centre=None, **kwargs):
    return RegistrarFactory(centre=centre or CentreFactory(), **kwargs)
