from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from accounts.permissions import ScopedQuerySet
from families import iin as iin_rules
from families.search import search_key
from notifications.models import Channel


class Sex(models.TextChoices):
    FEMALE = "f", _("female")
    MALE = "m", _("male")


class Person(models.Model):
    """Anyone the registry knows by IIN: a mother, her children, her spouse."""

    iin = models.CharField(_("IIN"), max_length=12, null=True, blank=True, unique=True)
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("middle name"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    # The folded Latin name (families.search.search_key), for the duplicate check.
    search_name = models.CharField(max_length=320, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.CheckConstraint(name="person_iin_is_12_digits", condition=Q(iin__regex=r"^[0-9]{12}$"))]
        indexes = [models.Index(fields=["birth_date", "search_name"], name="person_birth_date_name")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)

    @property
    def masked_iin(self) -> str:
        return iin_rules.mask(self.iin)

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.full_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


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


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")


class FamilyQuerySet(ScopedQuerySet):
    """Staff see the families of their centre's district and the families that came to their centre."""

    scope_district_field = "district"
    scope_owner_field = "mother_account"

    def scope_q(self, scope):
        condition = super().scope_q(scope)
        if scope.centre_id is not None:
            condition |= Q(pk__in=CentreGuest.objects.filter(centre_id=scope.centre_id).values("family_id"))
        return condition

    def with_list_data(self):
        # A correlated count rather than a join with GROUP BY: the list pages 25 rows out of many
        # thousands, and the pager's count() then leaves the annotation out.
        children = (
            Child.objects.filter(family=OuterRef("pk")).order_by().values("family").annotate(n=models.Count("pk")).values("n")
        )
        return self.select_related("mother", "centre", "district").annotate(children_count=Coalesce(Subquery(children), 0))


class FamilyRecordQuerySet(ScopedQuerySet):
    """Records about a family (visits, requests, ...): seen by the staff of the family's district, by the
    centre the record was made at, and by the mother herself."""

    scope_family_field = "family"
    scope_centre_field: str | None = None

    def scope_q(self, scope):
        if scope.all_districts:
            return Q()
        if scope.own_records_only:
            return Q(**{f"{self.scope_family_field}__mother_account": scope.user_id})
        condition = Q(**{f"{self.scope_family_field}__district_id__in": scope.district_ids})
        if scope.centre_id is not None and self.scope_centre_field:
            condition |= Q(**{f"{self.scope_centre_field}_id": scope.centre_id})
        return condition


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
        "centres.District", on_delete=models.PROTECT, related_name="families", verbose_name=_("district")
    )
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="families", verbose_name=_("registered at")
    )
    language = models.CharField(_("preferred language"), max_length=2, choices=Language.choices, default=Language.KAZAKH)
    marital_status = models.CharField(_("marital status"), max_length=16, choices=MaritalStatus.choices)
    monthly_income = models.DecimalField(_("monthly household income, ₸"), max_digits=12, decimal_places=2)
    housing = models.CharField(_("housing"), max_length=16, choices=Housing.choices)
    receives_asp = models.BooleanField(_("receives targeted social assistance (ASP)"), default=False)
    # How she wants to hear from the centre; messages about changes to her appointments, requests and
    # bookings always go, reminders and news only if she wants them.
    notify_by = models.CharField(_("messages by"), max_length=8, choices=Channel.choices, default=Channel.SMS)
    optional_messages = models.BooleanField(_("reminders and news"), default=True)

    # Derived categories: never typed in, kept up to date by families.services.categories_refresh.
    is_large = models.BooleanField(_("large family"), default=False, editable=False)
    is_low_income = models.BooleanField(_("low-income"), default=False, editable=False)
    is_single_parent = models.BooleanField(_("single-parent"), default=False, editable=False)
    has_disabled_child = models.BooleanField(_("has a disabled child"), default=False, editable=False)
    large_until = models.DateField(_("large family until"), null=True, blank=True, editable=False)
    categories_checked_on = models.DateField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

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
        ]
        indexes = [
            models.Index(fields=["district", "-created_at"], name="family_district_created"),
            # The staff's list, newest first: walked in order until a page of visible families is found.
            models.Index(fields=["-created_at", "-id"], name="family_created"),
            models.Index(fields=["centre", "-created_at"], name="family_centre_created"),
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

    @property
    def has_consent(self) -> bool:
        """Whether the latest consent on record stands (prefetch ``consents`` to avoid a query)."""
        latest = max(self.consents.all(), key=lambda c: (c.given_on, c.pk), default=None)
        return latest is not None and latest.withdrawn_on is None


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


class CategoryThresholds(models.Model):
    """The numbers the categories are computed with, as of a date. Edited by administrators."""

    valid_from = models.DateField(_("valid from"), unique=True)
    poverty_line = models.DecimalField(
        _("poverty line, ₸ per person per month"),
        max_digits=10,
        decimal_places=2,
        help_text=_("A family is low-income when its income per person is below this."),
    )
    large_family_children = models.PositiveSmallIntegerField(_("children for a large family"), default=4)
    child_age_limit = models.PositiveSmallIntegerField(_("counted as a child under the age of"), default=18)
    student_age_limit = models.PositiveSmallIntegerField(_("students counted under the age of"), default=23)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("category thresholds")
        verbose_name_plural = _("category thresholds")
        constraints = [
            models.CheckConstraint(
                name="thresholds_student_age_not_below_child_age", condition=Q(student_age_limit__gte=models.F("child_age_limit"))
            ),
            models.CheckConstraint(name="thresholds_positive", condition=Q(poverty_line__gt=0, large_family_children__gt=0)),
        ]

    def __str__(self) -> str:
        return str(self.valid_from)

    @classmethod
    def on(cls, day: dt.date) -> CategoryThresholds:
        found = cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        if found is None:
            raise cls.DoesNotExist(f"no category thresholds valid on {day}")
        return found


class Category(models.TextChoices):
    LARGE = "large", _("large family")
    LOW_INCOME = "low_income", _("low-income")
    SINGLE_PARENT = "single_parent", _("single-parent")
    DISABLED_CHILD = "disabled_child", _("has a disabled child")


class CategoryChangeQuerySet(FamilyRecordQuerySet):
    pass


class CategoryChange(models.Model):
    """A family gained or lost a category (for example, a child turned 18)."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="category_changes")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    gained = models.BooleanField(_("gained"))
    on = models.DateField(_("date"))
    at = models.DateTimeField(default=timezone.now)
    # Empty when the daily recomputation found it; otherwise who made the change that caused it.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = CategoryChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at"], name="category_change_at")]


class ConsentText(models.Model):
    """The wording of the consent to personal-data processing that the mother reads, by version."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    text = models.TextField(_("text"))
    valid_from = models.DateField(_("valid from"))

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return self.version

    @classmethod
    def current(cls) -> ConsentText | None:
        return cls.objects.filter(valid_from__lte=timezone.localdate()).order_by("-valid_from").first()


def consent_scan_path(instance, filename: str) -> str:
    return f"private/consents/{instance.family_id}/{timezone.now():%Y%m%d%H%M%S}-{filename[-60:]}"


class Consent(models.Model):
    """The mother's consent to the processing of her family's personal data, and its withdrawal."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+", verbose_name=_("text version"))
    language = models.CharField(_("language shown"), max_length=2, choices=Language.choices)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    scan = models.FileField(_("signed copy"), upload_to=consent_scan_path, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="consent_withdrawal_after_consent",
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
            )
        ]


class VisitPurpose(models.Model):
    """Why mothers come: a short list with names in every language (a data migration fills it)."""

    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("visit purpose")
        verbose_name_plural = _("visit purposes")

    def __str__(self) -> str:
        return self.name


class VisitQuerySet(FamilyRecordQuerySet):
    scope_centre_field = "centre"


class Visit(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SERVED = "served", _("served")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="visits")
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="visits", verbose_name=_("centre"))
    arrived_at = models.DateTimeField(_("arrived"), default=timezone.now)
    purposes = models.ManyToManyField(VisitPurpose, related_name="visits", verbose_name=_("purpose"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.WAITING)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    served_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("served by")
    )
    served_at = models.DateTimeField(null=True, blank=True)
    what_was_done = models.TextField(_("what was done"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_at", "-pk"]
        indexes = [
            models.Index(fields=["centre", "-arrived_at"], name="visit_centre_arrived"),
            models.Index(fields=["family", "-arrived_at"], name="visit_family_arrived"),
        ]
        constraints = [
            models.CheckConstraint(
                name="visit_served_has_who_and_when",
                condition=Q(status="waiting", served_by__isnull=True, served_at__isnull=True)
                | Q(status="served", served_by__isnull=False, served_at__gte=models.F("arrived_at")),
            )
        ]

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding and self.family.district_id != self.centre.district_id:
            CentreGuest.objects.bulk_create(
                [CentreGuest(centre_id=self.centre_id, family_id=self.family_id, since=self.arrived_at)], ignore_conflicts=True
            )


class CentreGuest(models.Model):
    """A family from another district that has come to a centre: the centre's staff see it too. One
    row per centre and family, written with the first such visit (bulk inserts of visits must write
    it too), so that scoping asks this small table instead of every visit. A family's district is
    the one it was registered in and never changes, so its own district's centres need no row."""

    # The unique (centre, family) index serves lookups by centre: no second index on centre alone.
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+", db_index=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "family"], name="centre_guest_once")]


class Agency(models.Model):
    """An outside agency the centres refer requests to (akimat departments, employment centre, ...)."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class RequestQuerySet(FamilyRecordQuerySet):
    scope_centre_field = "centre"


class Request(models.Model):
    """A "one window" request: something the family needs that the centre follows up to the end."""

    class Kind(models.TextChoices):
        HOUSING = "housing", _("housing")
        KINDERGARTEN = "kindergarten", _("kindergarten place")
        EMPLOYMENT = "employment", _("employment")
        MATERIAL_AID = "material_aid", _("material aid")
        LEGAL = "legal", _("legal help")
        PSYCHOLOGICAL = "psychological", _("psychological help")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        REFERRED = "referred", _("referred")
        RESOLVED = "resolved", _("resolved")
        DECLINED = "declined", _("declined")

    # Where a request may go from each status. Resolved and declined requests are closed.
    TRANSITIONS = {
        Status.OPEN: {Status.IN_PROGRESS, Status.REFERRED, Status.RESOLVED, Status.DECLINED},
        Status.IN_PROGRESS: {Status.REFERRED, Status.RESOLVED, Status.DECLINED},
        Status.REFERRED: {Status.IN_PROGRESS, Status.RESOLVED, Status.DECLINED},
        Status.RESOLVED: set(),
        Status.DECLINED: set(),
    }

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="requests")
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="requests", verbose_name=_("centre"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("what she asks for"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["centre", "status"], name="request_centre_status")]
        constraints = [
            models.CheckConstraint(
                name="request_closed_iff_resolved_or_declined",
                condition=(Q(status__in=["resolved", "declined"]) & Q(closed_at__gte=models.F("opened_at")))
                | (~Q(status__in=["resolved", "declined"]) & Q(closed_at__isnull=True)),
            )
        ]

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.RESOLVED, self.Status.DECLINED)

    def allowed_next(self) -> list[str]:
        return [status for status in self.Status.values if status in self.TRANSITIONS[self.status]]


class RequestStep(models.Model):
    """Each move of a request, with who made it and when."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=16, choices=Request.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Request.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]


class ReferralQuerySet(FamilyRecordQuerySet):
    scope_family_field = "request__family"
    scope_centre_field = "request__centre"

    def overdue(self, today: dt.date):
        return self.filter(outcome_on__isnull=True, due_on__lt=today)


class Referral(models.Model):
    """A request sent on to an outside agency, and what came back."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="referrals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("agency"))
    expected_outcome = models.TextField(_("expected outcome"))
    due_on = models.DateField(_("answer due by"))
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("outcome received on"), null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on"], name="referral_open_due", condition=Q(outcome_on__isnull=True))]
        constraints = [
            models.CheckConstraint(
                name="referral_outcome_with_date_and_who",
                condition=(Q(outcome="") & Q(outcome_on__isnull=True) & Q(outcome_recorded_by__isnull=True))
                | (~Q(outcome="") & Q(outcome_on__isnull=False) & Q(outcome_recorded_by__isnull=False)),
            )
        ]
