"""Who may see which figures and do what with the monthly reports.

Officials see figures, never a family: district officials their district, the city official every
district and the city; a centre head sees her centre's figures and may open the families behind them
(she sees those families anyway). Reports are the officials': a district official approves her
district's, and either official may ask for a report to be built again.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.permissions import YES, Decision, no, rule
from core.roles import OFFICIAL_ROLES, Role
from core.scoping import has_role

_DISTRICT_VIEWERS = frozenset({Role.DISTRICT_OFFICIAL, Role.CITY_OFFICIAL, Role.CENTRE_HEAD})


def _role(user, roles) -> Decision:
    return YES if has_role(user, roles) else no()


@rule("dashboards.view_district")
def can_view_district(user, obj=None) -> Decision:
    return _role(user, _DISTRICT_VIEWERS)


@rule("dashboards.view_city")
def can_view_city(user, obj=None) -> Decision:
    return _role(user, {Role.CITY_OFFICIAL})


@rule("dashboards.drill_down")
def can_drill_down(user, obj=None) -> Decision:
    """Only staff who see the families themselves: the centre head, for her centre's figures."""
    return _role(user, {Role.CENTRE_HEAD})


@rule("dashboards.view_reports")
def can_view_reports(user, obj=None) -> Decision:
    return _role(user, OFFICIAL_ROLES)


@rule("dashboards.approve_report")
def can_approve_report(user, report=None) -> Decision:
    decision = _role(user, {Role.DISTRICT_OFFICIAL})
    if not decision or report is None:
        return decision
    if report.district_id is None or report.district_id != user.district_id:
        return no(_("Only the official of the report's district approves it."))
    if hasattr(report, "approval"):
        return no(_("This report is already approved."))
    return YES


@rule("dashboards.rebuild_report")
def can_rebuild_report(user, place=None) -> Decision:
    """``place``: the report's (``dashboards.selectors.Place``)."""
    decision = _role(user, OFFICIAL_ROLES)
    if (
        decision
        and place is not None
        and user.role == Role.DISTRICT_OFFICIAL
        and getattr(place.district, "pk", None) != user.district_id
    ):
        return no(_("A district official builds her own district's report."))
    return decision
