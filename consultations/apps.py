from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import extensions
from core.extensions import (
    ActivityDate,
    BenchEndpoint,
    CabinetSection,
    DemoStep,
    Desk,
    FamilyAction,
    FamilySection,
    MenuItem,
    VisitLink,
)
from core.roles import CENTRE_ROLES, Role

SPECIALISTS = frozenset({Role.SPECIALIST})
FOLLOW_UPS = frozenset({Role.SPECIALIST, Role.CENTRE_HEAD})


class ConsultationsConfig(extensions.PortalAppConfig):
    """Legal, psychological and employment consultations: specialists' plans at their centres, the
    calendars with their free slots, appointments that never double-book, confidential case notes,
    outcomes and follow-ups."""

    name = "consultations"
    verbose_name = _("Consultations")
    url_prefix = "consultations/"
    menu = [
        # Translators: the specialist's main-menu entry for her appointments of the day (short).
        MenuItem(pgettext_lazy("main menu: the specialist's day", "My day"), "consultations:my_day", SPECIALISTS, "sun", order=5),
        # Translators: the main-menu entry for the centre's consultation calendar (one short word).
        MenuItem(
            pgettext_lazy("main menu: the consultation calendar", "Calendar"),
            "consultations:calendar",
            CENTRE_ROLES,
            "calendar3",
            # After the registry's, the centres' and the messages' entries: where a role has more than
            # fits, the consultations' go under "More".
            order=55,
        ),
        MenuItem(
            pgettext_lazy("main menu: follow-ups", "Follow-ups"), "consultations:follow_ups", FOLLOW_UPS, "arrow-repeat", order=65
        ),
    ]
    desks = [Desk("consultations:my_day", SPECIALISTS, order=50)]
    demo = DemoStep(run="consultations.demo.seed", after=("families",))
    family_actions = [
        FamilyAction(
            _("Book a consultation"),
            "consultations:book_for_family",
            "consultations.book",
            "calendar-plus",
            modal=False,
            order=15,
        ),
    ]
    family_sections = [
        FamilySection(_("Consultations"), "consultations:family_section", "consultations.view_family_appointments", order=20)
    ]
    cabinet_sections = [CabinetSection(_("My appointments"), "consultations:cabinet", order=20)]
    visit_links = [VisitLink("consultations.selectors.visit_appointments")]
    bench = [
        BenchEndpoint("centre week view (all specialists of the centre)", "consultations.bench.centre_week"),
        BenchEndpoint("my day (a psychologist)", "consultations.bench.my_day", username="psychologist"),
    ]
    activity_dates = [ActivityDate("consultations.Appointment", "starts_at")]
    # Translators: what someone looked at or changed, in the "who looked at this family" log.
    access_labels = {
        "consultations.appointment": _("an appointment"),
        "consultations.export": _("an export of appointments"),
        "appointment.book": _("an appointment (booked)"),
        "appointment.reschedule": _("an appointment (moved)"),
        "appointment.cancelled": _("an appointment (cancelled)"),
        "appointment.done": _("an appointment (held)"),
        "appointment.no_show": _("an appointment (missed)"),
        "consultation.note": _("a case note"),
        "consultation.note_change": _("a case note (corrected)"),
    }
    reference_data = ["consultations.migrations.0003_message_templates.create_templates"]

    @property
    def timeline_kinds(self):
        from consultations.timeline import KINDS

        return KINDS

    @property
    def indicators(self):
        # The consultations' monthly figures for the officials' dashboards (they need the models, which
        # are not loaded while the app's config is).
        from consultations.indicators import INDICATORS

        return INDICATORS

    def ready(self) -> None:
        from consultations import receivers, selectors  # noqa: F401  (receivers: her notes go with her data)
        from core.scoping import further_centres

        further_centres(selectors.further_centres)
