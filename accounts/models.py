from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.i18n import Language
from core.roles import CENTRE_ROLES, STAFF_ROLES, Role, Specialty
from core.scoping import ScopedQuerySet


class UserQuerySet(ScopedQuerySet):
    """Staff see the accounts of their district's staff (a centre head manages her centre's people);
    a mother sees her own. Staff accounts are not personal files: officials see their district's."""

    scope_owner_field = "pk"
    personal = False

    def scope_q(self, scope):
        condition = super().scope_q(scope)
        if scope.district_ids and not scope.all_districts:
            condition |= Q(centre__district_id__in=scope.district_ids) | Q(district_id__in=scope.district_ids)
        return condition


class OtbasyUserManager(UserManager.from_queryset(UserQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """Everyone who signs in: centre staff, officials, administrators and mothers."""

    middle_name = models.CharField(_("middle name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.MOTHER)
    specialty = models.CharField(_("specialty"), max_length=32, choices=Specialty.choices, blank=True)
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("centre")
    )
    district = models.ForeignKey(
        "centres.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("district"),
        help_text=_("Only for district officials."),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH)
    phone = PhoneNumberField(_("phone"), blank=True)

    objects = OtbasyUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_specialty_only_for_specialists",
                condition=(Q(role=Role.SPECIALIST) & ~Q(specialty="")) | (~Q(role=Role.SPECIALIST) & Q(specialty="")),
            ),
            models.CheckConstraint(
                name="user_centre_iff_centre_staff",
                condition=(Q(role__in=CENTRE_ROLES) & Q(centre__isnull=False))
                | (~Q(role__in=CENTRE_ROLES) & Q(centre__isnull=True)),
            ),
            models.CheckConstraint(
                name="user_district_iff_district_official",
                condition=(Q(role=Role.DISTRICT_OFFICIAL) & Q(district__isnull=False))
                | (~Q(role=Role.DISTRICT_OFFICIAL) & Q(district__isnull=True)),
            ),
            models.CheckConstraint(
                name="user_admin_site_only_for_administrators",
                condition=Q(is_staff=False) | Q(role=Role.ADMINISTRATOR),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)

    @property
    def is_staff_member(self) -> bool:
        """Works for the centres or the akimat (as opposed to a mother using the portal)."""
        return self.is_superuser or self.role in STAFF_ROLES

    def notification_recipient(self):
        """Staff are written to by e-mail when they have an address, else by SMS."""
        from notifications.models import Channel
        from notifications.recipients import Recipient

        channel = Channel.EMAIL if self.email else Channel.SMS
        return Recipient(
            channel=channel,
            address=self.email or str(self.phone or ""),
            language=self.language,
            name=self.get_full_name(),
            record=self,
        )

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.role == Role.SPECIALIST and not self.specialty:
            errors["specialty"] = _("A specialist needs a specialty.")
        if self.role != Role.SPECIALIST and self.specialty:
            errors["specialty"] = _("Only specialists have a specialty.")
        if self.role in CENTRE_ROLES and not self.centre_id:
            errors["centre"] = _("Centre staff must belong to a centre.")
        if self.role not in CENTRE_ROLES and self.centre_id:
            errors["centre"] = _("Only centre staff belong to a centre.")
        if self.role == Role.DISTRICT_OFFICIAL and not self.district_id:
            errors["district"] = _("A district official needs a district.")
        if self.role != Role.DISTRICT_OFFICIAL and self.district_id:
            errors["district"] = _("Only district officials are attached to a district.")
        if self.is_staff and self.role != Role.ADMINISTRATOR:
            errors["is_staff"] = _("Only administrators may use the administration site.")
        if errors:
            raise ValidationError(errors)


class UserSession(models.Model):
    """One row per signed-in session (written when she signs in, removed when she signs out), so that
    her sessions can be found and ended: Django's session table cannot be searched by user. A row whose
    session ended on its own (expired, a browser closed for good) is removed when she next signs in."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("user"))
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    signed_in_at = models.DateTimeField(_("signed in"), auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.signed_in_at:%Y-%m-%d %H:%M}"
