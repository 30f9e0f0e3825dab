from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from accounts.models import User, UserSession
from audit.services import audit_log
from core.errors import DomainError
from core.i18n import Language
from core.roles import Role


@transaction.atomic
def user_set_language(*, actor: User, language: str) -> User:
    """Remember the language a signed-in user chose; the portal opens in it after the next login."""
    if language not in Language.values:
        raise ValueError(f"unknown language {language!r}")
    if actor.language != language:
        actor.language = language
        actor.save(update_fields=["language"])
        audit_log(actor=actor, action="user.set_language", target=actor, changed_fields=["language"])
    return actor


# --- Sessions -------------------------------------------------------------------------------------


def user_session_record(*, user: User, session_key: str) -> None:
    """Remember that ``session_key`` is one of her sessions (see ``UserSession``), and forget those of
    hers that ended on their own (expired, or left behind in a closed browser)."""
    store = _session_store()
    gone = [key for key in UserSession.objects.filter(user=user).values_list("session_key", flat=True) if not store().exists(key)]
    UserSession.objects.filter(session_key__in=gone).delete()
    UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def user_session_forget(*, session_key: str) -> None:
    UserSession.objects.filter(session_key=session_key).delete()


def user_sessions_end(*, user: User, keep: str | None = None) -> int:
    """Ends every session of ``user`` but ``keep`` (the one she is using, or None for all): they are
    deleted from the session store, so the next request of each is signed out. Returns how many."""
    store = _session_store()
    rows = UserSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(rows.values_list("session_key", flat=True))
    ended = 0
    for key in keys:
        session = store(session_key=key)
        ended += session.exists(key)
        session.delete(key)
    rows.filter(session_key__in=keys).delete()
    return ended


@transaction.atomic
def user_sign_out_everywhere(*, actor: User) -> int:
    """She ends all her sessions, on every device (the caller signs out the one in use)."""
    ended = user_sessions_end(user=actor)
    audit_log(actor=actor, action="user.sign_out_everywhere", target=actor, data={"sessions": ended})
    return ended


# --- Two-factor sign-in ---------------------------------------------------------------------------


@transaction.atomic
def two_factor_enrol(*, actor: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Her authenticator app is set up: the code it shows matches the secret ``key`` she was offered.
    Returns the device and her new recovery codes, to be shown to her once."""
    if not actor.is_staff_member:
        raise DomainError(_("Two-factor sign-in is for the centres' and the akimat's staff."))
    if TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=True).exists():
        raise DomainError(_("Two-factor sign-in is already set up for this account."))
    step = twofactor.key_accepts(key, code)
    if step is None:
        raise DomainError(
            _(
                "This code does not match the key on this page. Scan the QR code on this page again (or type "
                "the key) and enter the code the app shows now."
            ),
            field="code",
        )
    TOTPDevice.objects.filter(user=actor).delete()
    device = TOTPDevice.objects.create(user=actor, name="Authenticator app", key=key, confirmed=True, last_t=step)
    audit_log(actor=actor, action="user.two_factor_enrol", target=actor)
    return device, _recovery_codes_new(actor)


@transaction.atomic
def recovery_codes_renew(*, actor: User) -> list[str]:
    """New recovery codes for her; the old ones stop working."""
    if not twofactor.has_device(actor):
        raise DomainError(_("Set up two-factor sign-in first."))
    codes = _recovery_codes_new(actor)
    audit_log(actor=actor, action="user.recovery_codes_renew", target=actor)
    return codes


def _recovery_codes_new(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Recovery codes", "confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(twofactor.RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def user_two_factor_reset(*, actor: User, user: User) -> int:
    """An administrator removes a staff member's authenticator app and recovery codes (a lost phone):
    her sessions end, she is told, and she sets up a new app at her next sign-in."""
    if actor.role != Role.ADMINISTRATOR and not actor.is_superuser:
        raise DomainError(_("Only an administrator can reset two-factor sign-in."))
    if actor.pk == user.pk:
        raise DomainError(_("You cannot reset your own two-factor sign-in. Ask another administrator to do it."))
    removed = TOTPDevice.objects.filter(user=user).delete()[1].get(TOTPDevice._meta.label, 0)
    removed += StaticDevice.objects.filter(user=user).delete()[1].get(StaticDevice._meta.label, 0)
    if not removed:
        raise DomainError(_("%(name)s has no two-factor sign-in to reset.") % {"name": user})
    event = audit_log(actor=actor, action="user.two_factor_reset", target=user, data={"devices": removed})
    user_sessions_end(user=user)
    _tell_of_reset(user, event_id=event.pk)
    return removed


def _tell_of_reset(user: User, *, event_id: int) -> None:
    from notifications.services import notify

    recipient = user.notification_recipient()
    if recipient.address:
        notify(
            key="two_factor_reset",
            recipient=recipient,
            centre=user.centre,
            context={"name": user.first_name or user.get_full_name() or user.username, "login": user.username},
            idempotency_key=f"two_factor_reset:{event_id}",
        )
