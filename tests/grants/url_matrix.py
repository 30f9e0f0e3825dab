"""The grants' URLs in the URL × role matrix (how: tests/url_matrix.py).

The grant officer of the home centre runs the world's application (another centre's officer: 404); a
commission member sees it because its round is at the decision stage, and may decide; the world's
reviewer is assigned to it and scores it. Nobody else may open these pages (403); the mother has her
cabinet section. Empty POSTs are refused with the form again (400)."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from core.roles import Role
from grants.models import Application, Document, MonitoringVisit, Review, ReviewerProfile, Round, Status
from tests.grants.factories import ProgrammeFactory, budget_for
from tests.uploads import scan
from tests.url_matrix import Access, Case, Redirect

OFFICER = frozenset({Role.GRANT_OFFICER})
DECIDERS = frozenset({Role.GRANT_OFFICER, Role.COMMISSION_MEMBER})
READERS = DECIDERS | {Role.GRANT_REVIEWER}
REVIEWER = frozenset({Role.GRANT_REVIEWER})
MOTHER = frozenset({Role.MOTHER})
DESK = frozenset({Role.REGISTRAR, Role.GRANT_OFFICER})


def populate(world) -> None:
    programme = ProgrammeFactory()
    today = timezone.localdate()
    world.grant_round = Round.objects.create(
        programme=programme,
        budget=budget_for(programme, districts=[world.home.district]),
        name="2026",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today - dt.timedelta(days=1),
        stage=Round.Stage.DECISION,
    )
    world.grant = Application.objects.create(
        round=world.grant_round,
        programme=programme,
        budget=world.grant_round.budget,
        family=world.family,
        district=world.family.district,
        cap=programme.cap,
        status=Status.UNDER_REVIEW,
        business_idea="Тігін цехы",
        sector="sewing",
        requested_amount=Decimal(500_000),
        created_by=world.family.created_by,
        submitted_at=timezone.now(),
    )
    reviewer = world.users["grant_reviewer"]
    ReviewerProfile.objects.create(user=reviewer, iin="820101400017")
    world.grant_document = Document.objects.create(
        application=world.grant, kind="plan", file=ContentFile(scan("pdf"), name="plan.pdf"), uploaded_by=world.family.created_by
    )
    world.grant_visit = MonitoringVisit.objects.create(application=world.grant, months=6, due_on=today)
    world.grant_review = Review.objects.create(application=world.grant, reviewer=reviewer, assigned_by=world.family.created_by)


def _grant(world):
    return [world.grant.pk]


def page(roles, *, args=None, scoped=False) -> Case:
    return Case(args=args or (lambda world: ()), get=Access(roles, scoped=scoped), post=Access(roles, ok=405))


def modal(roles, args) -> Case:
    return Case(args=args, get=Access(roles, scoped=True), post=Access(roles, ok=400, scoped=True))


URLS = {
    "grants:applications": page(OFFICER),
    "grants:application": page(READERS, args=_grant, scoped=True),
    "grants:move": modal(DECIDERS, lambda world: [world.grant.pk, "reject"]),
    "grants:approve": modal(DECIDERS, _grant),
    "grants:assign": modal(OFFICER, _grant),
    # Under review: a tranche is refused (400); the visit's empty form too.
    "grants:tranche": modal(OFFICER, _grant),
    "grants:visit": modal(OFFICER, lambda world: [world.grant_visit.pk]),
    # Under review: amendable; an empty form is refused (400). Another centre's officer: 404.
    "grants:amend": modal(OFFICER, _grant),
    "grants:overdue": page(OFFICER),
    "grants:funnel": page(OFFICER),
    "grants:rounds": page(DECIDERS),
    "grants:ranking": page(DECIDERS, args=lambda world: [world.grant_round.pk]),
    # At the decision stage: the officer may open its move to "closed" (rounds are city-wide: any
    # officer); an empty form names no stage (400). The commission decides, but never moves a round.
    "grants:round_move": Case(args=lambda world: [world.grant_round.pk], get=Access(OFFICER), post=Access(OFFICER, ok=400)),
    "grants:pack_pdf": page(DECIDERS, args=lambda world: [world.grant_round.pk]),
    "grants:pack_xlsx": page(DECIDERS, args=lambda world: [world.grant_round.pk]),
    "grants:balance": page(OFFICER),
    "grants:my_reviews": page(REVIEWER),
    "grants:score": modal(REVIEWER, lambda world: [world.grant_review.pk]),
    "grants:my_applications": Case(get=Access(MOTHER), post=Access(MOTHER, ok=405)),
    "grants:apply": Case(get=Access(MOTHER), post=Access(MOTHER, ok=400)),
    # Hers is under review already: the refusal is a message, back to her applications.
    "grants:submit_mine": Case(
        args=_grant,
        get=Access(MOTHER, ok=405),
        post=Access(MOTHER, ok=Redirect("grants:my_applications"), scoped=True),
    ),
    # Hers is under review already: no longer a draft to edit.
    "grants:edit_mine": Case(args=_grant, get=Access(MOTHER, ok=404, scoped=True), post=Access(MOTHER, ok=404, scoped=True)),
    # Hers is under review: amendable by her from her cabinet; another mother's is a 404.
    "grants:amend_mine": Case(args=_grant, get=Access(MOTHER, scoped=True), post=Access(MOTHER, ok=400, scoped=True)),
    "grants:desk_apply": Case(
        args=lambda world: [world.family.pk], get=Access(DESK, scoped=True), post=Access(DESK, ok=400, scoped=True)
    ),
    # Her own document: the mother and the staff who see the family; never the panels (by scope: 404).
    "grants:document": Case(
        args=lambda world: [world.grant_document.pk],
        get=Access(DESK | MOTHER, scoped=True),
        post=Access(DESK | MOTHER, ok=405),
    ),
}
