"""manage.py bench_paths: the pages make bench measures, from every app's BenchEndpoint, as JSON."""

import io
import json

import pytest
from django.core.management import call_command

from core.extensions import BenchEndpoint, contributions
from families.bench import FIRST_OPENINGS_PER_TARGET

pytestmark = pytest.mark.django_db


def bench_paths(*arguments) -> list[dict]:
    out = io.StringIO()
    call_command("bench_paths", *arguments, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def demo():
    # The registrar sees about a tenth of them (where each family lands depends on what seeded before it
    # in the process, so leave room above the five targets).
    call_command("seed_demo", families=120, stdout=io.StringIO())


def test_every_declared_endpoint_comes_with_its_user_and_its_paths(demo):
    endpoints = bench_paths("--count", "4", "--seed", "1")

    assert [e["label"] for e in endpoints] == [str(e.label) for e in contributions("bench")]
    declared = {str(e.label): e for e in contributions("bench")}
    assert [e["label"] for e in endpoints if e["username"] != declared[e["label"]].username or not e["paths"]] == []
    assert {e["username"] for e in endpoints} == {
        "registrar",
        "psychologist",
        "city",
        "grants",
        None,
    }  # demo users; None: anonymous
    assert endpoints[0]["paths"] == ["/kk/families/"]
    # The pages of many records give one path each; a list page (the family list, the catalogue) one.
    # The family page's first openings give up to ten per target (families.bench), none twice.
    first_openings = "family page (first opening)"
    assert all(len(e["paths"]) in (1, 4) for e in endpoints[1:] if e["label"] != first_openings)
    opened = next(e["paths"] for e in endpoints if e["label"] == first_openings)
    assert 4 < len(opened) == len(set(opened)) <= 4 * FIRST_OPENINGS_PER_TARGET


def test_the_same_seed_gives_the_same_paths(demo):
    assert bench_paths("--seed", "5") == bench_paths("--seed", "5")


def test_an_endpoint_without_a_user_is_asked_anonymously(demo, monkeypatch):
    public = BenchEndpoint("the list, anonymously", "families.bench.family_list", username=None)
    monkeypatch.setattr("otbasy.management.commands.bench_paths.contributions", lambda name: [public])

    assert bench_paths() == [
        {"label": "the list, anonymously", "username": None, "paths": ["/kk/families/"], "at_both_sizes": False}
    ]
