from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_change
from core import text
from core.errors import DomainError
from core.locking import lock_timeout
from families import rules
from families.models import CentreGuest, Family, TimelineEntry, Visit, VisitPurpose
from families.services.consent import require_consent
from families.timeline import visit_entry, visit_served_entry


def family_open_to_centre(*, family: Family, centre, since: dt.datetime | None = None) -> None:
    """From now on the staff of ``centre`` see ``family`` too. Every service that brings a family before
    a centre (a visit, an appointment or a booking there) calls it; nothing is written for a centre of
    the family's own district (its staff see the family already) or when the centre sees it already."""
    if family.district_id == centre.district_id:
        return
    CentreGuest.objects.bulk_create(
        [CentreGuest(centre_id=centre.pk, family_id=family.pk, since=since or timezone.now())], ignore_conflicts=True
    )


@transaction.atomic
def visit_check_in(*, actor, family: Family, purposes: Iterable[VisitPurpose], notes: str = "") -> Visit:
    """A mother arrives at the actor's centre; she waits at the front desk until someone serves her."""
    if actor.centre_id is None:
        raise DomainError(_("Only the staff of a centre can record visits."))
    purposes = list(purposes)
    if not purposes:
        raise DomainError(_("Choose at least one purpose of the visit."), field="purposes")
    notes = text.bounded(text.paragraphs(notes), limit=rules.NOTE_MAX, field="notes")
    require_consent(family)
    visit = Visit.objects.create(family=family, centre_id=actor.centre_id, checked_in_by=actor, notes=notes)
    visit.purposes.set(purposes)
    family_open_to_centre(family=family, centre=actor.centre, since=visit.arrived_at)
    TimelineEntry.objects.create(**visit_entry(visit, centre=actor.centre, purposes=purposes))
    record_change(actor=actor, subject=family, action="visit.check_in", target=visit)
    return visit


@transaction.atomic
def visit_mark_served(*, actor, visit: Visit, what_was_done: str, notes: str = "") -> Visit:
    with lock_timeout():
        visit = Visit.objects.select_for_update(of=("self",)).select_related("family").get(pk=visit.pk)
    require_consent(visit.family)
    if visit.status == Visit.Status.SERVED:
        raise DomainError(_("This visit is already marked as served."))
    what_was_done = text.bounded(text.paragraphs(what_was_done), limit=rules.DESCRIPTION_MAX, field="what_was_done")
    notes = text.bounded(text.paragraphs(notes), limit=rules.NOTE_MAX, field="notes")
    if not what_was_done:
        raise DomainError(_("Write what was done."), field="what_was_done")
    visit.status = Visit.Status.SERVED
    visit.served_by = actor
    visit.served_at = timezone.now()
    visit.what_was_done = what_was_done
    if notes:
        visit.notes = "\n".join(part for part in (visit.notes, notes) if part)
    visit.save()
    TimelineEntry.objects.create(**visit_served_entry(visit))
    record_change(
        actor=actor, subject=visit.family, action="visit.serve", target=visit, changed_fields=["status", "what_was_done"]
    )
    return visit
