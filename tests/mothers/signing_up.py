"""What the sign-up and reset tests share: a valid sign-up form, the code from the test SMS outbox."""

import re

from families import iin as iin_rules
from notifications import sms
from tests.families.factories import valid_iin, years_ago

PASSWORD = "Балапан-2026-көктем"
PHONE = "+77015550188"


def sign_up_data(centre, **overrides) -> dict:
    return {
        "iin": valid_iin(years_ago(34), "f"),
        "last_name": "Серікқызы",
        "first_name": "Әйгерім",
        "middle_name": "",
        "phone": "8 701 555 01 88",
        "centre": str(centre.pk),
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        **overrides,
    }


def last_code(to: str = PHONE) -> str:
    """The six digits of the latest SMS sent to ``to`` (the locmem backend's outbox)."""
    texts = [message.text for message in sms.outbox if message.to == to]
    assert texts, f"no SMS to {to}: {sms.outbox}"
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


def birth_of(iin: str):
    return iin_rules.hint(iin).birth_date
