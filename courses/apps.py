from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import extensions
from core.extensions import ActivityDate, BenchEndpoint, CabinetSection, DemoStep, FamilyAction, FamilySection, MenuItem
from core.roles import CENTRE_ROLES, Role
from core.schedules import DefaultSchedule


class CoursesConfig(extensions.PortalAppConfig):
    """Free courses: the public catalogue, groups at the centres, booking with a waiting list and
    kids' corner places, attendance, and certificates anyone can verify."""

    name = "courses"
    verbose_name = _("Courses")
    url_prefix = "courses/"
    menu = [
        # Translators: the main menu entry for the public course catalogue (one short word).
        MenuItem(
            pgettext_lazy("main menu: course catalogue", "Courses"),
            "courses:catalogue",
            frozenset({Role.MOTHER}),
            "mortarboard",
            15,
        ),
        # Translators: the staff's main menu entry for the course groups of their centre (one short word).
        MenuItem(pgettext_lazy("main menu: course groups", "Groups"), "courses:groups", CENTRE_ROLES, "mortarboard", order=70),
    ]
    schedules = [
        DefaultSchedule(name="Expire unconfirmed course seat offers", task="courses.tasks.expire_offers", every_seconds=300),
        # After midnight in Almaty: groups that start today run, groups that ended yesterday finish.
        DefaultSchedule(
            name="Advance course groups",
            task="courses.tasks.advance_groups",
            crontab={"minute": "20", "hour": "0", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        ),
    ]
    demo = DemoStep(run="courses.demo.seed", after=("families",))
    family_actions = [
        FamilyAction(_("Book a course"), "courses:desk_book", "courses.book_at_desk", "mortarboard", order=30),
    ]
    family_sections = [FamilySection(_("Courses"), "courses:family_section", "courses.view_family_bookings", order=30)]
    cabinet_sections = [
        CabinetSection(_("My course bookings"), "courses:my_bookings", order=20),
        CabinetSection(_("My upcoming lessons"), "courses:my_lessons", order=21),
        CabinetSection(_("My certificates"), "courses:my_certificates", order=22),
    ]
    bench = [
        BenchEndpoint("course catalogue (anonymous)", "courses.bench.catalogue", username=None),
        BenchEndpoint("course page (anonymous)", "courses.bench.course_page", username=None),
    ]
    activity_dates = [ActivityDate("courses.Booking", "waiting_since")]
    access_labels = {
        "courses.group_detail": _("a course group's list"),
        "courses.export": _("an export of a course group"),
        "courses.attendance": _("a lesson's attendance"),
        "courses.family_section": _("the family's course bookings"),
        "courses.certificate": _("a course certificate"),
        "booking.create": _("a course booking"),
        "booking.cancel": _("a course booking (cancelled)"),
        "booking.confirm": _("a course booking (confirmed)"),
        "booking.offer": _("a seat offered from the waiting list"),
        "booking.expire": _("a seat offer (expired)"),
        "booking.release": _("a course seat (released)"),
        "attendance.mark": _("attendance at a lesson"),
        "certificate.issue": _("a course certificate"),
    }
    reference_data = ["courses.migrations.0003_message_templates.create_templates"]

    @property
    def timeline_kinds(self):
        from courses.timeline import KINDS

        return KINDS

    @property
    def indicators(self):
        # The courses' monthly figures for the officials' dashboards (they need the models).
        from courses.indicators import INDICATORS

        return INDICATORS

    def ready(self) -> None:
        from courses import receivers  # noqa: F401  (the catalogue's cache forgets what changed)
