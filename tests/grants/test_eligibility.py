"""The automatic checks: a verified large or low-income family, a completed entrepreneurship course, and
no grant of the same programme family to her IIN in the last N years, whichever family she was in."""

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import DomainError
from grants import eligibility, services
from grants.models import Application, Status
from tests.families.factories import FamilyFactory, PersonFactory
from tests.grants.factories import ProgrammeFactory, brought_to, eligible_family, officer_for, open_round

pytestmark = pytest.mark.django_db


def results(application):
    return {r.code: r.passed for r in eligibility.checks(application)}


def test_an_eligible_family_passes_every_check(round_, almaly):
    application = brought_to(Status.SUBMITTED, round_, eligible_family(registrar__centre=almaly))
    assert results(application) == {"category": True, "course": True, "no_recent_grant": True}


def test_a_family_neither_large_nor_low_income_fails_and_cannot_be_confirmed(round_, almaly):
    family = FamilyFactory(registrar__centre=almaly)
    application = brought_to(Status.ELIGIBILITY, round_, family)
    assert application.eligibility["category"] is False
    with pytest.raises(DomainError):
        services.application_move(actor=officer_for(application), application=application, name="confirm_eligible")
    application.refresh_from_db()
    assert application.status == Status.ELIGIBILITY


def test_a_self_registered_family_not_yet_verified_fails_the_category_check(round_, almaly):
    family = eligible_family(registrar__centre=almaly)
    type(family).objects.filter(pk=family.pk).update(self_registered=True, verified_at=None)
    family.refresh_from_db()
    application = brought_to(Status.SUBMITTED, round_, family)
    assert results(application)["category"] is False


def test_without_a_completed_entrepreneurship_course_she_fails(round_, almaly):
    application = brought_to(Status.SUBMITTED, round_, eligible_family(registrar__centre=almaly, course=False))
    assert results(application)["course"] is False


def test_a_programme_that_needs_no_course_does_not_ask_for_it(almaly):
    programme = ProgrammeFactory(code="no-course", requires_course=False)
    round_ = open_round(programme=programme, districts=[almaly.district])
    application = brought_to(Status.SUBMITTED, round_, eligible_family(registrar__centre=almaly, course=False))
    assert "course" not in results(application)


def test_a_grant_of_the_same_programme_family_to_her_iin_in_another_family_counts(round_, almaly):
    first = brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    # Years later she registers again with another family under the same IIN (her old record gone).
    iin = first.family.mother.iin
    mother = first.family.mother
    mother.iin = None
    mother.save(update_fields=["iin"])
    again = eligible_family(registrar__centre=almaly, mother=PersonFactory(iin=iin))
    large = ProgrammeFactory(code="isker-ana-large", family_code="isker-ana", cap=5_000_000)
    application = brought_to(Status.SUBMITTED, open_round(programme=large, districts=[almaly.district]), again)
    assert results(application)["no_recent_grant"] is False


def test_a_grant_older_than_the_programmes_years_does_not_count(round_, almaly):
    first = brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    Application.objects.filter(pk=first.pk).update(decided_at=timezone.now() - dt.timedelta(days=365 * 3 + 2))
    other = ProgrammeFactory(code="isker-ana-large", family_code="isker-ana", cap=5_000_000)
    application = brought_to(Status.DRAFT, open_round(programme=other, districts=[almaly.district]), first.family)
    application.applicant_iin = first.applicant_iin
    assert not eligibility.recent_grant(application)


def test_another_programme_family_does_not_count(round_, almaly):
    first = brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    other = ProgrammeFactory(code="bastau", family_code="bastau")
    application = brought_to(Status.SUBMITTED, open_round(programme=other, districts=[almaly.district]), first.family)
    assert results(application)["no_recent_grant"] is True
