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
