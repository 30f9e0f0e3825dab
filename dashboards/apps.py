from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import extensions
from core.extensions import BenchEndpoint, DemoStep, Desk, MenuItem
from core.roles import OFFICIAL_ROLES, Role
from core.schedules import DefaultSchedule


class DashboardsConfig(extensions.PortalAppConfig):
    name = "dashboards"
    verbose_name = _("Dashboards and reports")
    url_prefix = "dashboards/"

    menu = [
        MenuItem(
            # Translators: the main menu's entry of the figures (dashboard) of a district or a centre.
            pgettext_lazy("main menu", "Figures"),
            "dashboards:district",
            frozenset({Role.DISTRICT_OFFICIAL}),
            "bar-chart-line",
            order=5,
        ),
        # The centre head's work is her centre's day: her figures come after it (under "More").
        MenuItem(
            pgettext_lazy("main menu", "Figures"),
            "dashboards:district",
            frozenset({Role.CENTRE_HEAD}),
            "bar-chart-line",
            order=60,
        ),
        MenuItem(
            pgettext_lazy("main menu", "Figures"), "dashboards:city", frozenset({Role.CITY_OFFICIAL}), "bar-chart-line", order=5
        ),
        MenuItem(_("Reports"), "dashboards:reports", OFFICIAL_ROLES, "file-earmark-bar-graph", order=6),
    ]
    # Officials land on their figures (lower than the centres page they had as a stand-in).
    desks = [
        Desk("dashboards:district", frozenset({Role.DISTRICT_OFFICIAL}), order=50),
        Desk("dashboards:city", frozenset({Role.CITY_OFFICIAL}), order=50),
    ]
    schedules = [
        # The figures of whatever changed, within minutes (the current month's, and a late entry's month).
        DefaultSchedule(name="Refresh the dashboards' figures", task="dashboards.tasks.refresh_rollups", every_seconds=300),
        # After the categories' daily recomputation (00:15), which changes families without saving them
        # one by one; and the month that has just ended, once more now that it is over.
        DefaultSchedule(
            name="Recompute the dashboards' figures at night",
            task="dashboards.tasks.refresh_rollups_nightly",
            crontab={"minute": "45", "hour": "0", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        ),
        DefaultSchedule(
            name="Build the monthly reports",
            task="dashboards.tasks.build_monthly_reports",
            crontab={"minute": "0", "hour": "6", "day_of_week": "*", "day_of_month": "1", "month_of_year": "*"},
        ),
    ]
    demo = DemoStep(run="dashboards.demo.seed", after=("families", "accounts"))
    bench = [
        BenchEndpoint(
            "city dashboard (the city official)", "dashboards.bench.city_dashboard", username="city", at_both_sizes=True
        )
    ]
    access_labels = {
        "dashboards.family_list": _("the families behind a figure"),
        "dashboards.report_file": _("a monthly report"),
        "dashboards.export": _("an export of figures"),
    }
    reference_data = [
        "dashboards.migrations.0002_rollup_state.create_state",
        "dashboards.migrations.0003_report_ready_message.create_templates",
    ]

    def ready(self) -> None:
        from dashboards import receivers

        receivers.connect()
