from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record_change
from core.errors import DomainError
from core.locking import lock_timeout
from families.models import Family
from families.services.consent import require_consent
from notifications.models import Channel


@transaction.atomic
def family_stop_optional_messages(*, actor, family: Family) -> Family:
    """The mother wants no more reminders and news (``actor`` None: she used the link in an e-mail).
    Messages about her own appointments, appeals and bookings still go; messages already queued
    that are not essential are dropped when they fall due."""
    with lock_timeout():
        family = Family.objects.select_for_update().get(pk=family.pk)
    if family.optional_messages:
        family.optional_messages = False
        family.version += 1  # a fact the edit form shows: a page opened before must not turn them back on
        family.save(update_fields=["optional_messages", "version"])
        record_change(actor=actor, subject=family, action="family.stop_optional_messages", changed_fields=["optional_messages"])
    return family


def _locked(family: Family) -> Family:
    with lock_timeout():
        return Family.objects.select_for_update(of=("self",)).get(pk=family.pk)


def _save_changed(*, actor, family: Family, values: dict, action: str) -> Family:
    changed = [name for name, value in values.items() if getattr(family, name) != value]
    if changed:
        for name in changed:
            setattr(family, name, values[name])
        family.version += 1  # facts the edit form shows: a page opened before must not undo them
        family.save(update_fields=[*changed, "version", "updated_at"])
        record_change(actor=actor, subject=family, action=action, changed_fields=changed)
    return family


@transaction.atomic
def family_set_phone(*, actor, family: Family, phone: str) -> Family:
    """The mother's new number (she confirmed it with a code sent to it): the centre writes to it."""
    family = _locked(family)
    require_consent(family)
    return _save_changed(actor=actor, family=family, values={"phone": phone}, action="family.set_phone")


@transaction.atomic
def family_set_preferences(
    *, actor, family: Family, language: str, notify_by: str, email: str, optional_messages: bool
) -> Family:
    """How the mother wants to hear from the centre, set by herself in her cabinet."""
    family = _locked(family)
    require_consent(family)
    email = email.strip()
    if notify_by == Channel.EMAIL and not email:
        raise DomainError(_("Give an e-mail address to get messages by e-mail."), field="email")
    values = {"language": language, "notify_by": notify_by, "email": email, "optional_messages": optional_messages}
    return _save_changed(actor=actor, family=family, values=values, action="family.set_preferences")
