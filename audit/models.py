"""Two append-only logs: what was changed (``AuditEvent``) and who read or exported personal data
(``AccessEvent``). Rows hold codes, ids and field names, never values such as IINs or note text."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit rows cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit rows cannot be deleted")


class AppendOnlyModel(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("who")
    )
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("record type"),
        db_index=False,
    )
    target_id = models.CharField(_("record id"), max_length=64, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit rows cannot be deleted")


class AuditEvent(AppendOnlyModel):
    """Someone (or the system, when ``actor`` is empty) changed a record."""

    action = models.CharField(_("action"), max_length=64, db_index=True)
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta(AppendOnlyModel.Meta):
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id", "-at"], name="audit_event_target")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type_id}:{self.target_id}"


class AccessEvent(AppendOnlyModel):
    """Someone saw, changed or exported personal data."""

    class Action(models.TextChoices):
        # Translators: what someone did with a family's personal data, in the "who looked at this
        # family" log: saw it, changed it, exported it, printed it.
        VIEW = "view", pgettext_lazy("access", "viewed")
        CHANGE = "change", pgettext_lazy("access", "changed")
        EXPORT = "export", pgettext_lazy("access", "exported")
        PRINT = "print", pgettext_lazy("access", "printed")
        # Someone outside the family's scope opened it for a few hours, giving a reason (break-glass).
        EMERGENCY = "emergency", pgettext_lazy("access", "emergency access")

    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    what = models.CharField(_("what"), max_length=64, help_text=_("Page or export, e.g. families.family_detail"))
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    # The centre the actor worked at when she looked (staff move; the log keeps where she was then).
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("from centre")
    )

    class Meta(AppendOnlyModel.Meta):
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["target_type", "target_id", "-at"], name="access_event_target")]

    def __str__(self) -> str:
        return f"{self.action} {self.what}"


class SecurityEvent(AppendOnlyModel):
    """A refused sign-in or request, for the administrator to spot someone trying passwords, codes or
    other districts' records. ``actor`` is who was signed in (a refused request); ``target`` the account
    whose login was typed (a refused sign-in). Only the path is kept, with ids, never a query string or
    a value typed (the login typed for an unknown account is not kept either)."""

    class Kind(models.TextChoices):
        PASSWORD_FAILED = "password_failed", _("wrong password")
        CODE_FAILED = "code_failed", _("wrong sign-in code")
        FORBIDDEN = "forbidden", _("refused (403)")
        OUT_OF_SCOPE = "out_of_scope", _("record outside the user's scope (404)")

    kind = models.CharField(_("what happened"), max_length=32, choices=Kind.choices, db_index=True)
    method = models.CharField(_("method"), max_length=8, blank=True)
    path = models.CharField(_("path"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta(AppendOnlyModel.Meta):
        verbose_name = _("security log entry")
        verbose_name_plural = _("security log")

    def __str__(self) -> str:
        return f"{self.kind} {self.path}"
