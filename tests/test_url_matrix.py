"""Every named URL × every role, GET and POST, with and without htmx: exactly the expected answer,
never a 500 (pretix's permission matrix, generated from the URL configuration).

Each app writes its expectations in ``tests/<app>/url_matrix.py``; ``tests/url_matrix.py`` explains
how, and holds the personas, the world and the requests. A URL nobody wrote expectations for fails.
"""

import pytest
from django.test import override_settings

from core.extensions import portal_apps
from tests import url_matrix as matrix
from tests.helpers import kept_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module, in a transaction rolled back at its end; every request is rolled
    back too, so each one sees the same world."""
    media = str(tmp_path_factory.mktemp("media"))
    with kept_for_the_module(django_db_blocker), override_settings(MEDIA_ROOT=media), matrix.quiet_refusals():
        yield matrix.build_world()


@pytest.mark.parametrize("subject", matrix.subjects())
def test_every_named_url_answers_every_role_as_expected(world, subject):
    known = matrix.expectations()
    if subject not in known:
        url = next(url for url in matrix.walk_urls() if not isinstance(url, str) and url.name == subject)
        pytest.fail(matrix.where_to_add(url))
    problems = [problem for case in known[subject][1] for problem in matrix.check_case(world, subject, case)]
    if problems:
        pytest.fail(f"{len(problems)} unexpected answers:\n" + "\n".join(problems), pytrace=False)


def test_every_url_pattern_has_a_name_so_that_the_matrix_sees_it():
    unnamed = [route for route in matrix.walk_urls() if isinstance(route, str)]
    assert unnamed == [], "give these URL patterns a name= (and expectations in tests/<app>/url_matrix.py)"


def test_every_expectation_is_for_a_url_of_its_own_app():
    urls = {url.name: url for url in matrix.walk_urls() if not isinstance(url, str)}
    namespaces = {url.namespace.split(":")[0]: url.owner for url in urls.values() if url.namespace}
    wrong = []
    for name, (label, _cases) in matrix.expectations().items():
        owner = namespaces.get(name[:-2]) if name.endswith(":*") else getattr(urls.get(name), "owner", None)
        if owner != label:
            wrong.append(f"tests/{label}/url_matrix.py: {name} " + (f"belongs to {owner}" if owner else "is no URL"))
    assert wrong == []


def test_only_django_s_own_pages_are_covered_as_a_whole_namespace():
    portal = {config.label for config in portal_apps()}
    wholes = [name[:-2] for name in matrix.expectations() if name.endswith(":*")]
    ours = [
        url.name
        for url in matrix.walk_urls()
        if not isinstance(url, str) and url.namespace.split(":")[0] in wholes and url.view_module.split(".")[0] in portal
    ]
    assert ours == [], "a page of the portal needs its own expectations, even inside the admin"


@pytest.mark.parametrize("twin", matrix.SPECIALTY_TWINS, ids=lambda persona: persona.name)
def test_the_other_specialties_get_exactly_what_the_lawyer_gets(world, twin):
    problems = [
        problem
        for name, (_label, cases) in matrix.expectations().items()
        for case in cases
        for problem in matrix.check_case(world, name, case, personas=[twin])
    ]
    if problems:
        pytest.fail(f"{twin.name} is not answered as the lawyer is:\n" + "\n".join(problems), pytrace=False)


def test_a_url_without_expectations_fails_and_says_which_file_to_add_it_to(monkeypatch):
    from tests.families import url_matrix as families_matrix

    monkeypatch.delitem(families_matrix.URLS, "families:detail")
    assert "families:detail" in matrix.subjects()
    assert "families:detail" not in matrix.expectations()
    url = next(url for url in matrix.walk_urls() if not isinstance(url, str) and url.name == "families:detail")
    assert "add it to URLS in tests/families/url_matrix.py" in matrix.where_to_add(url)


def test_a_server_error_or_a_redirect_loop_is_never_an_expected_answer():
    assert not matrix.matches(None, 500, matrix.Answer(500), "/kk/")
    loop = matrix.Answer(302, "/kk/b/", hops=["/kk/a/", "/kk/b/", "/kk/a/", "(loop)"])
    assert not matrix.matches(None, matrix.Redirect(lambda world: "/kk/b/"), loop, "/kk/a/")
    assert matrix.matches(None, matrix.Redirect(lambda world: "/kk/b/"), matrix.Answer(302, "/kk/b/"), "/kk/a/")
