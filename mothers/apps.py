from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import extensions
from core.extensions import CabinetSection, DemoStep, Desk, MenuItem
from core.roles import Role
from core.schedules import DefaultSchedule


class MothersConfig(extensions.PortalAppConfig):
    """Mothers' own accounts: sign-up with an SMS code, sign-in by phone or IIN, reset by SMS code, her
    cabinet (every app's ``cabinet_sections``), what the centre holds about her and her data download;
    and the desk's queue of mothers who signed up online and wait for their documents to be checked."""

    name = "mothers"
    verbose_name = _("Mothers' accounts")
    url_prefix = "mothers/"
    menu = [
        MenuItem(_("My cabinet"), "mothers:cabinet", frozenset({Role.MOTHER}), "person-heart", order=10),
        MenuItem(
            # Translators: the desk's menu entry for the mothers who signed up online and wait to be verified (one short word).
            pgettext_lazy("main menu: mothers to verify", "Sign-ups"),
            "mothers:verification_queue",
            frozenset({Role.REGISTRAR, Role.CENTRE_HEAD}),
            "patch-check",
            # After the desk's daily entries: where a long menu folds, it goes under "More".
            order=70,
        ),
    ]
    desks = [Desk("mothers:cabinet", frozenset({Role.MOTHER}))]
    schedules = [
        DefaultSchedule(
            name="Forget old SMS codes",
            task="mothers.tasks.forget_old_codes",
            crontab={"minute": "40", "hour": "3", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
        ),
    ]
    demo = DemoStep(run="mothers.demo.seed", after=("families",))
    cabinet_sections = [CabinetSection(_("My requests to the centre"), "mothers:appeals", order=80)]
    # Translators: what she looked at, in the "who looked at this family" log (after "viewed" etc.).
    access_labels = {
        "mothers.my_data": _("her own cabinet: what the centre holds about her"),
        "mothers.my_data_export": _("her own download of her data"),
    }
    reference_data = ["mothers.migrations.0002_sms_code_messages.create_templates"]

    def ready(self) -> None:
        from mothers import receivers  # noqa: F401  (her account's records go when her family is anonymised)
