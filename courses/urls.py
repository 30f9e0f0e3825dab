from django.urls import path

from courses.views import desk, mother, public, staff

app_name = "courses"
urlpatterns = [
    # Public
    path("", public.catalogue, name="catalogue"),
    path("<int:pk>/", public.course, name="course"),
    path("certificates/<str:code>/", public.verify, name="verify"),
    # The mother
    path("groups/<int:pk>/book/", mother.book, name="book"),
    path("me/bookings/", mother.my_bookings, name="my_bookings"),
    path("me/lessons/", mother.my_lessons, name="my_lessons"),
    path("me/certificates/", mother.my_certificates, name="my_certificates"),
    path("me/bookings/<int:pk>/cancel/", mother.cancel_mine, name="cancel_mine"),
    path("me/bookings/<int:pk>/confirm/", mother.confirm_offer, name="confirm_offer"),
    path("certificates/<str:code>/pdf/", mother.certificate_download, name="certificate_pdf"),
    # Staff
    path("groups/", staff.groups, name="groups"),
    path("groups/new/", staff.group_new, name="group_new"),
    path("groups/<int:pk>/", staff.group_detail, name="group"),
    path("groups/<int:pk>/edit/", staff.group_edit, name="group_edit"),
    path("groups/<int:pk>/publish/", staff.group_publish_view, name="group_publish"),
    path("groups/<int:pk>/cancel/", staff.group_cancel_view, name="group_cancel"),
    path("groups/<int:pk>/finish/", staff.group_finish_view, name="group_finish"),
    path("groups/<int:pk>/export/", staff.group_export, name="group_export"),
    path("lessons/<int:pk>/move/", staff.lesson_move_view, name="lesson_move"),
    path("lessons/<int:pk>/attendance/", desk.attendance, name="attendance"),
    path("lessons/<int:pk>/attendance/<int:booking_pk>/", desk.attendance_mark_view, name="attendance_mark"),
    path("bookings/<int:pk>/cancel/", desk.desk_cancel, name="desk_cancel"),
    path("bookings/<int:pk>/release/", desk.booking_release_view, name="booking_release"),
    path("families/<int:pk>/book/", desk.desk_book, name="desk_book"),
    path("families/<int:pk>/courses/", staff.family_section, name="family_section"),
]
