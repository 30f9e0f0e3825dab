from django.utils.translation import gettext_lazy as _

from core import extensions
from core.extensions import DemoStep, Desk, MenuItem
from core.roles import OFFICIAL_ROLES, STAFF_ROLES


class CentresConfig(extensions.PortalAppConfig):
    name = "centres"
    verbose_name = _("Districts and centres")
    url_prefix = "centres/"
    menu = [MenuItem(_("Centres"), "centres:list", STAFF_ROLES, "buildings", order=40)]
    # A stand-in until the officials' dashboards exist: those will offer a desk of a lower order.
    desks = [Desk("centres:list", OFFICIAL_ROLES, order=1000)]
    demo = DemoStep(run="centres.demo.seed")
    reference_data = ["centres.migrations.0002_almaty_districts.create_districts"]
