from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import extensions
from core.extensions import FamilyAction, MenuItem
from core.roles import Role
from core.schedules import DefaultSchedule


class RetentionConfig(extensions.PortalAppConfig):
    name = "retention"
    verbose_name = _("Retention")
    url_prefix = "retention/"
    # Short, so that the centre head's menu stays on one line at 1280 px.
    menu = [
        MenuItem(
            # Translators: the centre head's menu entry for how long families' data is kept (one short word).
            pgettext_lazy("main menu: retention periods", "Retention"),
            "retention:due",
            frozenset({Role.CENTRE_HEAD}),
            "hourglass-split",
            order=60,
        )
    ]
    schedules = [
        # At night on the 2nd, after the month's reports of the 1st.
        DefaultSchedule(
            name="Anonymise families past retention",
            task="retention.tasks.apply_retention",
            crontab={"minute": "30", "hour": "2", "day_of_week": "*", "day_of_month": "2", "month_of_year": "*"},
        ),
    ]
    family_actions = [
        FamilyAction(
            _("Forget at her request"), "retention:forget", "retention.forget_family", "eraser", "outline-danger", order=95
        ),
    ]

    access_labels = {"retention.forget": _("forgotten at her request")}

    def ready(self) -> None:
        from retention import receivers  # noqa: F401  (the reasons lose the family's names with the family)
