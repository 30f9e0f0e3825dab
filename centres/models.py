from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField

from core.scoping import ScopedQuerySet


class District(models.Model):
    """One of Almaty's eight districts. Created by a data migration; codes never change."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class CentreQuerySet(ScopedQuerySet):
    scope_district_field = "district"
    scope_centre_field = "pk"
    personal = False  # reference data: officials see their district's centres too


class Centre(models.Model):
    """A "Bakytty Otbasy" centre: the one window of its district."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="centres", verbose_name=_("district"))
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    # Translators: whether a centre is operating (receives visitors); not an appeal's status.
    is_active = models.BooleanField(pgettext_lazy("centre", "open"), default=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["district__name", "name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return self.name
