"""Anonymising a family: everything that names the mother, her children or her spouse is removed, and
the family's row stays for the figures (district, centre, categories, dates, counts of children,
visits and appeals). The retention app calls it when a family's retention period is over and when a
mother who withdrew her consent asks to be forgotten; a returning mother is simply registered again."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import user_sessions_end
from audit.services import audit_log, record_change
from core.errors import DomainError
from core.extensions import timeline_kinds
from core.locking import lock_timeout
from core.phones import format_phone
from families.models import Appeal, AppealStep, Consent, Family, Person, Referral, TimelineEntry, Visit
from families.services.name_words import lock_name_words, name_words_forget
from families.signals import family_anonymising
from notifications.services import notifications_forget

# What stands where a constraint wants a text (an agency's answer on record needs one).
REMOVED = "—"
# Name parts shorter than this are not looked for inside other texts (an initial would take out half
# of every word); the whole name and every longer part are.
_SHORTEST_PART = 3

FAMILY_FIELDS = ["phone", "phone_extra", "email", "address", "search_name", "mother_account", "optional_messages"]


class Redactor:
    """Takes every identifier of a family's people out of a text, or out of the texts of a JSON value."""

    def __init__(self, secrets: Iterable[str]) -> None:
        wanted = sorted({s.strip() for s in secrets if s and len(s.strip()) >= _SHORTEST_PART}, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(s) for s in wanted), re.IGNORECASE) if wanted else None

    def __call__(self, value: Any) -> Any:
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self._pattern.sub(REMOVED, value)
        if isinstance(value, dict):
            return {key: self(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self(item) for item in value]
        return value


def _phone_forms(phone) -> list[str]:
    """A number as it may have been typed into a text: +77011234567, 87011234567, 8 701 123 45 67, …"""
    e164 = str(phone or "")
    if not e164.startswith("+7") or len(e164) != 12:
        return [e164] if e164 else []
    national = e164[2:]
    return [e164, national, f"8{national}", f"7{national}", format_phone(e164), f"+7 {format_phone(e164)[2:]}"]


def identifiers(family: Family, people: Iterable[Person]) -> list[str]:
    """Every value that names someone of ``family``: IINs, names (whole and in parts, also folded to
    Latin for search), phones in their common forms, e-mail, address, the account's login."""
    found: list[str] = []
    for person in people:
        found += [person.iin or "", person.full_name, person.search_name, *person.search_name.split()]
        found += [part for name in (person.last_name, person.first_name, person.middle_name) for part in name.split()]
    found += _phone_forms(family.phone) + _phone_forms(family.phone_extra) + [family.email, family.address]
    if family.mother_account is not None:
        account = family.mother_account
        found += [account.username, account.email, account.first_name, account.last_name, *_phone_forms(account.phone)]
    return found


@transaction.atomic
def family_anonymise(*, actor, family: Family, reason: str) -> Family:
    """Removes the personal data of ``family`` (``reason`` is a code for the audit row: ``retention``,
    ``forget``). Refused, with nothing changed, for a family already anonymised."""
    with lock_timeout():
        family = (
            Family.objects.select_for_update(of=("self",)).select_related("mother", "spouse", "mother_account").get(pk=family.pk)
        )
        # Before any family is written here: her name's words then leave the search's vocabulary below.
        lock_name_words()
    if family.anonymised_at is not None:
        raise DomainError(_("This family's personal data has already been removed."))
    people = [family.mother, *([family.spouse] if family.spouse else []), *Person.objects.filter(as_child__family=family)]
    redact = Redactor(identifiers(family, people))
    _forget_records(family, redact)
    _forget_consents(actor, family)
    _forget_account(family)
    notifications_forget(family)
    family_anonymising.send(sender=Family, family=family, redact=redact)
    Person.objects.filter(pk__in=[person.pk for person in people]).update(
        iin=None, last_name="", first_name="", middle_name="", search_name="", birth_date=TruncYear("birth_date")
    )
    Family.objects.filter(pk=family.pk).update(
        phone="",
        phone_extra="",
        email="",
        address="",
        search_name="",
        mother_account=None,
        notify_by="sms",
        optional_messages=False,
        anonymised_at=timezone.now(),
        version=F("version") + 1,
    )
    name_words_forget(family.search_name.split())
    family.refresh_from_db()
    record_change(
        actor=actor, subject=family, action="family.anonymise", changed_fields=FAMILY_FIELDS, data={"reason": reason[:32]}
    )
    return family


def _forget_records(family: Family, redact: Redactor) -> None:
    """The free text of the family's records, and of its timeline (whose entries repeat it)."""
    Visit.objects.filter(family=family).update(what_was_done="", notes="")
    Appeal.objects.filter(family=family).update(description="")
    AppealStep.objects.filter(appeal__family=family).update(comment="")
    Referral.objects.filter(appeal__family=family).update(expected_outcome="")
    Referral.objects.filter(appeal__family=family).exclude(outcome="").update(outcome=REMOVED)
    kinds = timeline_kinds()
    entries = list(TimelineEntry.objects.filter(family=family).only("pk", "kind", "params"))
    for entry in entries:
        params = redact(entry.params)
        detail = kinds[entry.kind].detail if entry.kind in kinds else ""
        if detail and detail in params:
            params[detail] = ""
        entry.params = params
    TimelineEntry.objects.bulk_update(entries, ["params"], batch_size=500)


def _forget_consents(actor, family: Family) -> None:
    """The signed copies are deleted from storage (once the transaction commits: a rollback leaves
    them with their rows); a consent still in force ends today, since its purpose has."""
    consents = Consent.objects.filter(family=family).exclude(scan="")
    names = [name for name in consents.values_list("scan", flat=True) if name]
    consents.update(scan="")
    _delete_after_commit(names)
    today = timezone.localdate()
    withdrawer = actor if actor is not None and actor.is_authenticated else None
    Consent.objects.filter(family=family, withdrawn_on__isnull=True, given_on__lte=today).update(
        withdrawn_on=today, withdrawn_by=withdrawer
    )
    # A consent dated after today cannot exist (consent_record refuses it); kept simple if one does.
    Consent.objects.filter(family=family, withdrawn_on__isnull=True).update(withdrawn_on=F("given_on"), withdrawn_by=withdrawer)


def _delete_after_commit(names: list[str]) -> None:
    storage = Consent._meta.get_field("scan").storage

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def _forget_account(family: Family) -> None:
    """Her portal account, if she has one: signed out, unusable, with nothing that names her."""
    account = family.mother_account
    if account is None:
        return
    user_sessions_end(user=account)
    notifications_forget(account)
    account.username = f"anonymised-{account.pk}"
    account.first_name = account.last_name = account.middle_name = account.email = ""
    account.phone = ""
    account.is_active = False
    account.set_unusable_password()
    account.save()
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(account), object_id=str(account.pk)).update(
        object_repr=f"#{account.pk}", change_message=""
    )


def superseded_scans(superseded_by: dt.date):
    """Consents with a signed copy on file that stopped being in force on or before ``superseded_by``:
    withdrawn then, or followed by a newer consent of the family given by then."""
    newer = Consent.objects.filter(family=OuterRef("family"), given_on__lte=superseded_by).filter(
        Q(given_on__gt=OuterRef("given_on")) | Q(given_on=OuterRef("given_on"), pk__gt=OuterRef("pk"))
    )
    return Consent.objects.exclude(scan="").filter(Q(withdrawn_on__lte=superseded_by) | Exists(newer))


def consent_scans_delete_superseded(*, superseded_by: dt.date, limit: int = 500) -> int:
    """Deletes the signed copies of up to ``limit`` consents superseded on or before ``superseded_by``
    (withdrawn, or followed by a newer consent of the family), in one transaction that skips rows
    another holds; returns how many. Run again until it returns 0. The consent rows stay."""
    due = superseded_scans(superseded_by)
    with transaction.atomic():
        consents = list(due.order_by("pk").select_for_update(skip_locked=True).only("pk", "scan")[:limit])
        names = [consent.scan.name for consent in consents]
        Consent.objects.filter(pk__in=[consent.pk for consent in consents]).update(scan="")
        for consent in consents:
            audit_log(actor=None, action="consent.scan_delete", target=consent, data={"reason": "retention"})
        _delete_after_commit(names)
    return len(consents)
