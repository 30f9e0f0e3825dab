from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.delivery_log, name="log"),
    path("summary/", views.summary, name="summary"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
