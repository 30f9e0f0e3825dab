"""The three kinds of consultation, the specialty that holds each, and how long a slot of each lasts by
default. A pure module: no database."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.roles import Specialty


class Kind(models.TextChoices):
    LEGAL = "legal", pgettext_lazy("consultation type", "legal")
    PSYCHOLOGICAL = "psychological", pgettext_lazy("consultation type", "psychological")
    EMPLOYMENT = "employment", pgettext_lazy("consultation type", "employment")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("by phone")
    VIDEO = "video", _("by video link")


# A specialist holds the consultations of her specialty.
KIND_OF_SPECIALTY = {
    Specialty.LAWYER: Kind.LEGAL,
    Specialty.PSYCHOLOGIST: Kind.PSYCHOLOGICAL,
    Specialty.EMPLOYMENT: Kind.EMPLOYMENT,
}
SPECIALTY_OF_KIND = {kind: specialty for specialty, kind in KIND_OF_SPECIALTY.items()}

# A slot's length when a plan does not say otherwise: a psychologist's session is longer than a
# lawyer's answer, an employment adviser's look at the vacancies shorter.
DEFAULT_SLOT_MINUTES = {Kind.LEGAL: 45, Kind.PSYCHOLOGICAL: 60, Kind.EMPLOYMENT: 30}


def kind_of(specialist) -> Kind:
    """The kind of consultation ``specialist`` (a user with a specialty) holds."""
    return KIND_OF_SPECIALTY[Specialty(specialist.specialty)]
