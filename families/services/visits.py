from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from families.models import Family, Visit, VisitPurpose
from families.services._records import record_change
from families.services.consent import require_consent
from otbasy.errors import DomainError


@transaction.atomic
def visit_check_in(*, actor, family: Family, purposes: Iterable[VisitPurpose], notes: str = "") -> Visit:
    """A mother arrives at the actor's centre; she waits at the front desk until someone serves her."""
    if actor.centre_id is None:
        raise DomainError(_("Only the staff of a centre can record visits."))
    purposes = list(purposes)
    if not purposes:
        raise DomainError(_("Choose at least one purpose of the visit."), field="purposes")
    require_consent(family)
    visit = Visit.objects.create(family=family, centre_id=actor.centre_id, checked_in_by=actor, notes=notes)
    visit.purposes.set(purposes)
    record_change(actor=actor, family=family, action="visit.check_in", target=visit)
    return visit


@transaction.atomic
def visit_mark_served(*, actor, visit: Visit, what_was_done: str, notes: str = "") -> Visit:
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status == Visit.Status.SERVED:
        raise DomainError(_("This visit is already marked as served."))
    if not what_was_done.strip():
        raise DomainError(_("Write what was done."), field="what_was_done")
    visit.status = Visit.Status.SERVED
    visit.served_by = actor
    visit.served_at = timezone.now()
    visit.what_was_done = what_was_done.strip()
    if notes.strip():
        visit.notes = "\n".join(part for part in (visit.notes, notes.strip()) if part)
    visit.save()
    record_change(
        actor=actor, family=visit.family, action="visit.serve", target=visit, changed_fields=["status", "what_was_done"]
    )
    return visit
