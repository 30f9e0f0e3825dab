from django.urls import path

from retention import views

app_name = "retention"
urlpatterns = [
    path("", views.due, name="due"),
    path("families/<int:pk>/hold/", views.hold_new, name="hold_new"),
    path("holds/<int:hold_pk>/release/", views.hold_release_view, name="hold_release"),
    path("families/<int:pk>/forget/", views.forget, name="forget"),
]
