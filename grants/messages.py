"""What the grants tell the mother and the staff through the outbox (templates: migrations 0003, 0004)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from core.roles import Role
from families.messages import tell_mother
from grants.models import Application, Round, Status, Transition
from notifications.services import notify


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


def round_at_decision(round_: Round, *, before_commission: int) -> None:
    """Each active commission member: the round is before the commission, with how many applications and
    a link to its ranking, in her language. It names no mother. Once per member, round and stage: a round
    brought to the decision again (an administrator's correction) sends nothing more."""
    for member in User.objects.filter(role=Role.COMMISSION_MEMBER, is_active=True).order_by("pk"):
        if not (member.email or member.phone):
            continue
        with translation.override(member.language):
            context = {
                "name": member.first_name or member.get_full_name(),
                "round": str(round_.name),
                "programme": str(round_.programme.name),
                "count": str(before_commission),
                "link": settings.PORTAL_URL + reverse("grants:ranking", args=[round_.pk]),
            }
        notify(
            key="grant_round_decision",
            recipient=member.notification_recipient(),
            centre=None,  # a city-wide round: no centre's delivery log
            context=context,
            idempotency_key=f"grant-round:{round_.pk}:{round_.stage}:user:{member.pk}",
        )
