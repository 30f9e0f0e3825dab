from core.permissions import YES, Decision, no, rule
from core.roles import Role
from core.scoping import has_role

# The delivery log shows phone numbers and texts: the centre head for her centre, administrators for all.
_DELIVERY_LOG = frozenset({Role.CENTRE_HEAD, Role.ADMINISTRATOR})


@rule("notifications.read_delivery_log")
def can_read_delivery_log(user, obj=None) -> Decision:
    return YES if has_role(user, _DELIVERY_LOG) else no()
