from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts.views import set_language
from otbasy.health import HealthView
from otbasy.views import home, robots_txt

admin.site.site_header = "Bakytty Otbasy — administration"
admin.site.site_title = "Bakytty Otbasy"

urlpatterns = [
    path("healthz", HealthView.as_view(), name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("centres/", include("centres.urls")),
    path("families/", include("families.urls")),
    path("messages/", include("notifications.urls")),
)
