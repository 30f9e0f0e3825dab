"""The application's text: a draft made by the mother (her cabinet) or by a registrar with her, its
documents, its submission (the first frozen version) and amendments (a new version each)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_change
from core.errors import DomainError, EditConflict
from core.money import tenge
from core.roles import Role
from core.text import bounded, paragraphs
from families.models import Family
from families.services import require_consent
from grants.models import Application, ApplicationVersion, Document, Round
from grants.services.workflow import do_move, locked_application
from grants.workflow import AMENDABLE, AMENDERS, APPLICANTS

# As long as ``ApplicationVersion.comment`` holds.
COMMENT_LENGTH = ApplicationVersion._meta.get_field("comment").max_length or 300

FIELDS = (
    "business_idea",
    "sector",
    "requested_amount",
    "own_contribution",
    "expected_jobs",
    "plan_market",
    "plan_costs",
    "plan_income",
)


def _refuse_role(actor, roles) -> None:
    if actor.role not in roles:
        raise DomainError(_("Your role does not allow this step."))


def _check_amount(amount: Any, cap: Decimal) -> None:
    if amount is None or Decimal(amount) <= 0:
        raise DomainError(_("Enter the amount you ask for."), field="requested_amount")
    if Decimal(amount) > cap:
        raise DomainError(_("The programme gives at most %(cap)s.") % {"cap": tenge(cap)}, field="requested_amount")


def _round_open(round_: Round) -> None:
    today = timezone.localdate()
    if round_.stage != Round.Stage.OPEN or not (round_.opens_on <= today <= round_.closes_on):
        raise DomainError(_("This round does not take applications now."), field="round")


@transaction.atomic
def application_create(*, actor, family: Family, round: Round, plan=None, submit: bool = False, **data: Any) -> Application:
    """A new draft (with its business plan when given), submitted at once when she asks."""
    _refuse_role(actor, APPLICANTS)
    require_consent(family)
    _round_open(round)
    programme = round.programme
    _check_amount(data.get("requested_amount"), programme.cap)
    if (
        Application.objects.filter(round=round, family=family)
        .exclude(status__in=("withdrawn", "ineligible", "rejected"))
        .exists()
    ):
        raise DomainError(_("She already has an application in this round."), field="round")
    application = Application(
        round=round,
        programme=programme,
        budget_id=round.budget_id,
        family=family,
        district_id=family.district_id,
        cap=programme.cap,
        created_by=actor,
        **{field: data[field] for field in FIELDS if field in data},
    )
    application.full_clean(exclude=["family", "round", "district", "created_by"])
    application.save()
    record_change(actor=actor, subject=family, action="grant.create", target=application, changed_fields=FIELDS)
    if plan is not None:
        document_add(actor=actor, application=application, kind=Document.Kind.PLAN, file=plan)
    if submit:
        application = application_submit(actor=actor, application=application)
    return application


@transaction.atomic
def application_update(*, actor, application: Application, **data: Any) -> Application:
    """Saves the draft; a submitted application is frozen (amend it instead)."""
    _refuse_role(actor, APPLICANTS)
    application = locked_application(application)
    if application.frozen:
        raise DomainError(_("A submitted application is not edited: make an amendment."))
    _check_amount(data.get("requested_amount", application.requested_amount), application.cap)
    changed = [field for field in FIELDS if field in data and getattr(application, field) != data[field]]
    for field in changed:
        setattr(application, field, data[field])
    application.save(update_fields=[*changed, "updated_at"])
    record_change(actor=actor, subject=application.family, action="grant.update", target=application, changed_fields=changed)
    return application


def snapshot(application: Application) -> dict[str, str]:
    return {field: str(getattr(application, field)) for field in FIELDS}


@transaction.atomic
def application_submit(*, actor, application: Application) -> Application:
    application = locked_application(application)
    _round_open(application.round)
    if not application.documents.filter(kind=Document.Kind.PLAN).exists():
        raise DomainError(_("Attach the business plan before submitting."), field="documents")
    _check_amount(application.requested_amount, application.cap)
    family = application.family
    application.district_id = family.district_id
    application.applicant_iin = family.mother.iin or ""
    application.submitted_at = timezone.now()
    application.version = 1
    do_move(actor, application, "submit", fields=("district", "applicant_iin", "submitted_at", "version"))
    ApplicationVersion.objects.create(application=application, number=1, data=snapshot(application), created_by=actor)
    return application


@transaction.atomic
def application_amend(*, actor, application: Application, comment: str, version: int | None = None, **data: Any) -> Application:
    """A change after submission: the new text is a new version; the old one stays as it was.

    ``version`` is the version the amendment form was opened on: when another amendment was made since
    (her and the officer at once), nothing is saved and ``EditConflict`` says so (None: the caller has
    just read it). The reviews already submitted stay: the application page marks the scores given to an
    earlier version (``grants.selectors.reviews_for``)."""
    _refuse_role(actor, AMENDERS)
    application = locked_application(application)
    if actor.role == Role.MOTHER and application.family.mother_account_id != actor.pk:
        raise DomainError(_("Your role does not allow this step."))
    if application.status not in AMENDABLE:
        raise DomainError(_("This application can no longer be amended."))
    if version is not None and version != application.version:
        raise EditConflict(
            _(
                "While you were writing, someone else amended this application. Yours is not saved yet, and "
                "everything you typed is still below. Compare it with the application as it is now, then send it again."
            ),
            version=application.version,
        )
    comment = bounded(paragraphs(comment), limit=COMMENT_LENGTH, field="comment")
    if not comment:
        raise DomainError(_("Say what the amendment changes."), field="comment")
    _check_amount(data.get("requested_amount", application.requested_amount), application.cap)
    changed = [field for field in FIELDS if field in data and str(getattr(application, field)) != str(data[field])]
    if not changed:
        raise DomainError(_("The amendment changes nothing."))
    for field in changed:
        setattr(application, field, data[field])
    application.version += 1
    application.save(update_fields=[*changed, "version", "updated_at"])
    ApplicationVersion.objects.create(
        application=application, number=application.version, data=snapshot(application), created_by=actor, comment=comment
    )
    record_change(actor=actor, subject=application.family, action="grant.amend", target=application, changed_fields=changed)
    return application


@transaction.atomic
def document_add(*, actor, application: Application, kind: str, file) -> Document:
    _refuse_role(actor, APPLICANTS)
    application = locked_application(application)
    if application.frozen:
        raise DomainError(_("Documents are added to a draft only."), field="file")
    document = Document.objects.create(application=application, kind=kind, file=file, uploaded_by=actor)
    record_change(
        actor=actor, subject=application.family, action="grant.document", target=application, changed_fields=("documents",)
    )
    return document


@transaction.atomic
def application_edit(*, actor, application: Application, plan=None, submit: bool = False, **data: Any) -> Application:
    """Her draft changed (and a new business plan added when given), submitted at once when she asks:
    all of it or nothing."""
    application = application_update(actor=actor, application=application, **data)
    if plan is not None:
        document_add(actor=actor, application=application, kind=Document.Kind.PLAN, file=plan)
    if submit:
        application = application_submit(actor=actor, application=application)
    return application
