from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import extensions
from core.extensions import ActivityDate, BenchEndpoint, DemoStep, Desk, FamilyAction, MenuItem
from core.roles import CENTRE_ROLES, Role
from core.schedules import DefaultSchedule


class FamiliesConfig(extensions.PortalAppConfig):
    name = "families"
    verbose_name = _("Family registry")
    url_prefix = "families/"

    menu = [
        MenuItem(_("Today"), "families:today", CENTRE_ROLES, "calendar-check", order=10),
        MenuItem(_("Families"), "families:list", CENTRE_ROLES, "people", order=20),
        # Short, so that the longest menu (the centre head's) fits on one line at 1280 px.
        MenuItem(
            pgettext_lazy("main menu: register a family", "Register"),
            "families:register",
            frozenset({Role.REGISTRAR, Role.CENTRE_HEAD}),
            "person-plus",
            order=30,
        ),
    ]
    desks = [
        # A specialist without the consultations app lands on her centre's visits of the day (with it,
        # on her appointments: its desk has a lower order).
        Desk("families:today", frozenset({Role.REGISTRAR, Role.CENTRE_HEAD, Role.SPECIALIST})),
        Desk("families:list", frozenset({Role.GRANT_OFFICER})),
    ]
    schedules = [
        # After midnight in Almaty, so that a child who turned 18 today counts as an adult today.
        DefaultSchedule(
            name="Recompute family categories",
            task="families.tasks.recompute_categories",
            crontab={"minute": "15", "hour": "0", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        ),
        # After the night's anonymisations (retention, 02:30), before the morning's registrations.
        DefaultSchedule(
            name="Forget name words no family holds",
            task="families.tasks.forget_unused_name_words",
            crontab={"minute": "45", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        ),
    ]
    demo = DemoStep(run="families.demo.seed", after=("centres", "accounts"))
    family_actions = [
        FamilyAction(_("Record a visit"), "families:visit_new", "families.record_visit", "door-open", "primary", order=10),
        FamilyAction(_("New appeal"), "families:appeal_new", "families.open_appeal", "inboxes", order=20),
        FamilyAction(_("Edit"), "families:edit", "families.edit_family", "pencil", "outline-secondary", modal=False, order=80),
        FamilyAction(
            _("Who looked at this family"),
            "families:access_log",
            "families.read_access_log",
            "eye",
            "outline-secondary",
            modal=False,
            order=90,
        ),
        # First on the page of a family signed up online (the only one it shows on).
        FamilyAction(_("Verify"), "families:verify", "families.verify_family", "patch-check", "success", order=5),
    ]
    bench = [
        BenchEndpoint("family list (first page of the district)", "families.bench.family_list"),
        BenchEndpoint("search by name", "families.bench.name_search"),
        BenchEndpoint("search by a misspelt name (one vowel changed)", "families.bench.misspelt_name_search"),
        BenchEndpoint("search by IIN", "families.bench.iin_search"),
        BenchEndpoint("search by part of an IIN (six digits)", "families.bench.partial_iin_search"),
        BenchEndpoint("search by part of a phone (the last seven digits)", "families.bench.partial_phone_search"),
        BenchEndpoint("family page (opened again)", "families.bench.family_page"),
        BenchEndpoint("family page (first opening)", "families.bench.family_page_first_opening"),
    ]
    # What counts as the family still being served (the retention app anonymises a family with none
    # for its period): registering her, a visit, any step of an appeal, a referral.
    activity_dates = [
        ActivityDate("families.Family", "created_at", family_field="pk"),
        ActivityDate("families.Visit", "arrived_at"),
        ActivityDate("families.AppealStep", "at", family_field="appeal__family"),
        ActivityDate("families.Referral", "sent_at", family_field="appeal__family"),
    ]
    # Translators: what someone looked at, in the "who looked at this family" log (after "viewed" etc.).
    access_labels = {
        "families.family_detail": _("the family page"),
        "families.family_edit": _("the edit form"),
        "families.consent_scan": _("the signed consent copy"),
        "families.export": _("an export to Excel"),
        "families.duplicate_iin_check": _("a duplicate IIN check at registration"),
        "families.duplicate_name_check": _("a duplicate name check at registration"),
        "families.emergency_access": _("emergency access"),
        # What a change changed (the audit action of record_change).
        "family.register": _("the registration"),
        "family.update": _("the family's details"),
        "family.categories_changed": _("the categories"),
        "family.stop_optional_messages": _("the reminders (turned off)"),
        "family.anonymise": _("the removal of the family's personal data"),
        "family.self_register": _("her sign-up on the portal"),
        "family.link_account": _("her portal account (linked)"),
        "family.verify": _("the verification of her documents"),
        "family.set_phone": _("her phone number (changed by her)"),
        "family.set_preferences": _("her message preferences (changed by her)"),
        "consent.record": _("the consent"),
        "consent.withdraw": _("the consent (withdrawn)"),
        "consent.scan_delete": _("the signed consent copy (deleted)"),
        "visit.check_in": _("a visit"),
        "visit.serve": _("a visit (served)"),
        "appeal.open": _("an appeal"),
        "appeal.move": _("an appeal's status"),
        "referral.create": _("a referral"),
        "referral.outcome": _("a referral's answer"),
    }
    reference_data = [
        "families.migrations.0002_reference_data_and_search_index.forwards",
        "families.migrations.0007_timeline_table.rename_templates",
        "families.migrations.0009_consent_text_2026_2_and_message_wording.publish_consent_text",
        "families.migrations.0009_consent_text_2026_2_and_message_wording.reword_templates",
        "families.migrations.0016_family_verified_message.create_templates",
    ]

    @property
    def timeline_kinds(self):
        from families.timeline import KINDS

        return KINDS

    @property
    def indicators(self):
        # The registry's monthly figures for the officials' dashboards (they need the models, which are
        # not loaded while the app's config is).
        from families.indicators import INDICATORS

        return INDICATORS

    def ready(self) -> None:
        from families import receivers  # noqa: F401  (messages to a mother go on her timeline)
