from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from accounts.middleware import record_sign_in_time
from audit.services import audit_log


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit_log(actor=user, action="auth.login", target=user)
    if request is not None and hasattr(request, "session"):
        record_sign_in_time(request)  # the start of the absolute session lifetime


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_log(actor=user, action="auth.logout", target=user)
