"""Emergency access ("break-glass"): the recorded way to a family outside one's scope.

A member of staff (centre staff, administrators) who truly needs such a family types its IIN and why,
and gets it for a few hours: it is then shown to her on its page (read-only: nothing can be changed,
listed or exported through it, see ``core.scoping.counts_emergency_access``), and the family's centre
head sees who opened it, why and until when in "who looked at this family".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AccessEvent
from audit.services import access_log, audit_log
from core import text
from core.errors import DomainError
from core.scoping import scope_for
from families import iin as iin_rules
from families.models import EmergencyAccess, Family, Person
from families.models.emergency import MAX_HOURS

HOURS = (1, 2, MAX_HOURS)
REASON_MIN = 10
REASON_MAX = 500


@dataclass(frozen=True)
class Opened:
    family: Family
    grant: EmergencyAccess | None  # None: the family was in her scope already, nothing was opened


def family_with_iin(iin: str) -> Family | None:
    """The family of the person with this IIN, whichever her place in it (mother, spouse, child)."""
    row = Person.objects.filter(iin=iin).values_list("family_as_mother", "family_as_spouse", "as_child__family").first()
    family_id = next((family_id for family_id in row or () if family_id), None)
    return Family.objects.filter(pk=family_id).first() if family_id else None


def open_emergency_access(*, actor, iin: str, reason: str, hours: int) -> Opened:
    """Opens the family with ``iin`` to ``actor`` for ``hours`` (1, 2 or 4), for ``reason``.

    A valid IIN that is nobody's is refused, and the lookup is still recorded in the access log (it
    says that someone looked for an IIN, not which). A family already in her scope opens nothing."""
    if not scope_for(actor).may_break_glass:
        raise DomainError(_("Your role cannot open a family through emergency access."))
    if hours not in HOURS:
        raise DomainError(_("Choose for how long: 1, 2 or 4 hours."), field="hours")
    reason = text.bounded(text.paragraphs(reason), limit=REASON_MAX, field="reason")
    if len(reason) < REASON_MIN:
        raise DomainError(
            _("Say why you need this family, in at least %(count)d characters.") % {"count": REASON_MIN}, field="reason"
        )
    iin = (iin or "").strip()
    if not iin_rules.is_valid(iin):
        raise DomainError(_("This IIN is not valid: its check digit does not match. Please check every digit."), field="iin")
    family = family_with_iin(iin)
    if family is None:
        access_log(actor=actor, action=AccessEvent.Action.EMERGENCY, what="families.emergency_access_not_found")
        raise DomainError(_("There is no family with this IIN."), field="iin")
    if Family.objects.visible_to(actor).filter(pk=family.pk).exists():
        return Opened(family, None)
    with transaction.atomic():
        now = timezone.now()
        grant = EmergencyAccess.objects.create(
            user=actor, family=family, reason=reason, started_at=now, expires_at=now + dt.timedelta(hours=hours)
        )
        audit_log(actor=actor, action="families.emergency_access", target=grant, data={"family": family.pk, "hours": hours})
        access_log(actor=actor, action=AccessEvent.Action.EMERGENCY, what="families.emergency_access", target=family)
    return Opened(family, grant)
