"""The list, the search results and the family page cost the same number of queries for 1 row or 25.

A signed-in page reads her session from the cache (core.sessions): no count below includes it."""

import pytest

from families.models import VisitPurpose
from families.services import visit_check_in
from families.timeline import timeline_add
from tests.families.factories import AppealFactory, ChildFactory, FamilyFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrar(registrar, client):
    client.get("/kk/")  # the session and the scope are settled before counting
    return registrar


def families(registrar, count: int, **kwargs):
    made = [FamilyFactory(registrar=registrar, **kwargs) for _ in range(count)]
    for family in made:
        ChildFactory(family=family)
        ChildFactory(family=family)
    return made


@pytest.mark.parametrize("count", [1, 25])
def test_the_family_list_costs_the_same_for_one_row_or_twenty_five(client, registrar, django_assert_num_queries, count):
    families(registrar, count)
    # the user, the page of families with mothers and children counted — one row more than a
    # page, so a list that fits on one page is its own count (core.paging.CappedPaginator)
    with django_assert_num_queries(2):
        response = client.get("/kk/families/")
    assert len(response.context["families"]) == count


def test_a_list_longer_than_a_page_is_counted_only_up_to_the_cap(client, registrar, django_assert_num_queries):
    families(registrar, 27)
    # as a list on one page, plus the count of at most 1,001 rows
    with django_assert_num_queries(3) as captured:
        response = client.get("/kk/families/")
    assert "LIMIT 1001" in captured.captured_queries[-1]["sql"]
    assert response.context["page"].paginator.count == 27


@pytest.mark.parametrize("count", [1, 25])
def test_name_search_results_cost_the_same_for_one_row_or_twenty_five(client, registrar, django_assert_num_queries, count):
    families(registrar, count, mother__last_name="Сейітова")
    # as the list, plus the keys of the families the name matched (their page is read by them)
    with django_assert_num_queries(3):
        response = client.get("/kk/families/", {"q": "сейит"})
    assert len(response.context["families"]) == count


def test_a_name_matching_more_families_than_are_read_by_key_pages_through_them_all(client, registrar, monkeypatch):
    monkeypatch.setattr("families.selectors.MATCHES_BY_KEY", 2)
    matching = families(registrar, 30, mother__last_name="Сейітова")
    families(registrar, 3, mother__last_name="Омарова")
    first = client.get("/kk/families/", {"q": "сейит"})
    second = client.get("/kk/families/", {"q": "сейит", "page": 2})
    shown = [family.pk for family in first.context["families"]] + [family.pk for family in second.context["families"]]
    assert sorted(shown) == sorted(family.pk for family in matching)


@pytest.mark.parametrize("count", [1, 25])
def test_a_misspelt_name_costs_the_same_for_one_guess_or_twenty_five(client, registrar, django_assert_num_queries, count):
    families(registrar, count, mother__last_name="Сейітова")
    # as the list, plus the exact match that found nothing and the best guesses' ids; the guesses fit
    # on one page, so they are their own count
    with django_assert_num_queries(4):
        response = client.get("/kk/families/", {"q": "сейтава"})
    assert len(response.context["families"]) == count


def test_a_misspelt_name_shows_one_page_of_best_guesses_and_counts_nothing(client, registrar, django_assert_num_queries):
    families(registrar, 30, mother__last_name="Сейітова")
    with django_assert_num_queries(4) as captured:
        response = client.get("/kk/families/", {"q": "сейтава"})
    assert not any("LIMIT 1001" in query["sql"] for query in captured.captured_queries)  # no capped count
    page = response.context["page"]
    assert (len(page.object_list), page.has_next(), page.paginator.count) == (25, False, 25)


@pytest.mark.parametrize("children", [1, 8])
def test_an_iin_search_costs_the_same_whoever_the_iin_belongs_to(client, registrar, django_assert_num_queries, children):
    family = FamilyFactory(registrar=registrar)
    kids = [ChildFactory(family=family) for _ in range(children)]
    # as the list, plus the person with that IIN
    with django_assert_num_queries(3):
        response = client.get("/kk/families/", {"q": kids[-1].person.iin})
    assert list(response.context["families"]) == [family]


@pytest.fixture
def four_more_apps(monkeypatch):
    """Consultations, courses, grants and dashboards, each with its kinds of entry, its buttons and its
    section of the family page, as they will plug in."""
    from core import extensions
    from core.extensions import FamilyAction, FamilySection
    from core.timeline import TimelineKind

    apps = ["consultations", "courses", "grants", "reports"]
    kinds = {**extensions.timeline_kinds(), **{f"{app}.event": TimelineKind(f"{app}.event", "star", app) for app in apps}}
    actions = [FamilyAction(app, "families:edit", "families.view_family") for app in apps]
    sections = [FamilySection(app, "families:access_log", "families.view_family") for app in apps]
    extra = {"family_actions": actions, "family_sections": sections}
    real = extensions.contributions
    monkeypatch.setattr("families.timeline.timeline_kinds", lambda: kinds)
    monkeypatch.setattr("families.views.registry.contributions", lambda name: [*real(name), *extra.get(name, [])])
    return apps


@pytest.mark.parametrize("entries", [1, 12])
def test_the_family_page_costs_the_same_however_long_its_timeline_and_however_many_apps(
    client, registrar, django_assert_num_queries, entries, four_more_apps
):
    family = FamilyFactory(registrar=registrar)
    for _ in range(3):
        ChildFactory(family=family)
    purposes = VisitPurpose.objects.all()[:2]
    for _ in range(entries):
        visit_check_in(actor=registrar, family=family, purposes=purposes)
        ReferralFactory(appeal=AppealFactory(family=family))
        for app in four_more_apps:
            timeline_add(family=family, kind=f"{app}.event", actor=registrar)
    # the user; the family's title and stamp; the access-log row; then, for the body: the family
    # with its people; its children, consents, appeals and their referrals; today's thresholds; the
    # whole timeline, every app's entries in one query. The other apps' sections load after the page,
    # by htmx: they cost the page nothing.
    with django_assert_num_queries(10):
        response = client.get(f"/kk/families/{family.pk}/")
    assert len(response.context["timeline"]) >= entries * 5
    # After the sections of the apps installed now (consultations, courses), the four plugged in here.
    assert [section.title for section in response.context["sections"]][-len(four_more_apps) :] == four_more_apps


def test_a_family_page_opened_again_costs_only_its_stamp_and_its_access_log_row(client, registrar, django_assert_num_queries):
    family = FamilyFactory(registrar=registrar)
    ChildFactory(family=family)
    ReferralFactory(appeal=AppealFactory(family=family))
    first = client.get(f"/kk/families/{family.pk}/", headers={"HX-Request": "true"})
    # the user; the family's title and stamp; the access-log row (each opening is logged)
    with django_assert_num_queries(3):
        again = client.get(f"/kk/families/{family.pk}/", headers={"HX-Request": "true"})
    assert "family-body" in first.content.decode()
    assert again.content.decode() == first.content.decode()
