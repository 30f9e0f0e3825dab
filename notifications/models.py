"""The outbox: every SMS and e-mail is a row written in the transaction of the event that causes it,
and Celery delivers it from there (see notifications/services.py for the life of a row)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template import Context, Template, TemplateSyntaxError, Variable
from django.template.base import TextNode, VariableNode
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.scoping import ScopedQuerySet


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("e-mail")


class MessageTemplate(models.Model):
    """What is said for one kind of event, in every language. Texts use Django template syntax:
    ``{{ name }}, ...``. Edited in the admin; Kazakh and Russian are required."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    description = models.CharField(_("when it is sent"), max_length=200)
    essential = models.BooleanField(
        _("essential"),
        default=False,
        help_text=_(
            "Essential messages (changes to her appointments, requests, bookings) go even to mothers "
            "who opted out of reminders and news."
        ),
    )
    # Declared by the data migration that adds the key, next to the code that fills them in.
    placeholders = models.CharField(
        _("placeholders"),
        max_length=200,
        blank=True,
        help_text=_("What the texts may use, e.g. {{ name }}: the code that sends this message fills these in."),
    )
    sms_text = models.TextField(_("SMS text"))
    email_subject = models.CharField(_("e-mail subject"), max_length=200)
    email_body = models.TextField(_("e-mail text"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        allowed = set(self.placeholders.split())
        errors = {}
        for field in self._meta.get_fields():
            text = getattr(self, field.name, None) if field.name.startswith(("sms_text", "email_subject", "email_body")) else None
            if text:
                problem = _placeholder_problem(text, allowed)
                if problem:
                    errors[field.name] = problem
        if errors:
            raise ValidationError(errors)

    def render(self, field: str, language: str, context: dict) -> str:
        """The text of ``field`` in ``language`` (with modeltranslation's fallbacks), filled in."""
        with translation.override(language):
            text = getattr(self, field)
            return Template(text).render(Context(context, autoescape=False)).strip()


def _placeholder_problem(text: str, allowed: set[str]) -> str | None:
    """Why a message text would not come out right, or None. An unknown {{ placeholder }} would be
    sent as nothing, an unclosed one as braces."""
    try:
        template = Template(text)
    except TemplateSyntaxError as error:
        return _("This text has a mistake in a {{ placeholder }}: %(error)s") % {"error": error}
    if any(not isinstance(node, (TextNode, VariableNode)) for node in template.nodelist):
        return _("Only {{ placeholders }} can be used in a message text, no other template tags.")
    for node in template.nodelist.get_nodes_by_type(TextNode):
        if any(mark in node.s for mark in ("{{", "}}", "{%", "%}")):
            return _("A {{ placeholder }} in this text is not closed or not opened.")
    for node in template.nodelist.get_nodes_by_type(VariableNode):
        variable = node.filter_expression.var
        name = variable.lookups[0] if isinstance(variable, Variable) and variable.lookups else None
        if name not in allowed:
            return _("This message has no placeholder %(name)s. It can use: %(allowed)s") % {
                "name": f"{{{{ {name or node.filter_expression.token} }}}}",
                "allowed": ", ".join(f"{{{{ {each} }}}}" for each in sorted(allowed)) or "—",
            }
    return None


class NotificationQuerySet(ScopedQuerySet):
    """A centre's staff see the messages of their centre; officials and administrators none."""

    scope_centre_field = "centre"


class Notification(models.Model):
    class Status(models.TextChoices):
        # Translators: the status of an SMS or e-mail in the delivery log.
        PENDING = "pending", pgettext_lazy("message status", "pending")
        SENDING = "sending", pgettext_lazy("message status", "sending")
        SENT = "sent", pgettext_lazy("message status", "sent")
        FAILED = "failed", pgettext_lazy("message status", "failed")
        CANCELLED = "cancelled", pgettext_lazy("message status", "cancelled")

    class Failure(models.TextChoices):
        GATEWAY = "gateway", _("the gateway did not answer after every try")
        REJECTED = "rejected", _("the gateway refused the message")
        INTERRUPTED = "interrupted", _("sending was interrupted: delivery unknown, not repeated")
        NO_ADDRESS = "no_address", _("no phone number or e-mail address")

    template = models.ForeignKey(MessageTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("message"))
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    to = models.CharField(_("sent to"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=2)
    context = models.JSONField(default=dict, blank=True)
    essential = models.BooleanField(default=False)
    # Who it is for: the record the caller's Recipient named (a family, a user), asked again for her
    # address when the message falls due; empty for a bare phone number. The outbox knows no app's models.
    recipient_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    recipient_id = models.PositiveBigIntegerField(null=True, blank=True)
    recipient = GenericForeignKey("recipient_type", "recipient_id")
    recipient_name = models.CharField(_("recipient"), max_length=200, blank=True)
    # The centre the message belongs to (a booking at another district's centre: that centre), whose
    # head sees it in the delivery log.
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, null=True, blank=True, related_name="notifications", db_index=False
    )
    # The same event can never make two messages: it always derives the same key.
    idempotency_key = models.CharField(max_length=200, unique=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    scheduled_for = models.DateTimeField(_("send at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    failure = models.CharField(_("why it failed"), max_length=16, choices=Failure.choices, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    provider_message_id = models.CharField(max_length=100, blank=True)
    body = models.TextField(_("text sent"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Translators: the time a message was sent.
    sent_at = models.DateTimeField(pgettext_lazy("time", "sent"), null=True, blank=True)
    # A sweep or a task claims a row before sending: claim_token says who, attempt_started_at that the
    # gateway may already have been called (then the row is never sent again automatically).
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    # Cancelled while an attempt was under way: if that attempt fails, the message is not tried again.
    cancel_requested = models.BooleanField(default=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_for", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["scheduled_for"], name="notification_due", condition=Q(status="pending")),
            models.Index(fields=["centre", "-scheduled_for"], name="notification_centre_time"),
            models.Index(fields=["status", "claimed_at"], name="notification_claims", condition=Q(status="sending")),
            models.Index(fields=["recipient_type", "recipient_id"], name="notification_recipient"),
        ]
        constraints = [
            models.CheckConstraint(
                name="notification_recipient_whole",
                condition=Q(recipient_type__isnull=True, recipient_id__isnull=True)
                | Q(recipient_type__isnull=False, recipient_id__isnull=False),
            ),
            models.CheckConstraint(name="notification_sent_has_time", condition=~Q(status="sent") | Q(sent_at__isnull=False)),
            models.CheckConstraint(
                name="notification_sending_is_claimed",
                condition=~Q(status="sending") | Q(claim_token__isnull=False, claimed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.key} → {self.masked_to}"

    @property
    def recipient_url(self) -> str:
        """The page of the record it went to, if it has one (prefetch ``recipient``)."""
        record = self.recipient if self.recipient_type_id else None
        return record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""

    @property
    def masked_to(self) -> str:
        """A phone or address as the delivery log shows it: +7701***4567, a***@mail.kz."""
        if self.channel == Channel.SMS and len(self.to) > 8:
            return f"{self.to[:5]}***{self.to[-4:]}"
        name, _, domain = self.to.partition("@")
        return f"{name[:1]}***@{domain}" if domain else self.to
