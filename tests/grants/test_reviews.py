"""Reviews: the conflict of interest (her relative, her household), the declaration, the weighted score,
the blind rule (no other score seen before she submits hers), the ranking and the funnel."""

from decimal import Decimal

import pytest

from core.errors import DomainError
from grants import selectors, services
from grants.models import Review, Status
from tests.families.factories import ChildFactory, FamilyFactory, PersonFactory
from tests.grants.factories import brought_to, eligible_family, officer_for, reviewer_with_iin, scored

pytestmark = pytest.mark.django_db


def test_a_reviewer_who_is_the_applicants_child_is_refused(round_, almaly):
    application = brought_to(Status.UNDER_REVIEW, round_)
    child = ChildFactory(family=application.family, person=PersonFactory(sex="f"))
    with pytest.raises(DomainError) as refusal:
        services.review_assign(
            actor=officer_for(application), application=application, reviewer=reviewer_with_iin(child.person.iin)
        )
    assert refusal.value.field == "reviewer"
    assert not Review.objects.exists()


def test_a_reviewer_from_a_family_at_the_same_address_is_refused(round_, almaly):
    application = brought_to(Status.UNDER_REVIEW, round_)
    neighbour = FamilyFactory(registrar__centre=almaly, address=application.family.address.upper().replace(",", " ,"))
    with pytest.raises(DomainError):
        services.review_assign(
            actor=officer_for(application), application=application, reviewer=reviewer_with_iin(neighbour.mother.iin)
        )


def test_a_reviewer_who_became_related_after_assignment_cannot_score(round_):
    application = brought_to(Status.UNDER_REVIEW, round_)
    reviewer = reviewer_with_iin()
    review = services.review_assign(actor=officer_for(application), application=application, reviewer=reviewer)
    ChildFactory(family=application.family, person=PersonFactory(iin=reviewer.reviewer_profile.iin))
    with pytest.raises(DomainError):
        services.review_submit(actor=reviewer, review=review, scores={}, declared=True)


def test_a_reviewer_without_a_recorded_iin_is_not_assigned(round_):
    from tests.factories import GrantReviewerFactory

    application = brought_to(Status.UNDER_REVIEW, round_)
    with pytest.raises(DomainError):
        services.review_assign(actor=officer_for(application), application=application, reviewer=GrantReviewerFactory())


def test_scores_need_the_declaration_and_every_criterion_within_its_range(round_):
    application = brought_to(Status.UNDER_REVIEW, round_)
    reviewer = reviewer_with_iin()
    review = services.review_assign(actor=officer_for(application), application=application, reviewer=reviewer)
    criteria = list(application.programme.criteria.all())
    full = {c.pk: 5 for c in criteria}
    with pytest.raises(DomainError) as refusal:
        services.review_submit(actor=reviewer, review=review, scores=full, declared=False)
    assert refusal.value.field == "declared"
    with pytest.raises(DomainError):
        services.review_submit(actor=reviewer, review=review, scores={**full, criteria[0].pk: 11}, declared=True)
    review.refresh_from_db()
    assert review.submitted_at is None


def test_the_total_is_weighted_out_of_a_hundred(round_):
    application = brought_to(Status.UNDER_REVIEW, round_)
    reviewer = reviewer_with_iin()
    review = services.review_assign(actor=officer_for(application), application=application, reviewer=reviewer)
    idea, market, jobs = application.programme.criteria.all()  # weights 2, 1, 1; out of 10
    review = services.review_submit(actor=reviewer, review=review, scores={idea.pk: 10, market.pk: 5, jobs.pk: 0}, declared=True)
    assert review.total == Decimal("62.50")


def test_a_reviewer_sees_no_other_score_until_she_submits_hers(round_):
    application = brought_to(Status.UNDER_REVIEW, round_)
    officer = officer_for(application)
    scored(application, officer=officer, score=9)
    second = reviewer_with_iin()
    review = services.review_assign(actor=officer, application=application, reviewer=second)
    assert [r.pk for r in selectors.reviews_for(second, application)] == [review.pk]
    services.review_submit(
        actor=second, review=review, scores={c.pk: 4 for c in application.programme.criteria.all()}, declared=True
    )
    assert len(selectors.reviews_for(second, application)) == 2
    assert len(selectors.reviews_for(officer, application)) == 2


def test_the_ranking_puts_the_best_average_first(round_, almaly):
    low = brought_to(Status.UNDER_REVIEW, round_, eligible_family(registrar__centre=almaly))
    high = brought_to(Status.UNDER_REVIEW, round_, eligible_family(registrar__centre=almaly))
    scored(low, score=3)
    scored(high, score=9)
    scored(high, score=7)
    ranked = selectors.ranking(officer_for(low), round_)
    assert [(a.pk, a.scored) for a in ranked] == [(high.pk, 2), (low.pk, 1)]
    assert ranked[0].score == Decimal(80)


def test_an_application_no_reviewer_has_scored_yet_ranks_below_every_scored_one(round_, almaly):
    unscored = brought_to(Status.UNDER_REVIEW, round_, eligible_family(registrar__centre=almaly))
    low = brought_to(Status.UNDER_REVIEW, round_, eligible_family(registrar__centre=almaly))
    scored(low, score=1)
    assert [a.pk for a in selectors.ranking(officer_for(low), round_)] == [low.pk, unscored.pk]


def test_the_funnel_counts_each_step_as_counted_independently(round_, almaly):
    from django.utils import timezone

    from grants.models import MonitoringVisit

    brought_to(Status.DRAFT, round_, eligible_family(registrar__centre=almaly))
    brought_to(Status.ELIGIBILITY, round_, eligible_family(registrar__centre=almaly, course=False))
    brought_to(Status.UNDER_REVIEW, round_, eligible_family(registrar__centre=almaly))
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    paid = brought_to(Status.MONITORING, round_, eligible_family(registrar__centre=almaly))
    visit = MonitoringVisit.objects.get(application=paid, months=12)
    services.visit_record(
        actor=officer_for(paid), visit=visit, done_on=timezone.localdate(), operating=True, jobs_created=1, revenue_band="lt200"
    )
    applications = list(round_.applications.all())
    expected = {
        "applied": sum(a.submitted_at is not None for a in applications),
        "eligible": sum(a.transitions.filter(target="under_review").exists() for a in applications),
        "approved": sum(a.approved_amount is not None for a in applications),
        "disbursed": sum(a.disbursed > 0 for a in applications),
        "opened": sum(a.visits.filter(operating=True).exists() for a in applications),
        "operating_12": sum(a.visits.filter(operating=True, months=12).exists() for a in applications),
        "took_course": sum(
            a.submitted_at is not None and a.family.course_bookings.filter(completed_at__lt=a.submitted_at).exists()
            for a in applications
        ),
    }
    assert expected == {
        "applied": 4,
        "eligible": 3,
        "approved": 2,
        "disbursed": 1,
        "opened": 1,
        "operating_12": 1,
        "took_course": 3,
    }
    assert selectors.funnel(round_=round_) == expected
