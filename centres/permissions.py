from core.permissions import YES, Decision, no, rule
from core.roles import STAFF_ROLES
from core.scoping import has_role


@rule("centres.view_centres")
def can_view_centres(user, centre=None) -> Decision:
    """Staff see the centres (of their district, or all of them: core.scoping), with their people."""
    return YES if has_role(user, STAFF_ROLES) else no()
