from django.urls import path

from mothers.views import cabinet, desk, my_data, preferences, reset, signup

app_name = "mothers"
urlpatterns = [
    path("sign-up/", signup.sign_up, name="sign_up"),
    path("sign-up/code/", signup.sign_up_code, name="sign_up_code"),
    path("sign-up/code/again/", signup.sign_up_resend, name="sign_up_resend"),
    path("password/", reset.reset, name="reset"),
    path("password/code/", reset.reset_code, name="reset_code"),
    path("password/code/again/", reset.reset_resend, name="reset_resend"),
    path("cabinet/", cabinet.cabinet, name="cabinet"),
    path("cabinet/requests/", cabinet.appeals, name="appeals"),
    path("cabinet/my-data/", my_data.my_data, name="my_data"),
    path("cabinet/my-data.xlsx", my_data.my_data_download, name="my_data_download"),
    path("cabinet/settings/", preferences.preferences, name="preferences"),
    path("cabinet/phone/", preferences.phone, name="phone"),
    path("cabinet/phone/code/", preferences.phone_code, name="phone_code"),
    path("cabinet/phone/code/again/", preferences.phone_resend, name="phone_resend"),
    path("sign-ups/", desk.verification_queue, name="verification_queue"),
    path("sign-ups/accounts/<int:pk>/link/", desk.link, name="link"),
]
