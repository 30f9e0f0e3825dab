"""What the grants tell the mother and the officers through the outbox (templates: migration 0003)."""

from __future__ import annotations

from families.messages import tell_mother
from grants.models import Application, Status, Transition


def status_changed(application: Application, transition: Transition) -> None:
    """Her application's new status, in her language, once per move."""
    family = application.family
    tell_mother(
        family,
        key="grant_status_changed",
        centre=family.centre,
        idempotency_key=f"grant-status:{transition.pk}",
        number=application.number,
        status=Status(transition.target).label,
    )
