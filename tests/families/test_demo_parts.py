"""families.demo.parts: a large demo step cut into parts, each with keys set aside for it."""

import datetime as dt

import pytest
from django.core.management import CommandError
from django.db import connection, connections, transaction

from families.demo import parts
from families.demo.tables import Chunks
from families.models import Family, Person
from tests.families.factories import FamilyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_work_is_cut_into_parts_of_about_the_size_asked_that_add_up_to_it():
    assert parts.sizes(98_000, 12_000) == [12_250] * 8
    assert parts.sizes(45, 15) == [15, 15, 15]
    assert parts.sizes(47, 15) == [16, 16, 15]
    assert parts.sizes(5, 15) == [5]


def test_the_parts_blocks_follow_each_other_and_the_sequences_move_past_them_all():
    family, person = FamilyFactory(), PersonFactory()

    blocks = parts.reserve_blocks([Family, Person], [10, 20], {Family: 1, Person: 2.5}, exact=[Family])

    assert [(b.first[Family], b.end[Family]) for b in blocks] == [
        (family.pk + 1, family.pk + 11),
        (family.pk + 11, family.pk + 31),
    ]
    # A fifth more than expected and a thousand spare: 10 × 2.5 × 1.2 + 1,000, then 20 × 2.5 × 1.2 + 1,000.
    first = blocks[0].first[Person]
    assert first > person.pk
    assert [(b.first[Person], b.end[Person]) for b in blocks] == [(first, first + 1_030), (first + 1_030, first + 2_090)]
    assert FamilyFactory().pk == family.pk + 31


def test_a_chunk_that_outruns_its_part_s_keys_is_refused_and_nothing_of_it_is_written():
    keys = parts.reserve_blocks([Person], [1], {Person: 2}, exact=[Person])[0]  # two keys
    people = Person.objects.count()

    refused = pytest.raises(CommandError, match="more rows of families_person than the keys set aside")
    with refused, transaction.atomic(), Chunks([Person], keys=keys) as chunks, chunks.chunk() as tables:
        for name in ("Әсел", "Айгүл", "Дана"):
            tables[Person].add(
                iin=None,
                last_name="Нұрланова",
                first_name=name,
                middle_name="",
                birth_date=dt.date(1990, 1, 1),
                sex="f",
                search_name="nurlanova",
            )

    assert Person.objects.count() == people


def test_parts_are_not_made_in_processes_of_their_own_inside_a_transaction_or_on_one_core(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert not parts.parallel()  # the test's transaction

    monkeypatch.setattr("os.cpu_count", lambda: 1)
    with transaction.atomic():
        assert not parts.parallel()


@pytest.mark.django_db(transaction=True)
def test_parts_are_made_in_processes_of_their_own_outside_a_transaction_with_two_cores_and_not_with_one(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert parts.parallel()
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert not parts.parallel()


def backend() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def backend_of_part(index: int) -> int:
    return backend()


@pytest.mark.django_db(transaction=True)
def test_each_part_has_a_connection_of_its_own_even_when_the_parent_s_was_left_open(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    parent = backend()
    # As seen under the full suite: a connection the parent's close_all does not close before the fork.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    backends = list(parts.in_parts([Person], [1, 1, 1], {Person: 0}, backend_of_part, lambda index, keys: (index,)))

    assert len(backends) == 3 and parent not in backends
    assert backend() == parent  # the parent's connection was neither used nor ended by the parts
