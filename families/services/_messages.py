"""What the registry tells the mother, through the notification outbox, in her language."""

from django.utils import translation
from django.utils.formats import date_format

from notifications.services import notify


def _context(family, **extra) -> dict:
    with translation.override(family.language):
        centre = family.centre
        values = {
            "name": family.mother.first_name,
            "centre": centre.name,
            "centre_phone": centre.phone.as_national if centre.phone else "",
        }
        values.update({key: str(value) for key, value in extra.items()})
        return values


def tell_registered(family) -> None:
    notify(key="family_registered", family=family, context=_context(family), idempotency_key=f"family_registered:{family.pk}")


def tell_request_closed(request, step) -> None:
    family = request.family
    with translation.override(family.language):
        kind = request.get_kind_display()
    notify(
        key=f"request_{step.to_status}",
        family=family,
        context=_context(family, kind=kind, comment=step.comment),
        idempotency_key=f"request_step:{step.pk}",
    )


def tell_referred(referral) -> None:
    request, family = referral.request, referral.request.family
    with translation.override(family.language):
        kind, agency, due = request.get_kind_display(), referral.agency.name, date_format(referral.due_on, "SHORT_DATE_FORMAT")
    notify(
        key="request_referred",
        family=family,
        context=_context(family, kind=kind, agency=agency, due=due),
        idempotency_key=f"referral:{referral.pk}",
    )
