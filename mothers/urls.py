from django.urls import path

from mothers.views import cabinet, desk

app_name = "mothers"
urlpatterns = [
    path("cabinet/", cabinet.cabinet, name="cabinet"),
    path("cabinet/requests/", cabinet.appeals, name="appeals"),
    path("sign-ups/", desk.verification_queue, name="verification_queue"),
]
