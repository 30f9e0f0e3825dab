"""The registry's pages make bench measures: picked among the families the demo registrar sees."""

import io
import random
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from families import bench
from families.models import Family
from tests.helpers import kept_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    # The registrar sees about a tenth of them (where each family lands depends on what seeded before it
    # in the process, so leave room above the five targets).
    with kept_for_the_module(django_db_blocker):
        call_command("seed_demo", families=120, skip=["dashboards"], stdout=io.StringIO())
        yield


@pytest.fixture
def demo(seeded, client):
    registrar = User.objects.get(username=bench.REGISTRAR)
    client.force_login(registrar)
    return registrar


def searched(path: str) -> str:
    return parse_qs(urlsplit(path).query)["q"][0]


@pytest.mark.parametrize(
    "function",
    [
        bench.name_search,
        bench.misspelt_name_search,
        bench.iin_search,
        bench.partial_iin_search,
        bench.partial_phone_search,
        bench.family_page,
        bench.family_page_first_opening,
    ],
)
def test_every_path_answers_the_demo_registrar(client, demo, function):
    paths = function(random.Random(1), 5)

    assert len(paths) >= 5
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_the_targets_are_families_the_registrar_sees(demo):
    visible = Family.objects.visible_to(demo).select_related("mother")
    iins = {family.mother.iin for family in visible}
    pages = {reverse("families:detail", args=[family.pk]) for family in visible}

    assert {searched(path) for path in bench.iin_search(random.Random(2), 10)} <= iins
    assert set(bench.family_page(random.Random(2), 10)) <= pages
    assert visible.count() < Family.objects.count()  # the other districts' families are left out


def test_a_name_search_finds_the_family_it_was_picked_from(client, demo):
    for path in bench.name_search(random.Random(3), 5):
        last_name, start = searched(path).split()
        mothers = [family.mother for family in client.get(path).context["families"]]
        assert any(m.last_name == last_name and m.first_name.startswith(start) for m in mothers), path


@pytest.mark.parametrize("function", [bench.partial_iin_search, bench.partial_phone_search])
def test_part_of_an_iin_or_phone_finds_the_family_it_was_picked_from(client, demo, function):
    for path in function(random.Random(4), 5):
        digits = searched(path).replace(" ", "")
        families = client.get(path).context["families"]
        assert any(digits in family.mother.iin or digits in family.phone_e164 for family in families), path


def test_the_same_seed_picks_the_same_targets_on_the_same_data(demo):
    assert bench.family_page(random.Random(7), 8) == bench.family_page(random.Random(7), 8)


def test_the_first_openings_ask_for_no_family_twice_in_a_default_run(demo):
    paths = bench.family_page_first_opening(random.Random(1), 1)
    visible = Family.objects.visible_to(demo).count()
    assert len(paths) == len(set(paths)) == min(bench.FIRST_OPENINGS_PER_TARGET, visible) > 5


def test_more_targets_than_families_gives_every_family_once(demo):
    paths = bench.family_page(random.Random(1), 10_000)
    assert len(paths) == len(set(paths)) == Family.objects.visible_to(demo).count()


@pytest.mark.parametrize(
    ("name", "misspelt"),
    [("Нұрланова", "Нұрлонова"), ("Иванова", "Ивонова"), ("Ли", "Лиа"), ("Әбдірахманова", "Әбдырахманова")],
)
def test_a_misspelling_changes_one_vowel_after_the_second_letter(name, misspelt):
    assert bench.misspell(name) == misspelt
