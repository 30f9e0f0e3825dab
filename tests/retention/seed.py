"""A family with everything that can name her: children, a spouse, two phones, an e-mail, an account,
visits with notes, appeals with comments, a referral with its answer, a signed consent, messages and
their timeline entries; written through the registry's own services where they exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from families.messages import tell_registered
from families.models import Agency, Family, VisitPurpose
from families.services import (
    appeal_move,
    appeal_open,
    referral_create,
    referral_record_outcome,
    visit_check_in,
    visit_mark_served,
)
from families.timeline import timeline_add
from tests.factories import MotherUserFactory
from tests.families.factories import ChildFactory, FamilyFactory, PersonFactory, years_ago

MOTHER = ("Жұмағалиева", "Сәулетай", "Ерболқызы")
SPOUSE = ("Жұмағалиев", "Қайратбек", "Серікұлы")
CHILDREN = [("Жұмағалиев", "Ерасылбек"), ("Жұмағалиева", "Мөлдіржан")]
PHONE = "+77015553311"
PHONE_EXTRA = "+77475553322"
EMAIL = "saule.zhumagali@example.kz"
ADDRESS = "Жетісу шағын ауданы, 3-үй, 47-пәтер"


@dataclass
class Seeded:
    family: Family
    secrets: list[str] = field(default_factory=list)


def seed_family(staff, *, with_account: bool = True) -> Seeded:
    """``staff``: a registrar (or head) of the family's centre."""
    mother = PersonFactory(last_name=MOTHER[0], first_name=MOTHER[1], middle_name=MOTHER[2])
    spouse = PersonFactory(last_name=SPOUSE[0], first_name=SPOUSE[1], middle_name=SPOUSE[2], sex="m", birth_date=years_ago(40))
    account = MotherUserFactory(username=PHONE, first_name=MOTHER[1], last_name=MOTHER[0], email=EMAIL) if with_account else None
    family = FamilyFactory(
        registrar=staff,
        mother=mother,
        spouse=spouse,
        phone=PHONE,
        phone_extra=PHONE_EXTRA,
        email=EMAIL,
        address=ADDRESS,
        mother_account=account,
    )
    children = [
        ChildFactory(family=family, person__last_name=last, person__first_name=first, person__birth_date=years_ago(6 + i))
        for i, (last, first) in enumerate(CHILDREN)
    ]
    _records(staff, family)
    if account is not None:
        _her_account(account, family, staff)
    people = [mother, spouse, *(child.person for child in children)]
    secrets = [PHONE, PHONE[2:], "8" + PHONE[2:], "701 555 33 11", PHONE_EXTRA[2:], EMAIL, ADDRESS]
    for person in people:
        secrets += [person.iin, person.last_name, person.first_name, person.search_name, *person.search_name.split()]
        if person.middle_name:
            secrets.append(person.middle_name)
    return Seeded(family=family, secrets=sorted({s for s in secrets if s}))


def _her_account(account, family: Family, staff) -> None:
    """Her portal account's own records (mothers app): the phone and IIN she signs in with, and a code
    sent to her phone (the outbox's message holds the number and the code)."""
    from mothers.models import MotherProfile, SmsCode
    from mothers.services import code_send

    MotherProfile.objects.create(user=account, phone=PHONE, iin=family.mother.iin, centre=staff.centre)
    code_send(phone=PHONE, purpose=SmsCode.Purpose.RESET, language="kk", user=account)


def _records(staff, family: Family) -> None:
    """A visit served, an appeal moved and referred with an answer, a signed copy, messages: each text
    naming her, her children or her spouse, her IIN or her numbers, as staff do write them."""
    name = f"{MOTHER[0]} {MOTHER[1]}"
    mother = family.mother
    visit = visit_check_in(
        actor=staff, family=family, purposes=[VisitPurpose.objects.first()], notes=f"{name} келді, тел. 8 701 555 33 11"
    )
    visit_mark_served(
        actor=staff,
        visit=visit,
        what_was_done=f"{MOTHER[1]} үшін өтініш жазылды, {CHILDREN[0][1]} мектебі",
        notes="тел. 87015553311",
    )
    appeal = appeal_open(actor=staff, family=family, kind="housing", description=f"{name}, ЖСН {mother.iin}, {ADDRESS}")
    appeal_move(actor=staff, appeal=appeal, to_status="in_progress", comment=f"{SPOUSE[1]} қоңырау шалды {PHONE_EXTRA}")
    referral = referral_create(
        actor=staff,
        appeal=appeal,
        agency=Agency.objects.first(),
        expected_outcome=f"{name} кезекке қойылсын",
        due_on=timezone.localdate() + dt.timedelta(days=5),
    )
    referral_record_outcome(
        actor=staff, referral=referral, outcome=f"{MOTHER[0]} кезекке қойылды", outcome_on=timezone.localdate()
    )
    consent = family.consents.get()
    consent.scan.save("signed.pdf", ContentFile(b"%PDF-1.4 " + MOTHER[0].encode()))
    tell_registered(family)  # a message in the outbox, with her name and number
    timeline_add(family=family, kind="families.sms_sent", params={"what": "registered", "body": f"{MOTHER[1]}, қош келдіңіз!"})
