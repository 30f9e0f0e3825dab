from django.urls import path

from mothers.views import cabinet, desk, reset, signup

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
    path("sign-ups/", desk.verification_queue, name="verification_queue"),
]
