"""The access log of what the shared core hands out: a private file served (``core.files``) and an
export downloaded (``core.xlsx``). The core knows no app; it sends a signal and the audit app records."""

from audit.models import AccessEvent
from audit.services import access_log, access_log_many


def file_served(sender, *, actor, what: str, target, **kwargs) -> None:
    access_log(actor=actor, action=AccessEvent.Action.VIEW, what=what, target=target)


def exported(sender, *, actor, what: str, records: dict, **kwargs) -> None:
    access_log(actor=actor, action=AccessEvent.Action.EXPORT, what=what, row_count=sum(len(ids) for ids in records.values()))
    # ...and in each record's own history, so that "who looked at this family" shows the export too.
    for model, ids in records.items():
        access_log_many(actor=actor, action=AccessEvent.Action.EXPORT, what=what, model=model, ids=ids)
