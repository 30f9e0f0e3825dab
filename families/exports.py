"""The family list as an XLSX file (core.xlsx), in the user's language, IINs masked as on screen."""

from operator import attrgetter

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.phones import format_phone
from core.xlsx import Column, Sheet
from families.categories import Category


def family_columns() -> list[Column]:
    return [
        Column(_("Registered"), lambda family: timezone.localtime(family.created_at).date(), width=12),
        Column(_("Mother"), lambda family: family.mother.full_name, width=32),
        Column(_("IIN"), lambda family: family.mother.masked_iin, width=14),
        Column(_("Phone"), lambda family: format_phone(family.phone), width=17),
        Column(_("Address"), attrgetter("address"), width=40),
        Column(_("District"), lambda family: family.district.name, width=18),
        Column(_("Centre"), lambda family: family.centre.name, width=30),
        Column(_("Children"), attrgetter("children_count")),
        *(Column(capfirst(category.label), attrgetter(category.flag), width=16) for category in Category),
        Column(_("Receives ASP"), attrgetter("receives_asp")),
    ]


def families_sheet(families) -> Sheet:
    """``families`` with their list data (``Family.objects.with_list_data()``)."""
    return Sheet(title=_("Families"), columns=family_columns(), records=families)


def families_file_name() -> str:
    # Translators: the name of the exported file (".xlsx" is added); date is the day, as 2026-12-01.
    return _("Families %(date)s") % {"date": timezone.localdate().isoformat()}
