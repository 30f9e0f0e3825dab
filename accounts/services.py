from django.db import transaction

from accounts.models import User
from audit.services import audit_log
from core.i18n import Language


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
