"""Reminders to the grant officers of the monitoring visits due at 6 and 12 months."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from core.phones import format_phone
from core.roles import Role
from grants.models import MonitoringVisit
from notifications.services import notify

AHEAD_DAYS = 7


@transaction.atomic
def visits_remind(*, today: dt.date | None = None) -> int:
    """Each visit due within a week and not yet reminded: one message to each active grant officer of the
    family's centre (once per visit: the idempotency key and ``reminded_at``)."""
    today = today or timezone.localdate()
    visits = list(
        MonitoringVisit.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(done_on__isnull=True, reminded_at__isnull=True, due_on__lte=today + dt.timedelta(days=AHEAD_DAYS))
        .select_related("application__family__centre")
    )
    officers: dict[int, list[User]] = {}
    for officer in User.objects.filter(role=Role.GRANT_OFFICER, is_active=True):
        officers.setdefault(officer.centre_id, []).append(officer)
    for visit in visits:
        centre = visit.application.family.centre
        for officer in officers.get(centre.pk, []):
            notify(
                key="grant_visit_due",
                recipient=officer.notification_recipient(),
                centre=centre,
                context={
                    "name": officer.first_name,
                    "number": visit.application.number,
                    "months": str(visit.months),
                    "due": date_format(visit.due_on, "SHORT_DATE_FORMAT"),
                    "centre": centre.name,
                    "centre_phone": format_phone(centre.phone),
                },
                idempotency_key=f"grant-visit:{visit.pk}:{officer.pk}",
            )
    MonitoringVisit.objects.filter(pk__in=[v.pk for v in visits]).update(reminded_at=timezone.now())
    return len(visits)
