from django.urls import path

from consultations.views import appointments, calendars, reports

app_name = "consultations"
urlpatterns = [
    path("my-day/", calendars.my_day, name="my_day"),
    path("calendar/", calendars.centre_calendar, name="calendar"),
    path("specialists/<int:pk>/", calendars.specialist_calendar, name="specialist_calendar"),
    path("families/<int:pk>/book/", calendars.book_for_family, name="book_for_family"),
    path("book/", appointments.book, name="book"),
    path("appointments/<int:pk>/", appointments.appointment_detail, name="appointment"),
    path("appointments/<int:pk>/move/", appointments.reschedule, name="reschedule"),
    path("appointments/<int:pk>/cancel/", appointments.cancel, name="cancel"),
    path("appointments/<int:pk>/note/", appointments.record_note, name="note"),
    path("appointments/<int:pk>/no-show/", appointments.no_show, name="no_show"),
    path("follow-ups/", reports.follow_ups, name="follow_ups"),
    path("export/", reports.export, name="export"),
    path("families/<int:pk>/section/", reports.family_section, name="family_section"),
    path("cabinet/", reports.cabinet, name="cabinet"),
]
