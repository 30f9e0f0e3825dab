from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from families import iin as iin_rules
from families.search import search_key


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

    def save(self, *args, **kwargs):
        # The folded name always follows the name it is derived from.
        self.search_name = search_key(self.full_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

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
