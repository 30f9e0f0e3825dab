"""A family's timeline: everything that happened to it, from every app, read in one query.

Services write an entry as they act (``timeline_add``), with a kind that their app declared in its
``PortalAppConfig.timeline_kinds`` (``core.timeline.TimelineKind``); the family page reads them back
with ``timeline_for``, each title filled in in the reader's language. The registry's own kinds are
below; ``families.apps`` declares them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.extensions import timeline_kinds
from core.i18n import in_languages
from core.timeline import Entry, TimelineKind, midnight
from families.models import Family, TimelineEntry

KINDS = [
    TimelineKind("families.visit", "door-open", _("Came to %(centre)s: %(purposes)s")),
    TimelineKind("families.visit_served", "check2-circle", _("Served at the centre"), detail="what_was_done"),
    TimelineKind("families.appeal_opened", "inboxes", _("Appeal opened: %(kind)s"), detail="description"),
    TimelineKind("families.appeal_moved", "inboxes", _("Appeal “%(kind)s”: status “%(status)s”"), detail="comment"),
    TimelineKind("families.referral", "send", _("Referred to an agency: %(agency)s"), detail="expected_outcome"),
    TimelineKind("families.referral_answer", "envelope-open", _("Answer from an agency: %(agency)s"), detail="outcome"),
    TimelineKind("families.category_gained", "arrow-up-circle", _("Category given: %(category)s"), system_actor=_("daily check")),
    TimelineKind(
        "families.category_lost", "arrow-down-circle", _("Category removed: %(category)s"), system_actor=_("daily check")
    ),
    TimelineKind("families.consent_given", "file-earmark-check", _("Consent to data processing recorded (version %(version)s)")),
    TimelineKind("families.consent_withdrawn", "file-earmark-x", _("Consent to data processing withdrawn")),
    TimelineKind("families.self_registered", "phone", _("Signed up on the portal (not yet verified)")),
    TimelineKind("families.verified", "patch-check", _("Documents checked at %(centre)s: the family is verified")),
    TimelineKind("families.sms_sent", "chat-text", _("SMS sent: %(what)s"), detail="body"),
    TimelineKind("families.email_sent", "envelope", _("E-mail sent: %(what)s"), detail="body"),
    TimelineKind("families.sms_failed", "exclamation-triangle", _("SMS not delivered: %(what)s"), detail="failure"),
    TimelineKind("families.email_failed", "exclamation-triangle", _("E-mail not delivered: %(what)s"), detail="failure"),
]


def ref(record: models.Model) -> str:
    """How an entry names the record it is about: ``families.visit:12``."""
    return f"{record._meta.label_lower}:{record.pk}"


def timeline_add(
    *,
    family: Family | int,
    kind: str,
    actor=None,
    params: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
    about: models.Model | None = None,
) -> TimelineEntry:
    """Adds an entry to a family's timeline, in the caller's transaction. ``params`` are the values the
    kind's title and detail name: plain text, or ``core.i18n.in_languages(...)`` for text that is
    translated (a centre's name, a status); ``about`` is the record the entry is about."""
    if kind not in timeline_kinds():
        raise LookupError(f"no app declares the timeline kind {kind!r}")
    return TimelineEntry.objects.create(
        family_id=family if isinstance(family, int) else family.pk,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        params=dict(params or {}),
        at=at or timezone.now(),
        ref=ref(about) if about is not None else "",
    )


def translated(record, field: str) -> dict[str, str]:
    """A modeltranslation field's text in every language (its own column per language, falling back
    to the untranslated one), from a model or from a migration's historical model alike."""
    fallback = getattr(record, field)
    return {code: getattr(record, f"{field}_{code}", None) or fallback for code, _label in settings.LANGUAGES}


Fields = dict[str, Any]


@cache
def _labels(choice: models.Choices) -> tuple[tuple[str, str], ...]:
    return tuple(in_languages(choice.label).items())


def choice_in_languages(choice: models.Choices) -> dict[str, str]:
    """A choice's label in every language. The labels and their catalogs stay as they are while the
    process runs, so each is translated once (the demo data and the backfill write hundreds of
    thousands of entries)."""
    return dict(_labels(choice))


def _entry(
    entry_kind: str, /, *, family_id: int, actor_id=None, at=None, about: tuple[str, int] | None = None, **params
) -> Fields:
    return {
        "family_id": family_id,
        "kind": entry_kind,
        "actor_id": actor_id,
        "at": at or timezone.now(),
        "params": params,
        "ref": f"{about[0]}:{about[1]}" if about else "",
    }


# The registry's own entries, as the fields of a TimelineEntry: its services create them one by one,
# the demo data and the backfill of migration 0007 in bulk. They read only fields of the records (no
# lazy relations, no translation descriptors), so a migration's historical models serve as well.


def visit_entry(visit, *, centre, purposes) -> Fields:
    names = [translated(purpose, "name") for purpose in purposes]
    return _entry(
        "families.visit",
        family_id=visit.family_id,
        actor_id=visit.checked_in_by_id,
        at=visit.arrived_at,
        about=("families.visit", visit.pk),
        centre=translated(centre, "name"),
        purposes={code: ", ".join(name[code] for name in names) for code, _label in settings.LANGUAGES},
    )


def visit_served_entry(visit) -> Fields:
    return _entry(
        "families.visit_served",
        family_id=visit.family_id,
        actor_id=visit.served_by_id,
        at=visit.served_at,
        about=("families.visit", visit.pk),
        what_was_done=visit.what_was_done,
    )


def appeal_step_entry(appeal, step) -> Fields:
    from families.models import Appeal

    kind = choice_in_languages(Appeal.Kind(appeal.kind))
    about = ("families.appeal", appeal.pk)
    common = {"family_id": appeal.family_id, "actor_id": step.by_id, "at": step.at, "about": about}
    if not step.from_status:
        return _entry("families.appeal_opened", **common, kind=kind, description=appeal.description)
    status = choice_in_languages(Appeal.Status(step.to_status))
    return _entry("families.appeal_moved", **common, kind=kind, status=status, comment=step.comment)


def referral_entry(referral, *, family_id: int, agency) -> Fields:
    return _entry(
        "families.referral",
        family_id=family_id,
        actor_id=referral.sent_by_id,
        at=referral.sent_at,
        about=("families.referral", referral.pk),
        agency=translated(agency, "name"),
        expected_outcome=referral.expected_outcome,
    )


def referral_answer_entry(referral, *, family_id: int, agency) -> Fields:
    return _entry(
        "families.referral_answer",
        family_id=family_id,
        actor_id=referral.outcome_recorded_by_id,
        at=midnight(referral.outcome_on),
        about=("families.referral", referral.pk),
        agency=translated(agency, "name"),
        outcome=referral.outcome,
    )


def consent_given_entry(consent, *, version: str) -> Fields:
    return _entry(
        "families.consent_given",
        family_id=consent.family_id,
        actor_id=consent.recorded_by_id,
        at=consent.recorded_at,
        about=("families.consent", consent.pk),
        version=version,
    )


def consent_withdrawn_entry(consent) -> Fields:
    return _entry(
        "families.consent_withdrawn",
        family_id=consent.family_id,
        actor_id=consent.withdrawn_by_id,
        at=midnight(consent.withdrawn_on),
        about=("families.consent", consent.pk),
    )


def category_change_entry(change) -> Fields:
    from families.categories import Category

    return _entry(
        "families.category_gained" if change.gained else "families.category_lost",
        family_id=change.family_id,
        actor_id=change.by_id,
        at=change.at,
        about=("families.categorychange", change.pk),
        category=choice_in_languages(Category(change.category)),
    )


# The messages a mother's timeline shows: those sent, and those that could not be delivered (so that
# the front desk knows to tell her in person); a cancelled reminder is no event for her.
MESSAGE_KINDS = {
    ("sms", "sent"): "families.sms_sent",
    ("email", "sent"): "families.email_sent",
    ("sms", "failed"): "families.sms_failed",
    ("email", "failed"): "families.email_failed",
}


def message_entry(notification, *, what: dict[str, str], at: dt.datetime | None = None) -> Fields | None:
    """The entry of a message the outbox settled (None for one the timeline leaves out): ``what`` is the
    message's description in every language; ``at`` when it failed (sent: when it was sent)."""
    from notifications.models import Notification

    kind = MESSAGE_KINDS.get((notification.channel, notification.status))
    if kind is None:
        return None
    sent = notification.status == Notification.Status.SENT
    if sent:
        params = {"what": what, "body": notification.body}
    else:
        failure = Notification.Failure(notification.failure) if notification.failure else None
        params = {"what": what, "failure": choice_in_languages(failure) if failure else ""}
    return _entry(
        kind,
        family_id=notification.recipient_id,
        at=notification.sent_at if sent else at,
        about=("notifications.notification", notification.pk),
        **params,
    )


def timeline_for(family: Family, user) -> list[Entry]:
    """The family's timeline, newest first, as ``user`` may see it, in the active language (one query)."""
    kinds = timeline_kinds()
    entries = []
    rows = (
        TimelineEntry.objects.filter(family=family)
        .select_related("actor")
        .only("at", "kind", "params", *(f"actor__{field}" for field in ("username", "last_name", "first_name", "middle_name")))
        .order_by("-at", "-pk")
    )
    for row in rows:
        kind = kinds.get(row.kind)
        if kind is None or not kind.shown_to(user, row.params):
            continue
        entries.append(kind.entry(at=row.at, params=row.params, actor=str(row.actor or "")))
    return entries
