from django.utils.translation import gettext_lazy as _

from core import extensions


class HolidaysConfig(extensions.PortalAppConfig):
    """Kazakhstan's public holidays: days no centre works, shared by the consultations' calendars and the
    courses' lessons. Administrators edit them in the admin (the government moves days off each year)."""

    name = "holidays"
    verbose_name = _("Public holidays")
    reference_data = ["holidays.migrations.0002_kazakhstan_2026_2027.create_holidays"]
