"""Search by part of an IIN or a phone number (issue 9, item 22): the families whose IINs or phones hold
those digits, or a clear "nothing" — never the whole list."""

import re

import pytest
from django.db import connection

from families.models import Family
from families.selectors import MIN_DIGITS, Query, digit_matches, family_search
from tests.factories import RegistrarFactory
from tests.families.factories import ChildFactory, FamilyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def found(text) -> set:
    return set(family_search(Family.objects.all(), text))


def holding(digits: str) -> set:
    """What the search should find, worked out the slow way: every family with ``digits`` in one of its IINs or phones."""
    families = Family.objects.select_related("mother", "spouse").prefetch_related("children__person")
    return {
        family
        for family in families
        if any(
            digits in (value or "")
            for value in (
                family.mother.iin,
                family.spouse.iin if family.spouse else "",
                *(child.person.iin for child in family.children.all()),
                str(family.phone),
                str(family.phone_extra or ""),
            )
        )
    }


@pytest.fixture
def registry(almaly):
    registrar = RegistrarFactory(centre=almaly)
    families = [
        FamilyFactory(registrar=registrar, phone="+77015551234", phone_extra="+77479990011"),
        FamilyFactory(registrar=registrar, phone="+77027654321", spouse=PersonFactory(sex="m", first_name="Ерлан")),
        FamilyFactory(registrar=registrar, phone="+77051112233"),
    ]
    ChildFactory(family=families[2])
    return families


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("9999", "digits", "9999"),
        ("555 12 34", "digits", "5551234"),
        ("8 701 555", "digits", "8701555"),
        ("791028", "digits", "791028"),
        ("12", "too_short", "12"),
        ("?!", "nothing", ""),
        ("   ", "empty", ""),
    ],
)
def test_the_search_box_tells_part_of_an_iin_or_phone_from_what_cannot_be_searched(text, kind, value):
    query = Query.parse(text)
    assert (query.kind, query.value) == (kind, value)


def test_a_name_typed_with_digits_keeps_both():
    query = Query.parse("Нұрланова 5551")
    assert (query.kind, query.value, query.digits) == ("name", "nurlanova", "5551")


def test_part_of_the_mothers_iin_finds_exactly_the_families_holding_those_digits(registry):
    digits = registry[0].mother.iin[4:10]
    assert registry[0] in found(digits)
    assert found(digits) == holding(digits)


def test_part_of_the_spouses_iin_finds_the_family(registry):
    digits = registry[1].spouse.iin[5:]
    assert registry[1] in found(digits) and found(digits) == holding(digits)


def test_part_of_a_childs_iin_finds_the_family(registry):
    digits = registry[2].children.get().person.iin[-7:]
    assert registry[2] in found(digits) and found(digits) == holding(digits)


@pytest.mark.parametrize("text", ["5551234", "555 12 34", "555-1234", "701555", "9990011", "+7 701 555", "8 701 555"])
def test_part_of_either_phone_finds_the_family_in_any_common_format(registry, text):
    assert found(text) == {registry[0]}


def test_digits_no_family_holds_find_nothing_rather_than_everyone(registry):
    digits = next(str(n) * MIN_DIGITS for n in range(10) if not holding(str(n) * MIN_DIGITS))
    assert found(digits) == set()


def test_too_few_digits_find_nothing(registry):
    assert found("70") == set()
    assert found("701") == set()


def test_text_with_neither_letters_nor_digits_finds_nothing(registry):
    assert found("???") == set()


def test_a_name_with_digits_finds_only_the_namesakes_whose_iin_or_phone_holds_them(registry):
    assert {family.mother.last_name for family in registry} == {"Нұрланова"}
    assert found("Нұрланова 5551234") == {registry[0]}


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # With a handful of rows the planner would rather read the table, or walk an index whole; forbidding
        # both asks whether the indexes can answer the query at all (the bench measures it on 100,000 families).
        for method in ("seqscan", "indexscan"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_digits_are_looked_up_in_the_trigram_indexes_of_iins_and_phones(registry):
    plan = explain(digit_matches(Family.objects.all(), "5551234"))
    for index in ("person_iin_trgm", "family_phone_trgm", "family_phone_extra_trgm"):
        assert f"Bitmap Index Scan on {index}" in plan, plan
    assert "Seq Scan" not in plan, plan


def shown(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/ru/families/(\d+)/"', response.content.decode())}


@pytest.fixture
def registrars_registry(registrar):
    return [
        FamilyFactory(registrar=registrar, phone="+77015551234"),
        FamilyFactory(registrar=registrar, phone="+77027654321"),
    ]


def test_the_list_shows_the_families_holding_the_digits_and_no_other(client, registrars_registry):
    response = client.get("/ru/families/", {"q": "555 1234"})
    assert shown(response) == {registrars_registry[0].pk}


def test_the_list_says_when_no_family_holds_the_digits(client, registrars_registry):
    digits = next(str(n) * 5 for n in range(10) if not holding(str(n) * 5))

    page = client.get("/ru/families/", {"q": digits}).content.decode()

    assert shown(client.get("/ru/families/", {"q": digits})) == set()
    assert "Ни у одной семьи нет этих цифр в ИИН или телефоне." in page


def test_the_list_asks_for_more_digits_rather_than_showing_everyone(client, registrars_registry):
    response = client.get("/ru/families/", {"q": "55"})

    assert shown(response) == set()
    assert "Введите хотя бы 4 цифры ИИН или телефона." in response.content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_a_search_by_digits_costs_the_same_for_one_row_or_twenty_five(client, registrar, django_assert_num_queries, count):
    made = [FamilyFactory(registrar=registrar, phone=f"+7701555{n:04d}") for n in range(count)]
    for family in made:
        ChildFactory(family=family)
    client.get("/kk/")  # the session and the scope are settled before counting
    # the user, the page of families holding the digits (their IINs and phones looked up inside it)
    with django_assert_num_queries(2):
        response = client.get("/kk/families/", {"q": "701555"})
    assert len(response.context["families"]) == count
