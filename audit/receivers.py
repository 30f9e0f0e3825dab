"""The access log of what the shared core hands out: a private file served (``core.files``). The core
knows no app; it sends a signal and the audit app records."""

from audit.models import AccessEvent
from audit.services import access_log


def file_served(sender, *, actor, what: str, target, **kwargs) -> None:
    access_log(actor=actor, action=AccessEvent.Action.VIEW, what=what, target=target)
