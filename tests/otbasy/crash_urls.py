from django.conf.urls.i18n import i18n_patterns
from django.urls import path


def crash(request):
    raise RuntimeError("a bug")


urlpatterns = i18n_patterns(path("crash/", crash))
