"""Who may do what with the grants: the grant officer runs the applications, assigns reviewers and
records the decision (she is the commission's secretary); a reviewer scores what is assigned to her; a
commission member sees the rounds at the decision stage, their ranking, and may record the decision; a
mother sees her own applications. Which applications each sees is the queryset's scope."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.permissions import YES, Decision, no, rule
from core.roles import Role
from core.scoping import has_role
from grants.models import Application, Round, Status
from grants.workflow import AMENDABLE, AMENDERS

OFFICER = frozenset({Role.GRANT_OFFICER})
DECIDERS = frozenset({Role.GRANT_OFFICER, Role.COMMISSION_MEMBER})
READERS = frozenset({Role.GRANT_OFFICER, Role.COMMISSION_MEMBER, Role.GRANT_REVIEWER})


def _role(user, roles) -> Decision:
    return YES if has_role(user, roles) else no()


@rule("grants.run_applications")
def can_run_applications(user, application=None) -> Decision:
    return _role(user, OFFICER)


@rule("grants.view_application")
def can_view_application(user, application=None) -> Decision:
    return _role(user, READERS)


@rule("grants.decide")
def can_decide(user, application=None) -> Decision:
    return _role(user, DECIDERS)


@rule("grants.view_rounds")
def can_view_rounds(user, round_=None) -> Decision:
    return _role(user, DECIDERS)


@rule("grants.move_round")
def can_move_round(user, round_: Round | None = None) -> Decision:
    """The grant officer moves a round one stage forward (the guards are the service's)."""
    decision = _role(user, OFFICER)
    if decision and round_ is not None and round_.next_stage is None:
        return no(_("The round is closed: its stage moves no further."))
    return decision


@rule("grants.amend_application")
def can_amend_application(user, application: Application | None = None) -> Decision:
    """The mother (her own, by scope) or the grant officer, while the application waits for the decision."""
    decision = _role(user, AMENDERS)
    if decision and application is not None and application.status not in AMENDABLE:
        if application.status == Status.DRAFT:
            return no(_("A draft is not amended: edit the draft instead."))
        return no(_("This application can no longer be amended."))
    return decision


@rule("grants.review")
def can_review(user, review=None) -> Decision:
    decision = _role(user, frozenset({Role.GRANT_REVIEWER}))
    if decision and review is not None and review.reviewer_id != user.pk:
        return no()
    return decision


@rule("grants.my_applications")
def can_see_my_applications(user, obj=None) -> Decision:
    return _role(user, frozenset({Role.MOTHER}))


@rule("grants.apply_online")
def can_apply_online(user, obj=None) -> Decision:
    return _role(user, frozenset({Role.MOTHER}))


@rule("grants.apply_at_desk")
def can_apply_at_desk(user, family=None) -> Decision:
    decision = _role(user, frozenset({Role.REGISTRAR, Role.GRANT_OFFICER}))
    if decision and family is not None and family.anonymised_at is not None:
        return no(_("This family's personal data has already been removed."))
    return decision


@rule("grants.download_document")
def can_download_document(user, document=None) -> Decision:
    return _role(user, frozenset({Role.MOTHER, Role.REGISTRAR, Role.GRANT_OFFICER}))
