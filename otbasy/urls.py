from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts.views import set_language
from core.extensions import app_urls
from otbasy.health import HealthView
from otbasy.views import favicon, home, robots_txt

admin.site.site_header = "Bakytty Otbasy — administration"
admin.site.site_title = "Bakytty Otbasy"

urlpatterns = [
    path("healthz", HealthView.as_view(), name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
]

# Every app's pages, under the language prefix, where its AppConfig mounts them (core.extensions).
urlpatterns += i18n_patterns(path("", home, name="home"), *(path(prefix, include(module)) for prefix, module in app_urls()))
