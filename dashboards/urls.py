from django.urls import path, register_converter

from dashboards import views


class ExportKind:
    regex = "xlsx|pdf"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportKind, "export")

app_name = "dashboards"
urlpatterns = [
    path("", views.district, name="district"),
    path("export.<export:kind>", views.district_export, name="district_export"),
    path("city/", views.city, name="city"),
    path("city/export.<export:kind>", views.city_export, name="city_export"),
    path("figures/<str:code>/families/", views.families, name="families"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/approve/", views.approve, name="approve"),
    path("reports/files/<int:pk>/", views.report_file, name="report_file"),
    path("reports/rebuild/", views.rebuild, name="rebuild"),
    path("reports/builds/<int:pk>/", views.build, name="build"),
]
