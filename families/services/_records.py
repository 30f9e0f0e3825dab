from audit.models import AccessEvent
from audit.services import access_log, audit_log


def record_change(*, actor, family, action: str, target=None, changed_fields=(), data=None) -> None:
    """A change to a family's personal data: an audit row for the record, an access-log row for the family."""
    audit_log(actor=actor, action=action, target=target or family, changed_fields=changed_fields, data=data)
    access_log(actor=actor, action=AccessEvent.Action.CHANGE, what=action, target=family)
