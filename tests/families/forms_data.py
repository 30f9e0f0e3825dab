"""POST data for the registration form, as a browser sends it."""

from tests.families.factories import valid_iin, years_ago


def registration_post(*, children=4, mother_iin=None, **overrides) -> dict:
    mother_born = years_ago(36, 40)
    data = {
        "mother-iin": mother_iin or valid_iin(mother_born, "f"),
        "mother-last_name": "Жұмабекова",
        "mother-first_name": "Гүлнар",
        "mother-middle_name": "Асқарқызы",
        "mother-birth_date": mother_born.isoformat(),
        "family-phone": "8 701 555 12 34",
        "family-phone_extra": "",
        "family-email": "",
        "family-address": "Алматы, Абай даңғылы, 150, 12-пәтер",
        "family-language": "kk",
        "family-marital_status": "married",
        "family-monthly_income": "320 000",
        "family-housing": "rent",
        "family-notify_by": "sms",
        "family-optional_messages": "on",
        "spouse-iin": "",
        "spouse-last_name": "",
        "spouse-first_name": "",
        "spouse-middle_name": "",
        "spouse-birth_date": "",
        "children-TOTAL_FORMS": str(children),
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "0",
        "children-MAX_NUM_FORMS": "1000",
        "consent-given": "on",
        "consent-given_on": years_ago(0).isoformat(),
    }
    for index, child in enumerate(CHILDREN[:children]):
        data.update(child_post(index, *child))
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


CHILDREN = [(2, "Айша", "f"), (5, "Ерлан", "m"), (9, "Дана", "f"), (13, "Арман", "m"), (15, "Томирис", "f"), (16, "Санжар", "m")]


def child_post(index: int, age: int, name: str, sex: str) -> dict:
    born = years_ago(age, 10)
    return {
        f"children-{index}-iin": valid_iin(born, sex),
        f"children-{index}-last_name": "Жұмабеков" if sex == "m" else "Жұмабекова",
        f"children-{index}-first_name": name,
        f"children-{index}-middle_name": "",
        f"children-{index}-birth_date": born.isoformat(),
        f"children-{index}-sex": sex,
        f"children-{index}-lives_with_family": "on",
    }


def edit_post(family, **overrides) -> dict:
    """POST data for the edit form of ``family``, as its page shows it with nothing changed yet."""
    data = {
        **_person_post("mother", family.mother),
        "family-phone": str(family.phone),
        "family-phone_extra": str(family.phone_extra or ""),
        "family-email": family.email,
        "family-address": family.address,
        "family-language": family.language,
        "family-marital_status": family.marital_status,
        "family-monthly_income": str(int(family.monthly_income)),
        "family-housing": family.housing,
        "family-receives_asp": "on" if family.receives_asp else None,
        "family-notify_by": family.notify_by,
        "family-optional_messages": "on" if family.optional_messages else None,
        **_person_post("spouse", family.spouse),
        "record-version": str(family.version),
    }
    children = list(family.children.select_related("person").order_by("pk"))
    data.update({"children-TOTAL_FORMS": str(len(children)), "children-INITIAL_FORMS": str(len(children))})
    data.update({"children-MIN_NUM_FORMS": "0", "children-MAX_NUM_FORMS": "1000"})
    for index, child in enumerate(children):
        data.update(_person_post(f"children-{index}", child.person))
        data[f"children-{index}-child_id"] = str(child.pk)
        data[f"children-{index}-sex"] = child.person.sex
        for flag in ("has_disability", "in_full_time_education", "lives_with_family"):
            data[f"children-{index}-{flag}"] = "on" if getattr(child, flag) else None
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _person_post(prefix: str, person) -> dict:
    names = ("iin", "last_name", "first_name", "middle_name", "birth_date")
    if person is None:
        return {f"{prefix}-{name}": "" for name in names}
    values = {name: getattr(person, name) for name in names}
    values["birth_date"] = values["birth_date"].isoformat() if values["birth_date"] else ""
    return {f"{prefix}-{name}": value or "" for name, value in values.items()}
