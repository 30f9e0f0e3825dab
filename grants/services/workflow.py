"""The one service that moves an application's status (``application_move``), with the table of
``grants.workflow`` deciding who may make which step from where; the transitions that carry more than a
comment (the decision, a tranche) call it after their own checks."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_change
from core.errors import DomainError
from core.locking import lock_timeout
from families.services import require_consent
from grants import eligibility, messages, timeline
from grants.models import Application, Transition
from grants.workflow import MOVES, OWN_SERVICE, move_problem


def locked_application(application: Application) -> Application:
    with lock_timeout():
        return (
            Application.objects.select_for_update(of=("self",))
            .select_related("family__mother", "family__centre", "programme", "round")
            .get(pk=application.pk)
        )


def refuse_unless_allowed(actor, application: Application, name: str) -> None:
    problem = move_problem(name, status=application.status, role=actor.role)
    if problem:
        raise DomainError(problem)


def do_move(actor, application: Application, name: str, *, comment: str = "", fields: tuple[str, ...] = ()) -> Transition:
    """Moves the (locked) application by ``name`` after the caller's checks: the status, the row of the
    move, the audit row, the family's timeline and her message."""
    move = MOVES[name]
    refuse_unless_allowed(actor, application, name)
    if move.needs_comment and not comment.strip():
        raise DomainError(_("Give the reason for this step."), field="comment")
    require_consent(application.family)
    source = application.status
    application.status = move.target
    application.save(update_fields=["status", "updated_at", *fields])
    transition = Transition.objects.create(
        application=application, name=name, source=source, target=move.target, actor=actor, comment=comment.strip()
    )
    record_change(
        actor=actor,
        subject=application.family,
        action=f"grant.{name}",
        target=application,
        changed_fields=("status", *fields),
        data={"from": source, "to": move.target},
    )
    timeline.moved(application, actor=actor, target=move.target, comment=comment.strip())
    messages.status_changed(application, transition)
    return transition


@transaction.atomic
def application_move(*, actor, application: Application, name: str, comment: str = "") -> Application:
    """A step of the table that needs no more than a comment (the reason of a refusal)."""
    if name in OWN_SERVICE:
        raise DomainError(_("This step is taken on its own page."))
    application = locked_application(application)
    refuse_unless_allowed(actor, application, name)
    if name == "confirm_eligible":
        failed = [result for result in eligibility.checks(application) if not result.passed]
        if failed:
            raise DomainError(
                _("The application fails the checks: %(checks)s.") % {"checks": "; ".join(str(r.label) for r in failed)}
            )
        application.eligibility_confirmed_by = actor
        do_move(actor, application, name, comment=comment, fields=("eligibility_confirmed_by",))
        return application
    fields: tuple[str, ...] = ()
    if name in ("reject", "ineligible"):
        application.decision_reason = comment.strip()
        application.decided_at = timezone.now()
        fields = ("decision_reason", "decided_at")
    do_move(actor, application, name, comment=comment, fields=fields)
    return application


@transaction.atomic
def application_check(*, actor, application: Application) -> Application:
    """Runs the automatic checks and puts the application before the officer to confirm."""
    application = locked_application(application)
    refuse_unless_allowed(actor, application, "check")
    application.eligibility = {result.code: result.passed for result in eligibility.checks(application)}
    do_move(actor, application, "check", fields=("eligibility",))
    return application
