"""The messages the services sent a demo family, as rows of the outbox: the registration SMS (or
e-mail), and a message for each referral and each appeal closed, in her language, with the key and
context the services give them (``families.messages``).

They are settled rows: sent, or failed with the gateway's reason — never pending, so that the worker
of ``make run`` has nothing to send and the demo texts nobody. Their timeline entries are the ones
the registry writes when the outbox settles a message (``families.timeline.message_entry``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from types import SimpleNamespace

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template, Variable
from django.template.base import TextNode, VariableNode
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from core.i18n import in_languages
from core.phones import format_phone
from families.demo.clock import Clock
from families.demo.reference import Reference
from families.demo.texts import FAILURES
from families.demo.weights import EMAIL_OUTCOMES, SMS_OUTCOMES
from families.models import Appeal, Family
from families.timeline import choice_in_languages, translated
from families.unsubscribe import unsubscribe_url
from notifications.models import Channel, Notification

Row = SimpleNamespace
Status = Notification.Status


class Messages:
    def __init__(self, rng: random.Random, clock: Clock, reference: Reference) -> None:
        self.rng = rng
        self.clock = clock
        self.reference = reference
        self.family_type_id = ContentType.objects.get_for_model(Family).pk
        self._texts: dict[tuple[str, str, str], Pieces | Template] = {}
        # A message's description in every language, as the registry's receiver stores it.
        self.descriptions = {key: in_languages(_description(template)) for key, template in reference.templates.items()}
        # The channels whose first message fails whatever the dice say, so that the delivery log has a
        # "send again" of each to show at any size (a few dozen e-mails may all go through).
        self._failure_owed = {Channel.EMAIL, Channel.SMS}

    def family(self, chunk, family: Row, mother: Row, appeals: list[Row]) -> None:
        """The messages of one family: on registration, then for its appeals' referrals and ends."""
        self._message(
            chunk, family, mother, "family_registered", family.created_at, family.centre, f"family_registered:{family.pk}"
        )
        for appeal in appeals:
            centre = self.reference.centre(appeal.centre_id)
            kind = choice_in_languages(Appeal.Kind(appeal.kind))[family.language]
            for referral in appeal.referrals_made:
                with translation.override(family.language):
                    due = date_format(referral.due_on, "SHORT_DATE_FORMAT")
                agency = translated(referral.agency, "name")[family.language]
                extra = {"kind": kind, "agency": agency, "due": due}
                self._message(
                    chunk, family, mother, "appeal_referred", referral.sent_at, centre, f"referral:{referral.pk}", extra
                )
            for step in appeal.steps_made:
                if step.to_status in Appeal.CLOSED:
                    key, extra = f"appeal_{step.to_status}", {"kind": kind, "comment": step.comment}
                    self._message(chunk, family, mother, key, step.at, centre, f"appeal_step:{step.pk}", extra)

    def _message(self, chunk, family: Row, mother: Row, key: str, at: dt.datetime, centre, idempotency_key: str, extra=None):
        template = self.reference.templates.get(key)
        if template is None:
            return
        by_email = family.notify_by == Channel.EMAIL
        language = family.language
        context = {
            "name": mother.first_name,
            "centre": translated(self.reference.names_of(centre), "name")[language],
            "centre_phone": format_phone(centre.phone),
            **(extra or {}),
        }
        outcome = (EMAIL_OUTCOMES if by_email else SMS_OUTCOMES).pick(self.rng)
        scheduled = min(at + dt.timedelta(seconds=self.rng.randint(1, 30)), self.clock.now)
        channel = Channel.EMAIL if by_email else Channel.SMS
        if channel in self._failure_owed:
            self._failure_owed.discard(channel)
            outcome = "gateway"
        row = chunk.notifications.add(
            template_id=template.pk,
            channel=channel.value,
            to=family.email if by_email else family.phone,
            language=language,
            context=context,
            essential=template.essential,
            recipient_type_id=self.family_type_id,
            recipient_id=family.pk,
            recipient_name=" ".join(part for part in (mother.last_name, mother.first_name, mother.middle_name) if part)[:200],
            centre_id=centre.pk,
            idempotency_key=idempotency_key,
            scheduled_for=scheduled,
            created_at=scheduled,
            **self._outcome(outcome, channel, template, family, context, scheduled),
        )
        # Not columns: what its timeline entry says, and when it failed.
        row.what = self.descriptions[key]
        row.settled_at = row.sent_at or min(scheduled + dt.timedelta(minutes=self._minutes(outcome)), self.clock.now)

    def _outcome(self, outcome: str, channel: str, template, family: Row, context: dict, scheduled: dt.datetime) -> dict:
        if outcome == "sent":
            return {
                "status": Status.SENT.value,
                "attempts": 1,
                "sent_at": min(scheduled + dt.timedelta(seconds=self.rng.randint(2, 40)), self.clock.now),
                "body": self._body(channel, template, family, context),
                "provider_message_id": str(self.rng.randrange(10**8, 10**9)) if channel == Channel.SMS else "",
                "failure": "",
                "last_error": "",
            }
        return {
            "status": Status.FAILED.value,
            # A gateway that did not answer was tried every time; a refusal is final at once.
            "attempts": settings.NOTIFICATIONS_MAX_ATTEMPTS if outcome == "gateway" else 1,
            "sent_at": None,
            "body": "",
            "provider_message_id": "",
            "failure": Notification.Failure(outcome).value,
            "last_error": self.rng.choice(FAILURES[channel, outcome]),
        }

    def _minutes(self, outcome: str) -> int:
        """How long the tries of a failed message lasted (the outbox waits longer after each)."""
        return self.rng.randint(10, 40) if outcome == "gateway" else 0

    def _body(self, channel: str, template, family: Row, context: dict) -> str:
        """What the outbox would have sent (``notifications.services._send``)."""
        language = family.language
        if channel == Channel.SMS:
            return self._render(template, "sms_text", language, context)
        body = self._render(template, "email_body", language, context)
        if not template.essential:
            with translation.override(language):
                footer = gettext("You get reminders and news from the Bakytty Otbasy centre. To stop them, open %(link)s")
            body += "\n\n-- \n" + footer % {"link": unsubscribe_url(family.pk, language)}
        return body

    def _render(self, template, field: str, language: str, context: dict) -> str:
        """``MessageTemplate.render``, without compiling the text for every message: a text of plain
        placeholders is kept as its pieces (a hundred times quicker to fill in than a template), any
        other as a compiled template. The values are text, as ``message_context`` makes them."""
        pieces = self._texts.get((template.key, field, language))
        if pieces is None:
            with translation.override(language):
                pieces = self._texts[template.key, field, language] = _pieces(Template(getattr(template, field)))
        if isinstance(pieces, Template):
            return pieces.render(Context(context, autoescape=False)).strip()
        return "".join(context.get(text, "") if placeholder else text for text, placeholder in pieces).strip()


Pieces = list[tuple[str, bool]]


def _description(template) -> Callable[[], str]:
    return lambda: template.description


def _pieces(template: Template) -> Pieces | Template:
    """The text's pieces: (literal text, False) or (a plain placeholder's name, True); the template
    itself when it has anything else (a filter, a dotted lookup)."""
    pieces: Pieces = []
    for node in template.nodelist:
        if isinstance(node, TextNode):
            pieces.append((node.s, False))
            continue
        if not isinstance(node, VariableNode) or node.filter_expression.filters:
            return template
        variable = node.filter_expression.var
        lookups = (variable.lookups or ()) if isinstance(variable, Variable) else ()
        if len(lookups) != 1:
            return template
        pieces.append((lookups[0], True))
    return pieces
