from __future__ import annotations

from django.db import transaction

from audit.services import record_change
from core.locking import lock_timeout
from families.models import Family


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
