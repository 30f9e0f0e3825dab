"""Who may do what in the family registry: named rules over a user and a family (or one of its records).

Which families a user sees at all is ``core.scoping``'s job (``Family.objects.visible_to``); these
rules are asked about families already fetched through it, and without an object they say whether the
user's role may take the action at all (the view's gate). Views, templates and services ask the same
rules.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.permissions import YES, Decision, no, rule
from core.roles import CENTRE_ROLES, Role
from core.scoping import has_role

# Personal files are for the staff who help the family; aggregated figures are for officials.
_READ = CENTRE_ROLES
_DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})
_APPEALS = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD, Role.SPECIALIST})
_HEAD = frozenset({Role.CENTRE_HEAD})
# A family's page opens to administrators too, but their scope holds no family: only an emergency
# access brings one (families.services.break_glass), read-only.
_PAGE = CENTRE_ROLES | {Role.ADMINISTRATOR}
_BREAK_GLASS = CENTRE_ROLES | {Role.ADMINISTRATOR}

NO_CONSENT = _(
    "The mother has withdrawn her consent to the processing of personal data. Nothing new can be recorded until she gives it again."
)


READ_ONLY = _("You opened this family through emergency access: for reading only.")


def _role(user, roles) -> Decision:
    return YES if has_role(user, roles) else no()


def _through_emergency(record) -> bool:
    """A family (or an appeal of it) shown on a page opened through an emergency access
    (``families.selectors.family_page_head`` marks it): nothing can be done to it there."""
    family = record._state.fields_cache.get("family", record) if record is not None else None
    return not getattr(family, "in_own_scope", True)


def _on_own(user, roles, family) -> Decision:
    decision = _role(user, roles)
    if decision and _through_emergency(family):
        return no(READ_ONLY)
    return decision


def _with_consent(user, roles, family) -> Decision:
    decision = _on_own(user, roles, family)
    if decision and family is not None and not family.has_consent:
        return no(NO_CONSENT)
    return decision


@rule("families.view_family")
def can_view_family(user, family=None) -> Decision:
    return _role(user, _READ)


@rule("families.open_family_page")
def can_open_family_page(user, family=None) -> Decision:
    """The family's page (and its signed consent): those who see the family, through their scope or an
    emergency access."""
    return _role(user, _PAGE)


@rule("families.open_emergency_access")
def can_open_emergency_access(user, obj=None) -> Decision:
    return _role(user, _BREAK_GLASS)


@rule("families.register_family")
def can_register_family(user, obj=None) -> Decision:
    return _role(user, _DESK)


@rule("families.edit_family")
def can_edit_family(user, family=None) -> Decision:
    return _with_consent(user, _DESK, family)


@rule("families.export_families")
def can_export_families(user, obj=None) -> Decision:
    return _role(user, _DESK)


@rule("families.record_consent")
def can_record_consent(user, family=None) -> Decision:
    """A new consent (after a withdrawal, or for a new text version) and a withdrawal."""
    return _on_own(user, _DESK, family)


@rule("families.withdraw_consent")
def can_withdraw_consent(user, family=None) -> Decision:
    decision = _on_own(user, _DESK, family)
    if decision and family is not None and not family.has_consent:
        return no(_("There is no consent in force to withdraw."))
    return decision


@rule("families.record_visit")
def can_record_visit(user, family=None) -> Decision:
    return _with_consent(user, _DESK, family)


@rule("families.serve_visit")
def can_serve_visit(user, visit=None) -> Decision:
    return _role(user, _READ)


@rule("families.open_appeal")
def can_open_appeal(user, family=None) -> Decision:
    return _with_consent(user, _APPEALS, family)


@rule("families.handle_appeal")
def can_handle_appeal(user, appeal=None) -> Decision:
    """Move an appeal, refer it, record an agency's answer (and see the overdue referrals)."""
    decision = _on_own(user, _APPEALS, appeal)
    if decision and appeal is not None and appeal.is_closed:
        return no(_("This appeal is closed."))
    return decision


@rule("families.read_access_log")
def can_read_access_log(user, family=None) -> Decision:
    return _on_own(user, _HEAD, family)


@rule("families.verify_family")
def can_verify_family(user, family=None) -> Decision:
    """A family its mother signed up online, once the desk has seen her documents."""
    decision = _with_consent(user, _DESK, family)
    if decision and family is not None and family.is_verified:
        return no(_("This family is verified already."))
    return decision
