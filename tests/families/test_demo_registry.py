"""What one seeding of the registry makes (``seed_demo``'s families step, seeded once for the module):
valid and unique IINs, a consent and a visit for every family, search names, categories, children's
births, appeals' steps, the centres a family came to and the timeline. The step's top-ups, its chunks
and its indexes are tested in test_demo.py, each on a seeding of its own."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from families import iin
from families.categories import ChildFacts, Thresholds, compute
from families.models import Appeal, CategoryThresholds, CentreGuest, Child, Family, MaritalStatus, Person, TimelineEntry, Visit
from families.search import search_key
from tests.helpers import kept_for_the_module

pytestmark = pytest.mark.django_db

FAMILIES = 60


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        call_command("seed_demo", families=FAMILIES, skip=["dashboards"], stdout=io.StringIO())
        yield


def test_seed_demo_creates_the_families_asked_for_with_valid_and_unique_iins(seeded):
    assert Family.objects.count() == FAMILIES
    iins = list(Person.objects.values_list("iin", flat=True))
    assert all(value is not None and iin.is_valid(value) for value in iins)
    assert len(set(iins)) == len(iins)


def test_every_family_has_a_consent_and_at_least_one_visit(seeded):
    assert not Family.objects.filter(consents__isnull=True).exists()
    assert not Family.objects.filter(visits__isnull=True).exists()
    assert not Visit.objects.filter(purposes__isnull=True).exists()


def test_everyone_can_be_found_by_name_because_the_search_name_is_filled_in(seeded):
    for person in Person.objects.all():
        assert person.search_name
        assert person.search_name == search_key(person.full_name)
    for family in Family.objects.select_related("mother"):
        assert family.search_name == family.mother.search_name  # what name search reads


def test_the_stored_categories_are_the_ones_compute_gives_today(seeded):
    today = timezone.localdate()
    limits = Thresholds.of(CategoryThresholds.on(today))

    for family in Family.objects.prefetch_related("children__person"):
        expected = compute(
            children=[
                ChildFacts(c.person.birth_date, c.has_disability, c.in_full_time_education, c.lives_with_family)
                for c in family.children.all()
            ],
            married=family.marital_status == MaritalStatus.MARRIED,
            monthly_income=family.monthly_income,
            limits=limits,
            today=today,
        )
        stored = {name: getattr(family, name) for name in expected.as_fields()}
        assert stored == expected.as_fields()
        assert family.categories_checked_on == today


def test_no_child_is_born_before_her_mother_turned_18_nor_in_the_future(seeded):
    today = timezone.localdate()

    for child in Child.objects.select_related("person", "family__mother"):
        assert child.person.birth_date <= today
        assert child.family.mother.age_on(child.person.birth_date) >= 18


def test_every_appeal_has_the_status_its_steps_lead_to(seeded):
    assert Appeal.objects.exists()

    for request in Appeal.objects.prefetch_related("steps", "referrals"):
        steps = list(request.steps.order_by("at", "pk"))
        assert (steps[0].from_status, steps[0].to_status) == ("", Appeal.Status.OPEN)
        for before, step in zip(steps, steps[1:], strict=False):
            assert step.from_status == before.to_status
            assert step.to_status in Appeal.TRANSITIONS[step.from_status]
        assert steps[-1].to_status == request.status
        assert (request.closed_at is not None) == request.is_closed
        if request.is_closed:
            assert request.closed_at == steps[-1].at
        assert len(request.referrals.all()) == sum(step.to_status == Appeal.Status.REFERRED for step in steps)


def test_the_other_districts_centres_each_family_came_to_are_recorded_for_scoping(seeded):
    away = Visit.objects.exclude(centre__district=F("family__district")).values_list("centre_id", "family_id").distinct()
    assert away  # some came to another district's centre
    assert set(CentreGuest.objects.values_list("centre_id", "family_id")) == set(away)


def test_timeline_entries_name_the_records_they_are_about(seeded):
    for entry in TimelineEntry.objects.filter(kind="families.visit"):
        visit = Visit.objects.get(pk=int(entry.ref.split(":")[1]))
        assert (visit.family_id, visit.arrived_at) == (entry.family_id, entry.at)
