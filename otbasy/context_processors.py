from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from core.extensions import menu_on_bar
from core.i18n import SELF_NAMES
from core.roles import Role


def portal(request):
    # An error page for a request stopped before the authentication middleware (a forged Host header
    # is refused with a 400 first) has no user.
    user = getattr(request, "user", None) or AnonymousUser()
    administrator = user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR)
    codes = [code for code, _ in settings.LANGUAGES if code in settings.PUBLIC_LANGUAGES or administrator]
    on_bar, more = menu_on_bar(user)
    return {
        # Every entry (the home page lists them all) and the bar's split of them (includes/navbar.html).
        "navigation": on_bar + more,
        "navigation_bar": on_bar,
        "navigation_more": more,
        "switcher_languages": [(code, SELF_NAMES[code]) for code in codes],
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
