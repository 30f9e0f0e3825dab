from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts import twofactor
from accounts.middleware import record_sign_in_time
from accounts.models import User
from accounts.services import user_session_forget, user_session_record, user_sessions_end
from audit.middleware import where
from audit.models import SecurityEvent
from audit.services import audit_log, security_log


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit_log(actor=user, action="auth.login", target=user)
    if request is not None and hasattr(request, "session"):
        record_sign_in_time(request)  # the start of the absolute session lifetime
        if request.session.session_key:
            user_session_record(user=user, session_key=request.session.session_key)
        if getattr(user, "otp_device", None) is not None or not twofactor.asks_code(user):
            _forget_failures(request, user)


def _forget_failures(request, user) -> None:
    """Her whole sign-in succeeded: axes forgets this login's failures on this client (AXES_RESET_ON_SUCCESS
    is off, so that a right password alone does not wipe the wrong codes)."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.get_implementation().reset_user_attempts(request, get_credentials(user.get_username()))


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_log(actor=user, action="auth.logout", target=user)
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        user_session_forget(session_key=request.session.session_key)


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    """A wrong password (Django's authenticate) or a wrong code (accounts.views.two_factor), in the
    security log under the account whose login was typed; a login of no account is not kept."""
    username = (credentials or {}).get("username") or ""
    account = User.objects.filter(username=username).first() if username else None
    kind = SecurityEvent.Kind.CODE_FAILED if sender == twofactor.CODE_SENDER else SecurityEvent.Kind.PASSWORD_FAILED
    security_log(kind=kind, target=account, **(where(request) if request is not None else {}))


@receiver(post_save, sender=User)
def end_sessions_of_deactivated(sender, instance, **kwargs):
    """A deactivated account is signed out everywhere at once, whoever deactivated it and how."""
    if not instance.is_active:
        user_sessions_end(user=instance)
