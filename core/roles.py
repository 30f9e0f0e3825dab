"""The roles of the portal's users and the specialties of its specialists."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MOTHER = "mother", _("Mother")
    REGISTRAR = "registrar", _("Registrar")
    SPECIALIST = "specialist", _("Specialist")
    CENTRE_HEAD = "centre_head", _("Centre head")
    GRANT_OFFICER = "grant_officer", _("Grant officer")
    GRANT_REVIEWER = "reviewer", _("Grant reviewer")
    COMMISSION_MEMBER = "commission_member", _("Grant commission member")
    DISTRICT_OFFICIAL = "district_official", _("District official")
    CITY_OFFICIAL = "city_official", _("City official")
    ADMINISTRATOR = "administrator", _("Administrator")


class Specialty(models.TextChoices):
    LAWYER = "lawyer", _("Lawyer")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    EMPLOYMENT = "employment", _("Employment adviser")


# Staff of a centre work at one centre; officials look at a district or the whole city.
CENTRE_ROLES = frozenset({Role.REGISTRAR, Role.SPECIALIST, Role.CENTRE_HEAD, Role.GRANT_OFFICER})
OFFICIAL_ROLES = frozenset({Role.DISTRICT_OFFICIAL, Role.CITY_OFFICIAL})
CITY_WIDE_ROLES = frozenset({Role.CITY_OFFICIAL, Role.ADMINISTRATOR})
STAFF_ROLES = frozenset(set(Role) - {Role.MOTHER})
# The grants' reviewers and commission members: city-wide staff with no centre and no district, who see
# no family file, only the grant applications put before them (anonymised: grants.selectors).
GRANT_PANEL_ROLES = frozenset({Role.GRANT_REVIEWER, Role.COMMISSION_MEMBER})
