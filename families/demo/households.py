"""A demo family: the mother, her spouse and children, the household's details, her consent — then her
visits and appeals (``families.demo.visits``)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from types import SimpleNamespace

from django.core.management.base import CommandError

from centres.models import Centre
from core.i18n import Language
from families import iin as iin_rules
from families.categories import ChildFacts, birthday, compute
from families.demo import kazakh_names, russian_names, streets
from families.demo.changes import Changes
from families.demo.clock import Clock
from families.demo.messages import Messages
from families.demo.names import MaleName
from families.demo.reference import Reference
from families.demo.visits import Visits
from families.demo.weights import (
    CHILDREN,
    EMAIL_CHOSEN,
    EMAIL_DOMAINS,
    HOUSING,
    MARITAL_STATUS,
    MOBILE_PREFIXES,
    YOUNGEST_WITHIN_DAYS,
)
from families.models import MaritalStatus, Person, Sex
from families.search import search_key
from notifications.models import Channel

Row = SimpleNamespace


@dataclass(frozen=True)
class Culture:
    female_names: list[str]
    male_names: list[MaleName]
    surnames: list[tuple[str, str]]
    kazakh_share: float  # how many of these families prefer Kazakh


KAZAKH = Culture(kazakh_names.KAZAKH_FEMALE_NAMES, kazakh_names.KAZAKH_MALE_NAMES, kazakh_names.KAZAKH_SURNAMES, 0.9)
RUSSIAN = Culture(russian_names.RUSSIAN_FEMALE_NAMES, russian_names.RUSSIAN_MALE_NAMES, russian_names.RUSSIAN_SURNAMES, 0.07)

SERIALS = range(10_000)  # an IIN's four-digit serial numbers (digits 8 to 11)

# The names come from short lists: each part is folded once. A name's key is its words' keys joined.
_part_key = cache(search_key)


@dataclass
class Household:
    """Who a new family is, before its record is made."""

    culture: Culture
    status: str
    centre: Centre
    created_by_id: int
    created_at: dt.datetime
    mother: Row
    spouse: Row | None
    children: list[Row]


class Households:
    """Makes up families. Reads everything it needs once (``Reference``), then works without queries."""

    def __init__(
        self, rng: random.Random, clock: Clock, reference: Reference, *, registry_size: int, serials: range = SERIALS
    ) -> None:
        self.rng = rng
        self.serials = serials  # the IINs' serial numbers it gives: a part's own (``families.demo.parts``)
        self.clock = clock
        self.today = clock.today
        self.reference = reference
        self.visits = Visits(rng, clock, reference, registry_size=registry_size)
        self.changes = Changes(rng, clock, reference, registry_size=registry_size)
        self.messages = Messages(rng, clock, reference)
        self.used_iins = set(Person.objects.filter(iin__isnull=False).values_list("iin", flat=True))

    def family(self, chunk) -> None:
        household = self._household(chunk)
        family = self._family(chunk, household)
        for child in household.children:
            child.family_id = family.pk
        chunk.consents.add(
            family_id=family.pk,
            text_id=self.reference.consent_text.pk,
            language=family.language,
            given_on=household.created_at.date(),
            recorded_by_id=household.created_by_id,
            recorded_at=household.created_at,
        )
        visits = self.visits.visits(chunk, family)
        appeals = self.visits.appeals(chunk, family, visits)
        self.messages.family(chunk, family, household.mother, appeals)

    def _household(self, chunk) -> Household:
        rng, clock = self.rng, self.clock
        culture = KAZAKH if rng.random() < 0.7 else RUSSIAN
        status = MARITAL_STATUS.pick(rng)
        centre = self.reference.centre_picks.pick(rng)
        created_by = rng.choice(self.reference.desk(centre.pk))
        created_at = clock.at_work(clock.day(self.today - dt.timedelta(days=730), clock.last_day))
        father = rng.choice(culture.male_names)
        father_surname = rng.choice(culture.surnames)
        maiden_surname = rng.choice(culture.surnames)

        took_husbands_name = status != MaritalStatus.SINGLE and rng.random() < 0.55
        mother = self._mother(chunk, culture, father_surname if took_husbands_name else maiden_surname)
        married = status == MaritalStatus.MARRIED
        spouse = self._spouse(chunk, culture, father, father_surname, mother.birth_date) if married else None
        # Children of a mother who never married usually carry her surname.
        children_surname = maiden_surname if status == MaritalStatus.SINGLE else father_surname
        children = self._children(chunk, culture, mother.birth_date, father, children_surname)
        return Household(culture, status, centre, created_by.pk, created_at, mother, spouse, children)

    def _family(self, chunk, household: Household) -> Row:
        rng, limits = self.rng, self.reference.limits
        status, mother = household.status, household.mother
        income = self._income(status)
        facts = [
            ChildFacts(c.person.birth_date, c.has_disability, c.in_full_time_education, c.lives_with_family)
            for c in household.children
        ]
        married = status == MaritalStatus.MARRIED
        categories = compute(children=facts, married=married, monthly_income=income, limits=limits, today=self.today)
        language = Language.KAZAKH if rng.random() < household.culture.kazakh_share else Language.RUSSIAN
        email = self._email(mother) if rng.random() < 0.4 else ""
        family = chunk.families.add(
            mother_id=mother.pk,
            search_name=mother.search_name,
            spouse_id=household.spouse.pk if household.spouse else None,
            phone=self._phone(),
            phone_extra=self._phone() if rng.random() < 0.2 else "",
            email=email,
            notify_by=(Channel.EMAIL if email and rng.random() < EMAIL_CHOSEN else Channel.SMS).value,
            address=self._address(),
            district_id=household.centre.district_id,
            centre_id=household.centre.pk,
            language=language.value,
            marital_status=status.value,
            monthly_income=income,
            housing=HOUSING.pick(rng).value,
            receives_asp=rng.random() < (0.5 if categories.is_low_income else 0.03),
            categories_checked_on=self.today,
            created_at=household.created_at,
            created_by_id=household.created_by_id,
            **categories.as_fields(),
            # Not columns: what her visits need to know.
            centre=household.centre,
        )
        self.changes.family(chunk, family, facts, married=married, income=income)
        return family

    # --- people ----------------------------------------------------------------------------------

    def _mother(self, chunk, culture: Culture, surname: tuple[str, str]) -> Row:
        rng = self.rng
        # Mothers of large families are mostly in their thirties and forties.
        age_days = int(rng.triangular(22, 56, 36) * 365.25)
        born = max(self.today - dt.timedelta(days=age_days), birthday(self.today, -56) + dt.timedelta(days=1))
        born = min(born, birthday(self.today, -22))
        first_name, middle_name = rng.choice(culture.female_names), rng.choice(culture.male_names).daughter
        return self._person(chunk, surname[1], first_name, middle_name, born, Sex.FEMALE)

    def _spouse(self, chunk, culture: Culture, father: MaleName, surname: tuple[str, str], wife_born: dt.date) -> Row:
        # Husbands are up to eight years older, now and then a little younger.
        born = min(wife_born - dt.timedelta(days=self.rng.randint(-700, 3000)), birthday(self.today, -22))
        return self._person(chunk, surname[0], father.name, self.rng.choice(culture.male_names).son, born, Sex.MALE)

    def _children(self, chunk, culture: Culture, mother_born: dt.date, father: MaleName, surname: tuple[str, str]) -> list[Row]:
        rng, limits = self.rng, self.reference.limits
        children = []
        for born in self._birth_dates(mother_born, CHILDREN.pick(rng)):
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
            female = sex == Sex.FEMALE
            name = rng.choice(culture.female_names) if female else rng.choice(culture.male_names).name
            person = self._person(chunk, surname[1 if female else 0], name, father.daughter if female else father.son, born, sex)
            age = _age_on(born, self.today)
            adult = age >= limits.child_age_limit
            child = chunk.children.add(
                person_id=person.pk,
                family_id=None,  # set once the family has its key
                has_disability=rng.random() < 0.03,
                in_full_time_education=adult and age < limits.student_age_limit and rng.random() < 0.65,
                lives_with_family=rng.random() < (0.8 if adult else 0.97),
            )
            child.person = person
            children.append(child)
        return children

    def _birth_dates(self, mother_born: dt.date, count: int) -> list[dt.date]:
        """Up to ``count`` birth dates, one to three years apart (twins now and then), none before the
        mother was 18 or after she was 45, none in the future. They are laid out from the youngest
        back: the families the centres serve mostly still have young children."""
        rng = self.rng
        earliest = birthday(mother_born, 18)
        latest = min(birthday(mother_born, 45), self.today)
        newest_from = max(earliest, latest - dt.timedelta(days=YOUNGEST_WITHIN_DAYS))
        born = newest_from + dt.timedelta(days=rng.randint(0, (latest - newest_from).days))
        dates: list[dt.date] = []
        while len(dates) < count and born >= earliest:
            dates.append(born)
            born -= dt.timedelta(days=0 if rng.random() < 0.015 else rng.randint(330, 1100))
        return dates[::-1]

    def _person(self, chunk, last_name: str, first_name: str, middle_name: str, born: dt.date, sex: str) -> Row:
        # With a surname made like a patronymic (Серікқызы) people usually have no middle name.
        if last_name.endswith(("ұлы", "қызы")):
            middle_name = ""
        parts = [part for part in (last_name, first_name, middle_name) if part]
        return chunk.people.add(
            iin=self._iin(born, sex),
            last_name=last_name,
            first_name=first_name,
            middle_name=middle_name,
            birth_date=born,
            sex=str(sex),
            search_name=" ".join(key for part in parts if (key := _part_key(part))),
        )

    def _iin(self, born: dt.date, sex: str) -> str:
        first, count = self.serials.start, len(self.serials)
        serial = self.rng.randrange(count)
        for step in range(count):
            iin = iin_rules.build(born, sex, first + (serial + step) % count)
            if iin is not None and iin not in self.used_iins:
                self.used_iins.add(iin)
                return iin
        raise CommandError(f"No IIN left for people born on {born}.")

    # --- the household's details -----------------------------------------------------------------

    def _income(self, status: str) -> Decimal:
        low, high, usual = (120_000, 600_000, 250_000) if status == MaritalStatus.MARRIED else (80_000, 400_000, 140_000)
        return Decimal(round(self.rng.triangular(low, high, usual) / 1000) * 1000)

    def _phone(self) -> str:
        return f"+7{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10_000_000):07d}"

    def _email(self, mother: Row) -> str:
        rng = self.rng
        first, last = _part_key(mother.first_name), _part_key(mother.last_name)
        number = rng.randint(1, 99)
        local = rng.choice(
            (f"{first}.{last}", f"{last}.{first}{number}", f"{first}{last[:1]}{number}", f"{first}_{mother.birth_date:%y}")
        )
        return f"{local}@{EMAIL_DOMAINS.pick(rng)}"

    def _address(self) -> str:
        rng = self.rng
        house = f"{rng.randint(1, 120 if rng.random() < 0.5 else 350)}{rng.choice(('', '', '', '', 'А', 'Б'))}"
        flat = f", кв. {rng.randint(1, 240)}" if rng.random() < 0.75 else ""
        return f"{rng.choice(streets.STREETS)}, д. {house}{flat}"


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
