"""Factories for the grants: a programme with its rubric, a year's budget with allocations, an open round,
an eligible family (large, verified, with a completed entrepreneurship course) and applications brought
to any status through the services, as the officers would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.test import TestCase
from django.utils import timezone
from factory.django import DjangoModelFactory

from courses.models import Booking, Category
from grants import services
from grants.models import Allocation, Application, Budget, Criterion, Programme, ReviewerProfile, Round, Status
from tests.courses.factories import CourseFactory, GroupFactory
from tests.factories import CommissionMemberFactory, GrantOfficerFactory, GrantReviewerFactory
from tests.families.factories import family_with_children, valid_iin, years_ago
from tests.uploads import scan, upload


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = "isker-ana-small"
    name = "Isker Ana — small grant"
    name_kk = "Іскер Ана — шағын грант"
    name_ru = "Іскер Ана — малый грант"
    family_code = "isker-ana"
    lookback_years = 3
    cap = Decimal(555_000)

    @factory.post_generation
    def rubric(programme, create, extracted, **kwargs):
        if create and extracted is not False and not programme.criteria.exists():
            for order, (name_kk, name_ru, weight) in enumerate(
                (("Идея", "Идея", 2), ("Нарық", "Рынок", 1), ("Жұмыс орындары", "Рабочие места", 1))
            ):
                Criterion.objects.create(
                    programme=programme, name=name_ru, name_kk=name_kk, name_ru=name_ru, weight=weight, order=order
                )


def budget_for(programme: Programme, *, amount=Decimal(10_000_000), districts=(), allocation=Decimal(5_000_000)) -> Budget:
    budget, _ = Budget.objects.get_or_create(programme=programme, year=timezone.localdate().year, defaults={"amount": amount})
    for district in districts:
        Allocation.objects.get_or_create(budget=budget, district=district, defaults={"amount": allocation})
    return budget


def open_round(*, programme=None, districts=(), **budget) -> Round:
    programme = programme or ProgrammeFactory()
    today = timezone.localdate()
    return Round.objects.create(
        programme=programme,
        budget=budget_for(programme, districts=districts, **budget),
        name="2026 — I",
        name_kk="2026 — I кезең",
        name_ru="2026 — I этап",
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=20),
    )


def completed_course(family) -> Booking:
    group = GroupFactory(course=CourseFactory(category=Category.ENTREPRENEURSHIP), centre=family.centre)
    return Booking.objects.create(
        group=group,
        course=group.course,
        family=family,
        status=Booking.Status.CONFIRMED,
        booked_by=family.created_by,
        completed_at=timezone.now() - dt.timedelta(days=30),
    )


def eligible_family(*, course=True, **kwargs):
    family = family_with_children(3, 5, 8, 11, **kwargs)
    if course:
        completed_course(family)
    return family


def plan_pdf():
    return upload("plan.pdf", scan("pdf"), "application/pdf")


FIELDS = {
    "business_idea": "Тігін цехы",
    "sector": "sewing",
    "requested_amount": Decimal(500_000),
    "own_contribution": Decimal(50_000),
    "expected_jobs": 2,
    "plan_market": "Аудандағы мектеп формасы",
    "plan_costs": "Екі тігін машинасы",
    "plan_income": "200 000 ₸",
}


def draft(round_: Round, family=None, *, actor=None, **fields) -> Application:
    family = family or eligible_family(registrar__centre__district=round_.budget.allocations.first().district)
    actor = actor or family.created_by
    return services.application_create(actor=actor, family=family, round=round_, **{**FIELDS, **fields})


def officer_for(application: Application):
    return GrantOfficerFactory(centre=application.family.centre)


def reviewer_with_iin(iin: str | None = None):
    reviewer = GrantReviewerFactory()
    ReviewerProfile.objects.create(user=reviewer, iin=iin or valid_iin(years_ago(40), "f"))
    return reviewer


def scored(application: Application, reviewer=None, *, officer=None, score=8) -> None:
    officer = officer or officer_for(application)
    reviewer = reviewer or reviewer_with_iin()
    review = services.review_assign(actor=officer, application=application, reviewer=reviewer)
    scores = {c.pk: score for c in application.programme.criteria.all()}
    services.review_submit(actor=reviewer, review=review, scores=scores, declared=True)


def brought_to(status: str, round_: Round, family=None, *, approved=Decimal(400_000), **fields) -> Application:
    """An application moved by the services up to ``status`` (along the happy path)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        application = draft(round_, family, **fields)
        if status == Status.DRAFT:
            return application
        services.document_add(actor=application.created_by, application=application, kind="plan", file=plan_pdf())
        services.application_submit(actor=application.created_by, application=application)
        application.refresh_from_db()
        officer = officer_for(application)
        steps = {
            Status.ELIGIBILITY: lambda: services.application_check(actor=officer, application=application),
            Status.UNDER_REVIEW: lambda: services.application_move(
                actor=officer, application=application, name="confirm_eligible"
            ),
            "scored": lambda: scored(application, officer=officer),
            Status.APPROVED: lambda: services.application_approve(actor=officer, application=application, amount=approved),
            Status.AGREEMENT: lambda: services.application_move(actor=officer, application=application, name="sign"),
            Status.DISBURSED: lambda: services.tranche_record(
                actor=officer, application=application, amount=approved / 2, paid_on=timezone.localdate()
            ),
            Status.MONITORING: lambda: services.tranche_record(
                actor=officer, application=application, amount=approved / 2, paid_on=timezone.localdate()
            ),
        }
        for step, run in steps.items():
            if application.status == status:
                break
            run()
            application.refresh_from_db()
            if step == "scored" and status in (Status.RESERVE, "scored"):
                break
        if status == Status.RESERVE:
            services.application_move(actor=officer, application=application, name="reserve")
        application.refresh_from_db()
        return application


def commission_member():
    return CommissionMemberFactory()
