"""The family list as an XLSX file, in the user's language, IINs masked as on screen."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook


def families_workbook(families) -> tuple[bytes, list[int]]:
    """The workbook, and the ids of the families in it (for the access log)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Families"))
    sheet.append(
        [
            _("Registered"),
            _("Mother"),
            _("IIN"),
            _("Phone"),
            _("District"),
            _("Centre"),
            _("Children"),
            _("Large family"),
            _("Low-income"),
            _("Single-parent"),
            _("Has a disabled child"),
            _("Receives ASP"),
        ]
    )
    yes, no = _("yes"), _("no")
    ids = []
    for family in families.iterator(chunk_size=2000):
        sheet.append(
            [
                timezone.localtime(family.created_at).date(),
                family.mother.full_name,
                family.mother.masked_iin,
                family.phone.as_e164 if family.phone else "",
                family.district.name,
                family.centre.name,
                family.children_count,
                *(
                    yes if flag else no
                    for flag in (
                        family.is_large,
                        family.is_low_income,
                        family.is_single_parent,
                        family.has_disabled_child,
                        family.receives_asp,
                    )
                ),
            ]
        )
        ids.append(family.pk)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), ids
