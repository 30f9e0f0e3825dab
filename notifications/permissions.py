from core.permissions import YES, Decision, no, rule
from core.roles import Role
from core.scoping import has_role

# The delivery log shows phone numbers and texts: the centre head's, for her centre. Administrators see
# no personal record (core.scoping), so neither the log.
_DELIVERY_LOG = frozenset({Role.CENTRE_HEAD})


@rule("notifications.read_delivery_log")
def can_read_delivery_log(user, obj=None) -> Decision:
    return YES if has_role(user, _DELIVERY_LOG) else no()
