"""Her own data as an XLSX file (core.xlsx), in her language: what the centre holds about her family,
her consents with the text she agreed to, her requests and visits, and which centres opened her file.
Her IIN and her children's are shown in full: it is her own file."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.phones import format_phone
from core.xlsx import Column, Sheet
from families.models import Family
from mothers.selectors import Openings


def _family_sheet(family: Family) -> Sheet:
    def spouse(field: str):
        return lambda f: getattr(f.spouse, field) if f.spouse else ""

    columns = [
        Column(_("Mother"), lambda f: f.mother.full_name, width=32),
        Column(_("IIN"), lambda f: f.mother.iin, width=14),
        Column(_("Birth date"), lambda f: f.mother.birth_date, width=12),
        Column(_("Phone"), lambda f: format_phone(f.phone), width=17),
        Column(_("Second phone"), lambda f: format_phone(f.phone_extra), width=17),
        Column(_("E-mail"), lambda f: f.email),
        Column(_("Address"), lambda f: f.address, width=40),
        Column(_("District"), lambda f: f.district.name, width=18),
        Column(_("Registered at"), lambda f: f.centre.name, width=30),
        Column(_("Registered"), lambda f: timezone.localtime(f.created_at).date(), width=12),
        Column(_("Verified"), lambda f: f.is_verified),
        Column(_("Preferred language"), lambda f: f.get_language_display()),
        Column(_("Marital status"), lambda f: f.get_marital_status_display()),
        Column(_("Spouse"), spouse("full_name"), width=32),
        Column(_("Spouse's IIN"), spouse("iin"), width=14),
        Column(_("Monthly income"), lambda f: f.monthly_income),
        Column(_("Housing"), lambda f: f.get_housing_display()),
        Column(_("Receives ASP"), lambda f: f.receives_asp),
        Column(_("Categories"), lambda f: ", ".join(str(category.label) for category in f.categories), width=40),
        Column(_("Messages by"), lambda f: f.get_notify_by_display()),
        Column(_("Reminders and news"), lambda f: f.optional_messages),
    ]
    return Sheet(_("Family"), columns, [family])


def _children_sheet(family: Family) -> Sheet:
    columns = [
        Column(_("Name"), lambda child: child.person.full_name, width=32),
        Column(_("IIN"), lambda child: child.person.iin, width=14),
        Column(_("Birth date"), lambda child: child.person.birth_date, width=12),
        Column(_("Disability"), lambda child: child.has_disability),
        Column(_("In full-time education"), lambda child: child.in_full_time_education),
        Column(_("Lives with the family"), lambda child: child.lives_with_family),
    ]
    return Sheet(_("Children"), columns, list(family.children.all()))


def _consents_sheet(family: Family) -> Sheet:
    columns = [
        Column(_("Given on"), lambda consent: consent.given_on, width=12),
        Column(_("Withdrawn on"), lambda consent: consent.withdrawn_on, width=12),
        Column(_("Text version"), lambda consent: consent.text.version),
        Column(_("Language shown"), lambda consent: consent.get_language_display()),
        Column(
            _("The text she agreed to"),
            lambda consent: getattr(consent.text, f"text_{consent.language}") or consent.text.text,
            width=80,
        ),
    ]
    return Sheet(_("Consents"), columns, list(family.consents.all()))


def _appeals_sheet(appeals) -> Sheet:
    columns = [
        Column(_("Opened"), lambda appeal: appeal.opened_at, width=16),
        Column(_("Kind"), lambda appeal: capfirst(appeal.get_kind_display()), width=24),
        Column(_("Status"), lambda appeal: appeal.get_status_display(), width=14),
        Column(_("Centre"), lambda appeal: appeal.centre.name, width=30),
        Column(_("Closed"), lambda appeal: appeal.closed_at, width=16),
        Column(_("What she asks for"), lambda appeal: appeal.description, width=60),
    ]
    return Sheet(_("Requests"), columns, appeals)


def _visits_sheet(visits) -> Sheet:
    columns = [
        Column(_("Arrived"), lambda visit: visit.arrived_at, width=16),
        Column(_("Centre"), lambda visit: visit.centre.name, width=30),
        Column(_("Purpose"), lambda visit: ", ".join(purpose.name for purpose in visit.purposes.all()), width=40),
        Column(_("Status"), lambda visit: visit.get_status_display()),
    ]
    return Sheet(_("Visits"), columns, visits)


def _openings_sheet(openings: list[Openings]) -> Sheet:
    columns = [
        Column(_("Centre"), lambda opening: opening.centre.name if opening.centre else _("the administration"), width=40),
        Column(_("Times opened"), lambda opening: opening.viewed),
        Column(_("Times exported"), lambda opening: opening.exported),
        Column(_("Last time"), lambda opening: opening.last, width=16),
    ]
    return Sheet(_("Who opened my file"), columns, openings)


def her_data_sheets(*, family: Family, appeals, visits, openings: list[Openings]) -> list[Sheet]:
    return [
        _family_sheet(family),
        _children_sheet(family),
        _consents_sheet(family),
        _appeals_sheet(appeals),
        _visits_sheet(visits),
        _openings_sheet(openings),
    ]


def her_data_file_name() -> str:
    # Translators: the name of the file a mother downloads with her own data (".xlsx" is added); date as 2026-12-01.
    return _("My data %(date)s") % {"date": timezone.localdate().isoformat()}
