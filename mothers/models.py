from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from families.iin import mask
from notifications.models import Channel
from notifications.recipients import Recipient


class MotherProfile(models.Model):
    """What a mother's portal account adds to ``accounts.User``: the phone she signs in with, confirmed by
    an SMS code and used by no other account, and the IIN and centre she signed up with.

    Her family is ``Family.mother_account``: the family the registry held (linked at sign-up when her
    IIN and phone matched it, or by a registrar), or the one her sign-up created. An account whose IIN
    belongs to a family she could not be linked to (another phone on record) waits for the desk."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mother_profile")
    phone = PhoneNumberField(_("phone"))
    iin = models.CharField(_("IIN"), max_length=12, db_index=True)
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("her district's centre")
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("mother's account")
        verbose_name_plural = _("mothers' accounts")
        constraints = [
            # One account per phone number: the services check first, for a friendly refusal.
            models.UniqueConstraint(fields=["phone"], name="mother_profile_phone_once"),
            models.CheckConstraint(name="mother_profile_iin_is_12_digits", condition=Q(iin__regex=r"^[0-9]{12}$")),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def masked_iin(self) -> str:
        return mask(self.iin)


class SmsCode(models.Model):
    """A six-digit code sent by SMS to prove that she holds a phone: to sign up, to reset her password,
    to change her number. Only its keyed digest is kept here; it works once, for a few minutes
    (``MOTHERS_CODE_MINUTES``), and a newer code for the same number and purpose replaces it.

    The outbox's message is filed under the code (its recipient record), so that the message, which
    holds her number and the code, goes with it: when her account is deleted (a code belongs to the
    account it opened or served), or a day after the code expired (``codes_forget``, daily)."""

    class Purpose(models.TextChoices):
        SIGN_UP = "sign_up", _("sign-up")
        RESET = "reset", _("password reset")
        NEW_PHONE = "new_phone", _("new phone number")

    phone = PhoneNumberField(_("phone"))
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    # The account it is for (a reset, a new number); none at sign-up, when there is no account yet.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    digest = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=2, default="kk")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    notifications = GenericRelation(
        "notifications.Notification",
        content_type_field="recipient_type",
        object_id_field="recipient_id",
        related_query_name="sms_code",
    )

    class Meta:
        verbose_name = _("SMS code")
        verbose_name_plural = _("SMS codes")
        indexes = [models.Index(fields=["phone", "purpose", "-created_at"], name="sms_code_latest")]
        constraints = [
            models.CheckConstraint(name="sms_code_expires_after_it_is_made", condition=Q(expires_at__gt=models.F("created_at")))
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.created_at:%Y-%m-%d %H:%M}"

    def notification_recipient(self) -> Recipient:
        """The bare number it went to (the outbox asks when the message falls due)."""
        return Recipient(channel=Channel.SMS, address=str(self.phone), language=self.language, record=self)
