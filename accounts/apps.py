from django.utils.translation import gettext_lazy as _

from core import extensions
from core.extensions import DemoStep


class AccountsConfig(extensions.PortalAppConfig):
    name = "accounts"
    verbose_name = _("Users and roles")
    url_prefix = "accounts/"
    demo = DemoStep(run="accounts.demo.seed", after=("centres",))

    def ready(self) -> None:
        from accounts import signals  # noqa: F401
