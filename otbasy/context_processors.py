from django.conf import settings

from accounts.roles import Role
from otbasy.navigation import navigation_for


def portal(request):
    user = request.user
    administrator = user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR)
    codes = [code for code, _ in settings.LANGUAGES if code in settings.PUBLIC_LANGUAGES or administrator]
    return {
        "navigation": navigation_for(user),
        "switcher_languages": codes,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
