from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.services import record_change
from core import text
from core.errors import DomainError, EditConflict
from core.locking import lock_timeout
from core.phones import format_phone
from families import rules
from families.messages import tell_registered
from families.models import Child, Consent, ConsentText, Family, Person, TimelineEntry
from families.services.categories import categories_refresh
from families.services.consent import require_consent
from families.timeline import consent_given_entry

PERSON_FIELDS = ("iin", "last_name", "first_name", "middle_name", "birth_date", "sex")
NAME_FIELDS = ("last_name", "first_name", "middle_name")
FAMILY_FIELDS = (
    "phone",
    "phone_extra",
    "email",
    "address",
    "language",
    "marital_status",
    "monthly_income",
    "housing",
    "receives_asp",
    "notify_by",
    "optional_messages",
)
CHILD_FLAGS = ("has_disability", "in_full_time_education", "lives_with_family")


@dataclass(frozen=True)
class PersonData:
    iin: str | None
    last_name: str
    first_name: str
    middle_name: str
    birth_date: dt.date | None
    sex: str


@dataclass(frozen=True)
class ChildData(PersonData):
    has_disability: bool = False
    in_full_time_education: bool = False
    lives_with_family: bool = True
    child_id: int | None = None  # an existing child of the family, when updating


@dataclass(frozen=True)
class FamilyDetails:
    phone: str
    phone_extra: str
    email: str
    address: str
    language: str
    marital_status: str
    monthly_income: Decimal
    housing: str
    receives_asp: bool
    notify_by: str = "sms"
    optional_messages: bool = True


@dataclass(frozen=True)
class ConsentData:
    given: bool
    given_on: dt.date
    language: str
    scan: UploadedFile | None = None


AnyPerson = TypeVar("AnyPerson", bound=PersonData)


def _person_values(data: PersonData | Person) -> dict:
    return {name: getattr(data, name) for name in PERSON_FIELDS}


def _cleaned(person: AnyPerson) -> AnyPerson:
    """The same person with the names as the forms clean them (core.text.one_line)."""
    names: dict[str, Any] = {name: text.one_line(getattr(person, name)) for name in NAME_FIELDS}
    return dataclasses.replace(person, **names)


def _check_details(details: FamilyDetails) -> None:
    text.bounded(details.address, limit=rules.ADDRESS_MAX, field=("family", "address"))
    if details.monthly_income < 0:
        raise DomainError(_("Income cannot be negative."), field=("family", "monthly_income"))
    if details.notify_by == "email" and not details.email:
        raise DomainError(_("Give an e-mail address to send messages by e-mail."), field=("family", "email"))


def _check_people(*, actor, mother: PersonData, children: Sequence[ChildData], spouse: PersonData | None, keep: set[int]) -> None:
    """The rules any caller must respect; ``keep`` are the ids of people already in this family."""
    if mother.iin is None:
        raise DomainError(_("The mother's IIN is required."), field=("mother", "iin"))
    for path, person in [(("mother",), mother), *((("children", i), c) for i, c in enumerate(children)), (("spouse",), spouse)]:
        if person is not None:
            _check_person(path, person)
    problems = rules.family_problems(
        mother_birth_date=mother.birth_date, mother_iin=mother.iin, children=children, spouse_iin=spouse.iin if spouse else None
    )
    if problems:
        path, message = problems[0]
        raise DomainError(message, field=path)
    _check_iins_are_new(actor=actor, mother=mother, children=children, spouse=spouse, keep=keep)


def _check_person(path: tuple, person: PersonData) -> None:
    """One person's own facts: a valid IIN, names with letters that fit the register, a birth date since 1900."""
    checks: list[tuple[str, Callable[[Any], None]]] = [("iin", rules.validate_iin)] if person.iin else []
    checks += [(name, text.validate_has_letters) for name in NAME_FIELDS if getattr(person, name) or name != "middle_name"]
    checks += [("birth_date", rules.validate_birth_date)] if person.birth_date else []
    for name, check in checks:
        try:
            check(getattr(person, name))
        except ValidationError as error:
            raise DomainError(error.messages[0], field=(*path, name)) from None
    for name in NAME_FIELDS:
        text.bounded(getattr(person, name), limit=rules.NAME_MAX, field=(*path, name))


def _iin_fields(*, mother, children, spouse) -> dict[str, tuple]:
    """Each IIN given, and the field it was given in."""
    wanted = {mother.iin: ("mother", "iin")}
    wanted.update({c.iin: ("children", i, "iin") for i, c in enumerate(children) if c.iin})
    if spouse and spouse.iin:
        wanted[spouse.iin] = ("spouse", "iin")
    return wanted


def _check_iins_are_new(*, actor, mother, children, spouse, keep: set[int]) -> None:
    wanted = _iin_fields(mother=mother, children=children, spouse=spouse)
    taken = (
        Person.objects.filter(iin__in=wanted)
        .exclude(pk__in=keep)
        .select_related("family_as_mother__centre", "family_as_spouse__centre", "as_child__family__centre")
    )
    for person in taken:
        raise _duplicate_iin(person, wanted[person.iin or ""], actor=actor)


def _duplicate_iin(person: Person, path, *, actor) -> DomainError:
    """The IIN is taken. Within the family's scope the refusal links to it; outside, it names only the
    centre that registered the family, to ask (no name, no IIN, no link: issue 9, item 8)."""
    family = (
        getattr(person, "family_as_mother", None)
        or getattr(person, "family_as_spouse", None)
        or getattr(getattr(person, "as_child", None), "family", None)
    )
    if family is None:
        return DomainError(_("A person with this IIN is already registered."), field=path)
    if Family.objects.visible_to(actor).filter(pk=family.pk).exists():
        link = reverse("families:detail", args=[family.pk])
        return DomainError(_("A person with this IIN is already registered."), field=path, link=link, record=family)
    centre = family.centre
    values = {"centre": centre.name, "phone": format_phone(centre.phone)}
    if centre.phone:
        message = _("A person with this IIN is already registered at another centre: %(centre)s, phone %(phone)s. Ask them.")
    else:
        message = _("A person with this IIN is already registered at another centre: %(centre)s. Ask them.")
    return DomainError(message % values, field=path, record=family)


def _save_person(person: Person, data: PersonData) -> Person:
    for name, value in _person_values(data).items():
        setattr(person, name, value if value != "" or name != "iin" else None)
    person.save()
    return person


def _unique_iin_race(error: IntegrityError, fields: dict[str, tuple]) -> DomainError | None:
    """Two staff saving the same IIN at the same moment (registering, or editing two families): both
    passed the check, the database's unique constraint decided. The refusal goes next to the field
    that held the IIN (PostgreSQL names it: "Key (iin)=(...) already exists")."""
    if "families_person_iin" not in str(error):
        return None
    iin = re.search(r"\(iin\)=\(([0-9]+)\)", str(error))
    field = fields.get(iin.group(1) if iin else "", ("mother", "iin"))
    return DomainError(_("A person with this IIN has just been registered by someone else."), field=field)


def family_register(
    *,
    actor,
    mother: PersonData,
    details: FamilyDetails,
    children: Sequence[ChildData],
    spouse: PersonData | None,
    consent: ConsentData,
) -> Family:
    """Registers a mother and her family at the actor's centre, with her consent, in one go."""
    if actor.centre_id is None:
        raise DomainError(_("Only the staff of a centre can register families."))
    if not consent.given:
        raise DomainError(_("Record the mother's consent to the processing of personal data first."), field=("consent", "given"))
    mother, children, spouse = _cleaned(mother), [_cleaned(child) for child in children], spouse and _cleaned(spouse)
    if late := rules.consent_problem(mother_birth_date=mother.birth_date, given_on=consent.given_on):
        raise DomainError(late, field=("consent", "given_on"))
    _check_details(details)
    _check_people(actor=actor, mother=mother, children=children, spouse=spouse, keep=set())
    text = ConsentText.current()
    if text is None:
        raise DomainError(_("There is no consent text in force. An administrator has to publish one."))
    try:
        with transaction.atomic():
            family = _create(actor=actor, mother=mother, details=details, children=children, spouse=spouse)
            _consent_given(family, consent, text=text, actor=actor)
            categories_refresh(family, actor=actor, record_changes=False)
            record_change(actor=actor, subject=family, action="family.register", data={"children": len(children)})
            tell_registered(family)
    except IntegrityError as error:
        raise (_unique_iin_race(error, _iin_fields(mother=mother, children=children, spouse=spouse)) or error) from error
    return family


def _create(
    *, actor, mother: PersonData, details: FamilyDetails, children: Sequence[ChildData], spouse: PersonData | None
) -> Family:
    family = Family(
        mother=_save_person(Person(), mother),
        spouse=_save_person(Person(), spouse) if spouse else None,
        district_id=actor.centre.district_id,
        centre_id=actor.centre_id,
        created_by=actor,
        **{name: getattr(details, name) for name in FAMILY_FIELDS},
    )
    family.save()
    for child in children:
        Child.objects.create(
            family=family, person=_save_person(Person(), child), **{flag: getattr(child, flag) for flag in CHILD_FLAGS}
        )
    return family


def _consent_given(family: Family, consent: ConsentData, *, text: ConsentText, actor) -> None:
    recorded = Consent.objects.create(
        family=family, text=text, language=consent.language, given_on=consent.given_on, recorded_by=actor, scan=consent.scan or ""
    )
    TimelineEntry.objects.create(**consent_given_entry(recorded, version=text.version))


def family_update(
    *,
    actor,
    family: Family,
    mother: PersonData,
    details: FamilyDetails,
    children: Sequence[ChildData],
    spouse: PersonData | None,
    version: int | None = None,
) -> Family:
    """Changes a family's facts, children included, and recomputes its categories.

    ``version`` is the family's version the edit page was opened on: when someone else has saved the
    family since, nothing is saved and ``EditConflict`` says so (None: the caller has just read it)."""
    try:
        return _update(
            actor=actor, family=family, mother=mother, details=details, children=children, spouse=spouse, version=version
        )
    except IntegrityError as error:
        raise (_unique_iin_race(error, _iin_fields(mother=mother, children=children, spouse=spouse)) or error) from error


@transaction.atomic
def _update(*, actor, family: Family, mother: PersonData, details: FamilyDetails, children, spouse, version) -> Family:
    with lock_timeout():
        family = Family.objects.select_for_update(of=("self",)).select_related("mother", "spouse").get(pk=family.pk)
    _check_version(family, version)
    require_consent(family)
    mother, children, spouse = _cleaned(mother), [_cleaned(child) for child in children], spouse and _cleaned(spouse)
    _check_details(details)
    existing = {child.pk: child for child in family.children.select_related("person")}
    _check_child_ids(children, existing)
    keep = {family.mother_id, *(c.person_id for c in existing.values())} | ({family.spouse_id} if family.spouse_id else set())
    _check_people(actor=actor, mother=mother, children=children, spouse=spouse, keep=keep)

    changed = [f"mother.{name}" for name, value in _person_values(mother).items() if getattr(family.mother, name) != value]
    _save_person(family.mother, mother)
    changed += [name for name in FAMILY_FIELDS if getattr(family, name) != getattr(details, name)]
    for name in FAMILY_FIELDS:
        setattr(family, name, getattr(details, name))
    changed += _update_spouse(family, spouse)
    changed += _update_children(family, existing, children)
    if changed:
        family.version += 1
    family.save()

    categories_refresh(family, actor=actor)
    if changed:
        record_change(actor=actor, subject=family, action="family.update", changed_fields=changed)
    return family


def _check_version(family: Family, version: int | None) -> None:
    """Under the row lock: the family is still as the edit page showed it."""
    if version is not None and version != family.version:
        raise EditConflict(
            _(
                "While you were editing, someone else saved changes to this family. Yours are not saved yet, and "
                "everything you typed is still below. Compare it with the current data, then save again."
            ),
            version=family.version,
            link=reverse("families:detail", args=[family.pk]),
        )


def _check_child_ids(children: Sequence[ChildData], existing: dict[int, Child]) -> None:
    seen: set[int] = set()
    for index, child in enumerate(children):
        if child.child_id is None:
            continue
        if child.child_id not in existing:
            raise DomainError(_("One of the children is not in this family any more. Reload the page."))
        if child.child_id in seen:
            raise DomainError(
                _("The same child is in the form twice. Open the form again to change the children."),
                field=("children", index, None),
            )
        seen.add(child.child_id)


def _update_spouse(family: Family, spouse: PersonData | None) -> list[str]:
    current = family.spouse
    if spouse is None:
        if current is None:
            return []
        family.spouse = None
        family.save(update_fields=["spouse"])
        current.delete()
        return ["spouse"]
    if current is None:
        family.spouse = _save_person(Person(), spouse)
        return ["spouse"]
    before = _person_values(current)
    _save_person(current, spouse)
    return [f"spouse.{name}" for name, value in before.items() if value != getattr(spouse, name)]


def _update_children(family: Family, existing: dict[int, Child], children: Sequence[ChildData]) -> list[str]:
    changed: list[str] = []
    kept = {c.child_id for c in children if c.child_id is not None}
    for child_id, child in existing.items():
        if child_id not in kept:
            person = child.person
            child.delete()
            person.delete()
            changed.append("children.removed")
    for data in children:
        if data.child_id is None:
            Child.objects.create(
                family=family, person=_save_person(Person(), data), **{flag: getattr(data, flag) for flag in CHILD_FLAGS}
            )
            changed.append("children.added")
            continue
        child = existing[data.child_id]
        before = {**_person_values(child.person), **{flag: getattr(child, flag) for flag in CHILD_FLAGS}}
        after = {**_person_values(data), **{flag: getattr(data, flag) for flag in CHILD_FLAGS}}
        if before != after:
            _save_person(child.person, data)
            for flag in CHILD_FLAGS:
                setattr(child, flag, getattr(data, flag))
            child.save()
            changed += [f"children.{name}" for name in after if before[name] != after[name]]
    return changed
