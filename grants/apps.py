from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import extensions
from core.extensions import ActivityDate, BenchEndpoint, CabinetSection, DemoStep, Desk, FamilyAction, MenuItem
from core.roles import Role
from core.schedules import DefaultSchedule

OFFICER = frozenset({Role.GRANT_OFFICER})
REVIEWER = frozenset({Role.GRANT_REVIEWER})
COMMISSION = frozenset({Role.COMMISSION_MEMBER})


class GrantsConfig(extensions.PortalAppConfig):
    """ "Isker Ana" grants: programmes with budgets and district allocations, applications, eligibility,
    blind scored reviews, the commission's decision, tranches and monitoring after 6 and 12 months."""

    name = "grants"
    verbose_name = _("Grants")
    url_prefix = "grants/"
    menu = [
        # Translators: the main menu entry for grant applications (one short word).
        MenuItem(pgettext_lazy("main menu: grants", "Grants"), "grants:applications", OFFICER, "cash-coin", order=60),
        MenuItem(pgettext_lazy("main menu: grants", "Reviews"), "grants:my_reviews", REVIEWER, "clipboard-check", order=10),
        MenuItem(pgettext_lazy("main menu: grants", "Commission"), "grants:rounds", COMMISSION, "people", order=10),
    ]
    desks = [
        Desk("grants:my_reviews", REVIEWER, order=10),
        Desk("grants:rounds", COMMISSION, order=10),
    ]
    schedules = [
        DefaultSchedule(
            name="Remind grant officers of monitoring visits due",
            task="grants.tasks.remind_visits",
            crontab={"minute": "10", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        ),
    ]
    demo = DemoStep(run="grants.demo.seed", after=("families", "courses"))
    family_actions = [
        FamilyAction(_("Apply for a grant"), "grants:desk_apply", "grants.apply_at_desk", "cash-coin", modal=False, order=40),
    ]
    bench = [
        BenchEndpoint("grant round ranking", "grants.bench.ranking", username="grants"),
        BenchEndpoint("grant budget balance", "grants.bench.balance", username="grants"),
    ]
    cabinet_sections = [CabinetSection(_("My grant applications"), "grants:my_applications", order=30)]
    activity_dates = [ActivityDate("grants.Application", "updated_at")]
    access_labels = {
        "grants.application": _("a grant application"),
        "grants.document": _("a grant application's document"),
        "grants.export": _("a grant commission pack"),
        "grant.create": _("a grant application"),
        "grant.update": _("a grant application (draft)"),
        "grant.amend": _("a grant application (amended)"),
        "grant.document": _("a grant application's document"),
        "grant.tranche": _("a grant tranche"),
        "grant.visit": _("a grant monitoring visit"),
    }
    reference_data = [
        "grants.migrations.0003_message_templates.create_templates",
        "grants.migrations.0005_round_decision_message.create_templates",
    ]

    @property
    def indicators(self):
        from grants.indicators import INDICATORS

        return INDICATORS

    @property
    def ledgers(self):
        from grants.ledgers import LEDGERS

        return LEDGERS

    @property
    def timeline_kinds(self):
        from grants.timeline import KINDS

        return KINDS

    def ready(self) -> None:
        from grants import receivers  # noqa: F401  (what changes a ranking kept in the cache)
