from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import extensions
from core.extensions import CabinetSection, Desk, MenuItem
from core.roles import Role


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
            # The registrar verifies at the desk; the centre head's menu is full at 1280 px (she may open
            # the page all the same).
            frozenset({Role.REGISTRAR}),
            "patch-check",
            order=35,
        ),
    ]
    desks = [Desk("mothers:cabinet", frozenset({Role.MOTHER}))]
    cabinet_sections = [CabinetSection(_("My requests to the centre"), "mothers:appeals", order=80)]
