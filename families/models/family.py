from __future__ import annotations

import dataclasses

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Exists, Lookup, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from core.i18n import PUBLIC_LANGUAGES, Language
from core.scoping import ScopedQuerySet, centre_condition
from families.categories import Category, held
from families.models.people import Person
from notifications.models import Channel


class MaritalStatus(models.TextChoices):
    MARRIED = "married", _("married")
    SINGLE = "single", _("single")
    DIVORCED = "divorced", _("divorced")
    WIDOWED = "widowed", _("widowed")


class Housing(models.TextChoices):
    OWN = "own", _("own home")
    RENT = "rent", _("rents")
    RELATIVES = "relatives", _("lives with relatives")
    WAITING_LIST = "waiting_list", _("on the housing waiting list")


class InArray(Lookup):
    """``column = ANY(array)``: unlike ``IN (subquery)``, an index on the column can find the array's keys."""

    lookup_name = "in_array"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def with_emergency(condition: Q, scope, family_path: str) -> Q:
    """``condition`` OR the rows of the families ``scope``'s user opened through an emergency access
    still running, on the pages that count them (``core.scoping.counts_emergency_access``). The one
    place a grant widens a scope: the family's querysets and the records that follow it call it."""
    if not scope.emergency or not condition:  # an empty Q() is every row already
        return condition
    from families.models.emergency import EmergencyAccess

    grants = EmergencyAccess.objects.active().filter(user_id=scope.user_id, family_id=OuterRef(family_path))
    return condition | Q(Exists(grants))


class FamilyQuerySet(ScopedQuerySet):
    """Staff see the families of their centres' districts and the families that came to their centres
    (``CentreGuest``; a specialist may work at several, ``core.scoping.further_centres``); a mother sees
    her own; officials none; administrators none; on a family's page, staff and administrators also the
    families of their running emergency accesses."""

    scope_district_field = "district"
    scope_owner_field = "mother_account"

    def scope_q(self, scope):
        condition = with_emergency(super().scope_q(scope), scope, "pk")
        if self._sees_guests(scope):
            # EXISTS rather than IN (subquery): the planner then reckons the guests as few as they are
            # (it took the subquery for half of the families, and read a common surname's newest
            # families one by one), and checks one family with one probe of the unique index.
            guest = CentreGuest.objects.filter(centre_condition("centre_id", scope), family_id=OuterRef("pk"))
            condition |= Q(Exists(guest))
        return condition

    @staticmethod
    def _sees_guests(scope) -> bool:
        return scope.centre_id is not None and not scope.all_districts and not scope.official

    def verified(self):
        """The families the registry vouches for: registered at a desk, or signed up online and then
        verified by a registrar. Figures that count registered families count these."""
        return self.filter(VERIFIED)

    def awaiting_verification(self):
        """Families a mother signed up online that no registrar has verified yet (the desk's queue)."""
        return self.filter(self_registered=True, verified_at__isnull=True)

    def with_list_data(self, *, district: bool = True):
        # A correlated count rather than a join with GROUP BY: the list pages 25 rows out of many
        # thousands, and the pager's count() then leaves the annotation out.
        children = (
            Child.objects.filter(family=OuterRef("pk")).order_by().values("family").annotate(n=models.Count("pk")).values("n")
        )
        related = ["mother", "centre", *(["district"] if district else [])]
        return self.select_related(*related).annotate(children_count=Coalesce(Subquery(children), 0))


# Registered at a desk, or signed up online and verified since (see Family.self_registered).
VERIFIED = Q(self_registered=False) | Q(verified_at__isnull=False)


class FamilyRecordQuerySet(ScopedQuerySet):
    """Records about a family (visits, appeals, and other apps' appointments or bookings): seen by the
    staff of the family's district, by the staff of the centre the record was made at (a subclass sets
    ``scope_centre_field``), and by the mother herself."""

    scope_district_field = "family__district"
    scope_owner_field = "family__mother_account"
    scope_family_field = "family_id"  # the family whose emergency accesses open the record

    def scope_q(self, scope):
        return with_emergency(super().scope_q(scope), scope, self.scope_family_field)


class FamilyPartQuerySet(ScopedQuerySet):
    """Parts of a family's own file (its consents, its timeline): seen by exactly those who see the
    family."""

    def scope_q(self, scope):
        return Q(family__in=Family.objects.filter(Family.objects.none().scope_q(scope)).values("pk"))


class Family(models.Model):
    """A mother and the household she brings to the centre."""

    mother = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="family_as_mother", verbose_name=_("mother"))
    # The mother's folded name, kept here so that name search looks through mothers only (not their
    # children and spouses) without a join; a trigram GIN index backs it on PostgreSQL.
    search_name = models.CharField(max_length=320, editable=False, default="")
    spouse = models.OneToOneField(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="family_as_spouse", verbose_name=_("spouse")
    )
    # The mother's account on the portal, once she has one (she then sees her own records).
    mother_account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="family"
    )
    phone = PhoneNumberField(_("phone"), db_index=True)
    phone_extra = PhoneNumberField(_("second phone"), blank=True, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300)
    district = models.ForeignKey(
        "centres.District", on_delete=models.PROTECT, related_name="families", verbose_name=_("district"), db_index=False
    )
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="families", verbose_name=_("registered at"), db_index=False
    )
    language = models.CharField(_("preferred language"), max_length=2, choices=PUBLIC_LANGUAGES, default=Language.KAZAKH)
    marital_status = models.CharField(_("marital status"), max_length=16, choices=MaritalStatus.choices)
    monthly_income = models.DecimalField(_("monthly household income, ₸"), max_digits=12, decimal_places=2)
    housing = models.CharField(_("housing"), max_length=16, choices=Housing.choices)
    receives_asp = models.BooleanField(_("receives targeted social assistance (ASP)"), default=False)
    # How she wants to hear from the centre; messages about changes to her appointments, requests and
    # bookings always go, reminders and news only if she wants them.
    notify_by = models.CharField(_("messages by"), max_length=8, choices=Channel.choices, default=Channel.SMS)
    optional_messages = models.BooleanField(_("reminders and news"), default=True)
    # The outbox's messages to her (it knows no families: it names her by content type and id). They
    # hold her number and what was said to her, so deleting the family deletes them too.
    notifications = GenericRelation(
        "notifications.Notification",
        content_type_field="recipient_type",
        object_id_field="recipient_id",
        related_query_name="family",
    )

    # Derived categories (families.categories.Category): never typed in, kept up to date by
    # families.services.categories_refresh.
    is_large = models.BooleanField(Category.LARGE.label, default=False, editable=False)
    is_low_income = models.BooleanField(Category.LOW_INCOME.label, default=False, editable=False)
    is_single_parent = models.BooleanField(Category.SINGLE_PARENT.label, default=False, editable=False)
    has_disabled_child = models.BooleanField(Category.DISABLED_CHILD.label, default=False, editable=False)
    large_until = models.DateField(_("large family until"), null=True, blank=True, editable=False)
    categories_checked_on = models.DateField(null=True, blank=True, editable=False)

    # Moves on with every write to the family's facts (what the edit form shows: hers, her children's and
    # her spouse's): a save made on a page opened on an older version is refused (optimistic concurrency,
    # families.services.family_update), so that two staff editing at once never lose a change silently.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the family's personal data was removed (families.services.family_anonymise): the row
    # stays for the figures (district, categories, dates, counts), with nothing left that names anyone.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # A mother who signed up on the portal and whom the registry did not know (mothers app): her family is
    # on record with what she typed (IIN, name, phone, district) and her consent, and nothing else, until a
    # registrar has seen her documents at a visit and completed the file (families.services.family_verify).
    # Until then it holds no category and is not counted as a registered family (``verified()``).
    self_registered = models.BooleanField(_("signed up online"), default=False, db_default=False, editable=False)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    objects = FamilyQuerySet.as_manager()

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        constraints = [
            models.CheckConstraint(name="family_income_not_negative", condition=Q(monthly_income__gte=0)),
            models.CheckConstraint(
                name="family_large_until_only_when_large", condition=Q(is_large=True) | Q(large_until__isnull=True)
            ),
            models.CheckConstraint(name="family_email_messages_need_an_address", condition=Q(notify_by="sms") | ~Q(email="")),
            models.CheckConstraint(
                name="family_verified_only_if_self_registered",
                condition=Q(self_registered=True) | (Q(verified_at__isnull=True) & Q(verified_by__isnull=True)),
            ),
            models.CheckConstraint(
                name="family_verified_by_someone", condition=Q(verified_at__isnull=True) | Q(verified_by__isnull=False)
            ),
        ]
        indexes = [
            models.Index(fields=["district", "-created_at"], name="family_district_created"),
            # The staff's list, newest first: walked in order until a page of visible families is found.
            models.Index(fields=["-created_at", "-id"], name="family_created"),
            models.Index(fields=["centre", "-created_at"], name="family_centre_created"),
            # The desk's verification queue: a few families among a hundred thousand.
            models.Index(
                fields=["district", "created_at"],
                name="family_awaiting_verification",
                condition=Q(self_registered=True, verified_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return str(self.mother)

    def save(self, *args, **kwargs):
        # Follow the mother's name whenever she is at hand (the services change her name with her loaded).
        if Family.mother.field.is_cached(self):
            self.search_name = self.mother.search_name
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("families:detail", args=[self.pk])

    @property
    def categories(self) -> list[Category]:
        return held(self)

    @property
    def is_verified(self) -> bool:
        """Registered at a desk, or signed up online and verified by a registrar since."""
        return not self.self_registered or self.verified_at is not None

    @property
    def has_consent(self) -> bool:
        """Whether the latest consent on record stands (prefetch ``consents`` to avoid a query)."""
        latest = max(self.consents.all(), key=lambda c: (c.given_on, c.pk), default=None)
        return latest is not None and latest.withdrawn_on is None

    def notification_recipient(self):
        """Where and how she wants the outbox to reach her, asked again when a message falls due: by
        then she may have withdrawn her consent (or her data was removed), and nothing goes to her."""
        from families.messages import recipient_for

        return dataclasses.replace(recipient_for(self), reachable=self.anonymised_at is None and self.has_consent)


class Child(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="children", verbose_name=_("family"))
    # One-to-one: a child belongs to one family only.
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="as_child", verbose_name=_("child"))
    has_disability = models.BooleanField(_("disability"), default=False)
    in_full_time_education = models.BooleanField(_("in full-time education"), default=False)
    lives_with_family = models.BooleanField(_("lives with the family"), default=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["person__birth_date", "pk"]

    def __str__(self) -> str:
        return str(self.person)


class CentreGuest(models.Model):
    """A family from another district that has come to a centre: the centre's staff see it too. One
    row per centre and family, written by ``families.services.family_open_to_centre`` (which every
    service that brings a family before a centre calls), so that scoping asks this small table instead
    of every visit. A family's district is the one it was registered in and never changes, so its own
    district's centres need no row."""

    # The unique (centre, family) index serves lookups by centre: no second index on centre alone.
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+", db_index=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "family"], name="centre_guest_once")]

    def __str__(self) -> str:
        return f"{self.family_id}@{self.centre_id}"
