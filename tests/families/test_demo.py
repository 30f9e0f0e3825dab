import contextlib
import datetime as dt
import functools
import io
import re
import threading
import uuid

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from audit.models import AuditEvent
from families.demo import seed as families_step
from families.demo import seeding, tables
from families.models import (
    CategoryChange,
    Consent,
    Family,
    Person,
    TimelineEntry,
    Visit,
)
from families.search import search_key
from notifications.models import Notification
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def seed(families: int) -> str:
    out = io.StringIO()
    call_command("seed_demo", families=families, skip=["dashboards"], stdout=out)
    return out.getvalue()


def test_running_again_with_the_same_number_creates_nothing():
    seed(30)
    people = Person.objects.count()

    out = seed(30)

    assert (Family.objects.count(), Person.objects.count()) == (30, people)
    assert "none added" in out


def test_a_larger_number_adds_only_the_missing_families():
    seed(30)
    first = set(Family.objects.values_list("pk", flat=True))

    seed(50)

    assert Family.objects.count() == 50
    assert first <= set(Family.objects.values_list("pk", flat=True))


def test_a_negative_number_of_families_is_refused():
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("seed_demo", families=-1)


def without_keys(value):
    """A value with the keys it holds left out: an e-mail's unsubscribe link signs the family's."""
    return re.sub(r"/stop-messages/[^/]+/", "/stop-messages/…/", value) if isinstance(value, str) else value


def made_up() -> dict[str, list]:
    """What the seeding made up, without the keys (which a second run gets new ones of)."""
    notifications = Notification.objects.order_by("pk")
    return {
        "people": list(Person.objects.order_by("pk").values_list("iin", "last_name", "first_name", "middle_name", "birth_date")),
        "families": list(Family.objects.order_by("pk").values_list("phone", "email", "address", "monthly_income", "created_at")),
        "visits": list(Visit.objects.order_by("pk").values_list("arrived_at", "status", "served_at", "what_was_done")),
        "changes": list(CategoryChange.objects.order_by("pk").values_list("category", "gained", "on", "at")),
        "messages": [
            (*row[:-1], without_keys(row[-1]))
            for row in notifications.values_list("channel", "to", "status", "scheduled_for", "failure", "last_error", "body")
        ],
        "timeline": [
            (at, kind, {name: without_keys(value) for name, value in params.items()})
            for at, kind, params in TimelineEntry.objects.order_by("pk").values_list("at", "kind", "params")
        ],
    }


class Rollback(Exception):
    pass


def test_the_same_registry_at_the_same_moment_gets_the_same_families():
    call_command("seed_demo", families=0, stdout=io.StringIO())  # centres and users, kept by both runs
    runs = []
    with time_machine.travel(dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.UTC), tick=False):
        for _ in range(2):
            with pytest.raises(Rollback), transaction.atomic():
                seed(30)
                runs.append(made_up())
                raise Rollback

    assert runs[0]["people"] and runs[0] == runs[1]


def writing_threads(monkeypatch) -> list[str]:
    """The names of the threads the chunks are written in, one a chunk."""
    names, write = [], tables.write
    monkeypatch.setattr(
        "families.demo.tables.write", lambda *args, **kw: names.append(threading.current_thread().name) or write(*args, **kw)
    )
    return names


@pytest.mark.django_db(transaction=True)
def test_chunks_written_on_a_second_connection_while_the_next_is_made_are_the_ones_written_in_turn(reference_data, monkeypatch):
    monkeypatch.setattr("families.demo.seeding.CHUNK", 10)
    call_command("seed_demo", families=0, stdout=io.StringIO())
    threads = writing_threads(monkeypatch)
    runs = []
    with time_machine.travel(dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.UTC), tick=False):
        families_step(options={"families": 35}, out=lambda line: None)  # outside a transaction: the writer thread
        runs.append(made_up())
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(model._meta.db_table for model in seeding.MODELS)} CASCADE")
        with transaction.atomic():  # in a transaction: each chunk as it is made
            families_step(options={"families": 35}, out=lambda line: None)
        runs.append(made_up())

    assert [name.split("_")[0] for name in threads] == ["demo-writer"] * 4 + ["MainThread"] * 4
    assert len(runs[0]["families"]) == 35 and runs[0] == runs[1]


@pytest.mark.django_db(transaction=True)
def test_a_chunk_the_writer_thread_fails_to_write_stops_the_step_and_the_chunks_before_it_stay(reference_data, monkeypatch):
    monkeypatch.setattr("families.demo.seeding.CHUNK", 10)
    call_command("seed_demo", families=0, stdout=io.StringIO())
    write = tables.write
    calls = []

    def failing_the_third(*args, **kwargs):
        calls.append(threading.current_thread().name)
        if len(calls) == 3:
            raise RuntimeError("the disk is full")
        write(*args, **kwargs)

    monkeypatch.setattr("families.demo.tables.write", failing_the_third)

    with pytest.raises(RuntimeError, match="the disk is full"):
        families_step(options={"families": 50}, out=lambda line: None)

    assert calls[0].startswith("demo-writer") and len(calls) == 3
    assert Family.objects.count() == 20
    assert not TimelineEntry.objects.exclude(family__in=Family.objects.all()).exists()


def replication_role() -> str:
    with connection.cursor() as cursor:  # the calling thread's connection
        cursor.execute("SHOW session_replication_role")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_on_the_second_connection_the_chunks_are_written_with_no_trigger_and_their_keys_checked_once_for_the_chunk(
    reference_data, monkeypatch
):
    monkeypatch.setattr("families.demo.seeding.CHUNK", 10)
    call_command("seed_demo", families=0, stdout=io.StringIO())
    roles, checked = [], []
    write, check = tables.write, tables.check_references
    monkeypatch.setattr("families.demo.tables.write", lambda *args, **kw: roles.append(replication_role()) or write(*args, **kw))
    monkeypatch.setattr("families.demo.tables.check_references", lambda chunk: checked.append(replication_role()) or check(chunk))

    families_step(options={"families": 25}, out=lambda line: None)

    assert roles == checked == ["replica"] * 3
    assert replication_role() == "origin"  # on this connection, and on the writer's once its transaction ended
    assert Family.objects.count() == 25
    assert not TimelineEntry.objects.exclude(family__in=Family.objects.all()).exists()


@pytest.mark.django_db(transaction=True)
def test_a_chunk_with_a_row_pointing_at_no_row_is_refused_whole_though_no_trigger_checks_it(reference_data, monkeypatch):
    monkeypatch.setattr("families.demo.seeding.CHUNK", 10)
    call_command("seed_demo", families=0, stdout=io.StringIO())
    write, chunks = tables.write, []

    def with_an_entry_of_no_family_in_the_second(chunk_tables, **kwargs):
        chunk_tables = list(chunk_tables)
        chunks.append(chunk_tables)
        if len(chunks) == 2:
            next(table for table in chunk_tables if table.model is TimelineEntry).rows[-1].family_id = 10**9
        write(chunk_tables, **kwargs)

    monkeypatch.setattr("families.demo.tables.write", with_an_entry_of_no_family_in_the_second)

    with pytest.raises(CommandError, match=r"families_timelineentry points at a row of families_family .*\(family_id\)"):
        families_step(options={"families": 30}, out=lambda line: None)

    assert Family.objects.count() == 10
    assert TimelineEntry.objects.filter(family_id=10**9).count() == 0
    assert not TimelineEntry.objects.exclude(family__in=Family.objects.all()).exists()


def test_the_keys_are_left_to_the_triggers_for_a_table_with_a_trigger_of_its_own_and_for_a_role_that_cannot_turn_them_off():
    assert tables.references_checkable_in_bulk([Family, TimelineEntry])  # the tests' role is a superuser
    assert not tables.references_checkable_in_bulk([Family, AuditEvent])  # its append-only trigger
    plain = f"otbasy_plain_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {plain} NOLOGIN")  # undone with the test's transaction
        cursor.execute(f"SET LOCAL ROLE {plain}")
        assert not tables.references_checkable_in_bulk([Family, TimelineEntry])
        cursor.execute("RESET ROLE")


def test_a_chunk_whose_keys_someone_else_took_meanwhile_is_refused_and_the_chunks_before_it_stay(monkeypatch):
    monkeypatch.setattr("families.demo.seeding.CHUNK", 10)
    seed(0)
    made = tables.Chunks.chunk

    @contextlib.contextmanager
    def a_registrar_registers_a_family_while_the_second_is_made(self):
        with made(self) as chunk_tables:
            yield chunk_tables
            if Family.objects.count() == 10:
                FamilyFactory()

    monkeypatch.setattr(tables.Chunks, "chunk", a_registrar_registers_a_family_while_the_second_is_made)

    with pytest.raises(CommandError, match="Rows were added to families_person while the demo was being written"):
        families_step(options={"families": 30}, out=lambda line: None)

    assert Family.objects.count() == 11  # the first chunk, and hers


def test_without_copy_as_on_sqlite_the_rows_are_written_all_the_same(monkeypatch):
    monkeypatch.setattr("families.demo.tables.write", functools.partial(tables.write, copy=False))

    seed(30)

    assert Family.objects.count() == 30
    assert not Family.objects.filter(consents__isnull=True).exists()
    assert TimelineEntry.objects.filter(kind="families.visit").count() == Visit.objects.count()
    for person in Person.objects.all():
        assert person.search_name == search_key(person.full_name)


@pytest.mark.parametrize("copy", [True, False])
def test_records_made_after_the_seeding_get_keys_of_their_own(copy, monkeypatch):
    monkeypatch.setattr("families.demo.tables.write", functools.partial(tables.write, copy=copy))
    seed(20)
    last = Family.objects.order_by("-pk").first().pk

    family = FamilyFactory()

    assert family.pk > last
    assert Consent.objects.filter(family=family).exists()


TRIGRAM_INDEXES = ["family_phone_extra_trgm", "family_phone_trgm", "family_search_name_trgm", "person_iin_trgm"]


def trigram_index_options() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)", [TRIGRAM_INDEXES])
        return dict(cursor.fetchall())


def pages_pending(index: str) -> int:
    """How many pages of its pending list the index held (merging them empties it)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        return cursor.fetchone()[0]


def test_the_search_indexes_keep_a_long_pending_list_while_the_families_are_written(monkeypatch):
    seed(0)
    seen = []
    write = tables.write
    monkeypatch.setattr(
        "families.demo.tables.write", lambda *args, **kw: seen.append(trigram_index_options()) or write(*args, **kw)
    )
    families_step(options={"families": 5}, out=lambda line: None)

    assert seen == [{name: [f"gin_pending_list_limit={tables.LONG_PENDING_LIST_KB}"] for name in TRIGRAM_INDEXES}]


def test_after_the_families_step_the_search_indexes_have_their_own_short_list_back_and_nothing_pending():
    seed(0)

    families_step(options={"families": 60}, out=lambda line: None)

    assert trigram_index_options() == {name: ["gin_pending_list_limit=64"] for name in TRIGRAM_INDEXES}
    assert [pages_pending(name) for name in TRIGRAM_INDEXES] == [0, 0, 0, 0]


def test_a_seeding_that_fails_gives_the_search_indexes_their_own_list_back(monkeypatch):
    call_command("seed_demo", families=0, stdout=io.StringIO())
    monkeypatch.setattr("families.demo.seeding.Households.family", lambda self, chunk: 1 / 0)

    with pytest.raises(ZeroDivisionError):
        seed(5)

    assert trigram_index_options() == {name: ["gin_pending_list_limit=64"] for name in TRIGRAM_INDEXES}


@pytest.mark.django_db(transaction=True)
def test_families_made_in_parts_in_processes_of_their_own_are_the_same_each_run_with_iins_and_keys_of_their_own(
    reference_data, monkeypatch
):
    monkeypatch.setattr("families.demo.seeding.CHUNK", 10)
    monkeypatch.setattr("families.demo.seeding.PARALLEL_FROM", 30)
    monkeypatch.setattr("families.demo.seeding.PART", 15)
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # in processes of their own on any machine
    call_command("seed_demo", families=0, stdout=io.StringIO())
    runs, lines = [], []
    with time_machine.travel(dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.UTC), tick=False):
        for _ in range(2):
            families_step(options={"families": 55}, out=lines.append)
            runs.append(made_up())
            families = list(Family.objects.order_by("pk").values_list("pk", "mother__iin"))
            people = list(Person.objects.values_list("pk", flat=True))
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {', '.join(model._meta.db_table for model in seeding.MODELS)} CASCADE")

    # A first chunk of 10, then three parts of 15, each reported as it ends.
    assert (
        sorted(line for line in lines if line.startswith("  families"))
        == ["  families: 25 of 55"] * 2 + ["  families: 40 of 55"] * 2 + ["  families: 55 of 55"] * 2
    )
    assert len(runs[0]["families"]) == 55 and runs[0] == runs[1]
    # The families' keys follow each other (one block of exactly 15 a part); the people's keep a gap
    # where a part's block was left unused.
    first = families[0][0]
    assert [pk for pk, _iin in families] == list(range(first, first + 55))
    assert max(people) - min(people) + 1 > len(people)
    # Each part's mothers have IINs of its own share of the serial numbers (digits 8 to 11).
    assert all(int(iin[7:11]) // 3_333 == (pk - first - 10) // 15 for pk, iin in families[10:])
    # Rows made afterwards get keys past every block.
    assert FamilyFactory().mother_id > max(people)
