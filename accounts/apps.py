from django.utils.translation import gettext_lazy as _

from core import extensions
from core.extensions import DemoStep


class AccountsConfig(extensions.PortalAppConfig):
    name = "accounts"
    verbose_name = _("Users and roles")
    url_prefix = "accounts/"
    demo = DemoStep(run="accounts.demo.seed", after=("centres",))
    # The message that tells a staff member her two-factor sign-in was reset.
    reference_data = ["accounts.migrations.0003_two_factor_reset_message.create_templates"]

    def ready(self) -> None:
        from accounts import signals  # noqa: F401
