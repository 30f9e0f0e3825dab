"""The demo's rows, and how they reach the database.

The seeder makes plain records (``types.SimpleNamespace``), not model instances: it makes millions of
them, and a model instance costs several times more to make and Django's ``bulk_create`` more again to
convert. Each record has its primary key from the moment it is made (``Table.add`` hands them out), so
records refer to each other by id, as their columns do, and the registry's timeline builders, which read
``visit.pk`` and ``visit.family_id``, take them as they take model instances.

A record's attributes named like a column of its model (a field's ``attname``: ``family_id``, not
``family``) are written; the model's other columns get their field's default (``auto_now``: the moment
of writing); any other attribute (a visit's ``centre``, kept for its timeline entry) is not written.

A step writes its rows a chunk at a time (``Chunks``), each chunk in one transaction. A chunk's keys
follow the last chunk's (the first chunk's, each table's sequence). On PostgreSQL the chunk's tables are
locked against other writers (reads go on), each sequence is checked to be where the last chunk left it
(so that no key the chunk holds was given to anyone else), the rows are written with ``COPY`` and the
sequences moved past them. There, outside a transaction, a chunk is written on a second connection
while the next one is made: the database's share of the work (the rows' indexes, the foreign keys
checked at commit) overlaps with Python's. There too, when the database role may switch triggers off
(a superuser's, as in ``make bench``) and the tables have no trigger of their own, a chunk's foreign
keys are checked with one query per key for the whole chunk (``check_references``) instead of by
PostgreSQL's trigger on every row, which locked the parent row again for each of its children: that
was about a quarter of the families step. While a step writes its chunks, the GIN indexes of its
tables keep what they are given in a long pending list (``long_pending_lists``). The values are given
as the database takes them (text, numbers, dates, aware datetimes); a JSON column's are dumped.
Elsewhere — SQLite, for ``make run`` — the keys follow the largest one in the table and the rows go
through ``bulk_create``, which converts every value as Django does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from operator import attrgetter
from types import SimpleNamespace
from typing import TYPE_CHECKING

from django.core.management import CommandError
from django.db import connection, models, transaction
from django.utils import timezone

if TYPE_CHECKING:
    from families.demo.parts import Keys

BATCH = 5_000  # rows in one INSERT, where there is no COPY
LONG_PENDING_LIST_KB = 4_096  # the server's default


class Table:
    """The new rows of one model."""

    def __init__(self, model: type[models.Model], first_pk: int) -> None:
        self.model = model
        self.first_pk = first_pk
        self.next_pk = first_pk
        self.rows: list[SimpleNamespace] = []

    def add(self, **values) -> SimpleNamespace:
        row = SimpleNamespace(pk=self.next_pk, **values)
        self.next_pk += 1
        self.rows.append(row)
        return row

    @property
    def name(self) -> str:
        return self.model._meta.db_table

    def columns(self) -> tuple[list[models.Field], list[models.Field]]:
        """The fields the rows give (the primary key first) and the fields left to their defaults."""
        meta = self.model._meta
        by_attname = {field.attname: field for field in meta.concrete_fields}
        given = [meta.pk] + [by_attname[name] for name in vars(self.rows[0]) if name in by_attname and name != meta.pk.attname]
        return given, [field for field in meta.concrete_fields if field not in given]


class Chunks:
    """Writes a step's rows a chunk at a time, each chunk in a transaction of its own (use it as a
    context manager; ``chunk()`` gives each chunk's tables). On PostgreSQL, outside a transaction, a
    chunk is written on a second connection (a thread of its own) while the step makes the next: at
    most one chunk waits to be written, and an error in writing it is raised at the next chunk or at
    the end. Elsewhere, or inside a transaction (a test's), each chunk is written as it is made."""

    def __init__(self, models_: Iterable[type[models.Model]], *, copy: bool | None = None, keys: Keys | None = None) -> None:
        self.models = list(models_)
        self.copy = copy
        self.keys = keys
        self._next: dict[type[models.Model], int] = {}
        self._writer: ThreadPoolExecutor | None = None
        self._writing: Future | None = None
        self._references_in_bulk = False
        self._stack = ExitStack()

    def __enter__(self) -> Chunks:
        if self.keys is None:
            self._stack.enter_context(long_pending_lists(self.models))
            self._next = _next_keys(self.models)
        else:  # a part's (``families.demo.parts``), whose keys are set aside and which keeps the lists long
            self._next = dict(self.keys.first)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-writer")
            self._references_in_bulk = references_checkable_in_bulk(self.models)
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self._wait()
        finally:
            if self._writer is not None:
                self._writer.submit(_close_connection).result()
                self._writer.shutdown()
            self._stack.close()

    @contextmanager
    def chunk(self) -> Iterator[dict[type[models.Model], Table]]:
        """The tables of the next chunk, keys following the last chunk's; written when the block ends
        without an error (nothing of the chunk is written otherwise)."""
        tables = {model: Table(model, first) for model, first in self._next.items()}
        yield tables
        self._next = {model: table.next_pk for model, table in tables.items()}
        self._wait()
        end = None if self.keys is None else self.keys.end
        if self._writer is None:
            _write_chunk(list(tables.values()), copy=self.copy, end=end)
        else:
            self._writing = self._writer.submit(
                _write_chunk, list(tables.values()), copy=self.copy, references_in_bulk=self._references_in_bulk, end=end
            )

    def _wait(self) -> None:
        if self._writing is not None:
            writing, self._writing = self._writing, None
            writing.result()


def _close_connection() -> None:
    connection.close()  # the calling thread's own


def _write_chunk(
    tables: list[Table], *, copy: bool | None, references_in_bulk: bool = False, end: dict[type[models.Model], int] | None = None
) -> None:
    """One chunk in one transaction: with the keys that follow the sequences' (taken as it writes), or
    with keys set aside before (``end``: of each model, the key past its block)."""
    with transaction.atomic():
        if references_in_bulk:
            with connection.cursor() as cursor:
                # Until the transaction ends (or fails): no trigger fires, the foreign keys' included.
                cursor.execute("SET LOCAL session_replication_role = replica")
        if end is None:
            _check_free(tables)
        else:
            _check_within(tables, end)
        write(tables, copy=copy, sequences=end is None)
        if references_in_bulk:
            check_references(tables)


def _check_free(tables: list[Table]) -> None:
    free = reserve(table.model for table in tables)
    for table in tables:
        if free[table.model] != table.first_pk:
            raise CommandError(
                f"Rows were added to {table.name} while the demo was being written, so this chunk's keys "
                "may be taken: nothing of it was written. Run seed_demo again: it adds what is missing."
            )


def _check_within(tables: list[Table], end: dict[type[models.Model], int]) -> None:
    for table in tables:
        if table.next_pk > end[table.model]:
            raise CommandError(
                f"This part of the demo made more rows of {table.name} than the keys set aside for it: nothing of "
                "this chunk was written. Run seed_demo again: it adds what is missing."
            )


def references_checkable_in_bulk(models_: Iterable[type[models.Model]]) -> bool:
    """Whether a chunk of the models' rows may be written with PostgreSQL's triggers off and its foreign
    keys checked by ``check_references``: the role may switch triggers off (a superuser's), and none of
    the tables has a trigger of its own (a counter's) which switching them off would skip. The foreign
    keys' triggers are PostgreSQL's internal ones; a trigger enabled ``ALWAYS`` (the families' name
    words, migration 0020) fires all the same."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('is_superuser') = 'on' AND NOT EXISTS (SELECT 1 FROM pg_trigger "
            "WHERE tgrelid = ANY(%s::regclass[]) AND NOT tgisinternal AND tgenabled = 'O')",
            [[model._meta.db_table for model in models_]],
        )
        return cursor.fetchone()[0]


def check_references(tables: Iterable[Table]) -> None:
    """Every foreign key of the tables' new rows points at a row that is there, which is locked as
    PostgreSQL's own check locks it (``FOR KEY SHARE``, until the transaction ends, so that nobody
    deletes it meanwhile): one query per key for the whole chunk, where the trigger made one per row.
    Raises (and so nothing of the chunk is written) naming the first key that points nowhere."""
    with connection.cursor() as cursor:
        for table in tables:
            if not table.rows:
                continue
            pk = _pk_column(table.model)
            for field in _foreign_keys(table.model):
                column, parent = connection.ops.quote_name(field.column), field.related_model
                target = connection.ops.quote_name(field.target_field.column)
                # The chunk's keys first, once (MATERIALIZED): left to itself, the planner went from each
                # parent row to its children by the key's index, all of a registrar's 100,000 entries
                # read to find the chunk's few.
                cursor.execute(
                    f"WITH chunk AS MATERIALIZED (SELECT DISTINCT {column} AS key FROM {_quoted(table.model)} "
                    f"WHERE {pk} >= %s AND {pk} < %s AND {column} IS NOT NULL) "
                    f"SELECT (SELECT count(*) FROM chunk) = (SELECT count(*) FROM (SELECT 1 FROM {_quoted(parent)} p "
                    f"WHERE p.{target} IN (SELECT key FROM chunk) FOR KEY SHARE OF p) AS locked)",
                    [table.first_pk, table.next_pk],
                )
                if not cursor.fetchone()[0]:
                    raise CommandError(
                        f"A row of {table.name} points at a row of {parent._meta.db_table} that is not there "
                        f"({field.column}): nothing of this chunk was written."
                    )


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    return [field for field in model._meta.concrete_fields if isinstance(field, models.ForeignKey) and field.db_constraint]


def _next_keys(models_: list[type[models.Model]]) -> dict[type[models.Model], int]:
    """The key each model's next row gets, as ``reserve`` would give it, without taking it."""
    if connection.vendor != "postgresql":
        return reserve(models_)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(sequence_of(model) for model in models_))
        sequences = cursor.fetchone()
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT {index}, CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM {name}"
                for index, name in enumerate(sequences)
            )
        )
        following = dict(cursor.fetchall())
    return {model: following[index] for index, model in enumerate(models_)}


def reserve(models_: Iterable[type[models.Model]]) -> dict[type[models.Model], int]:
    """The first free primary key of each model, for the rows of one transaction to come (which on
    PostgreSQL locks the tables against other writers until it ends)."""
    models_ = list(models_)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {', '.join(_quoted(model) for model in models_)} IN EXCLUSIVE MODE")
            cursor.execute("SELECT " + ", ".join(f"nextval({sequence_of(model)})" for model in models_))
            return dict(zip(models_, cursor.fetchone(), strict=True))
        first = {}
        for model in models_:
            cursor.execute(f"SELECT COALESCE(MAX({_pk_column(model)}), 0) + 1 FROM {_quoted(model)}")
            first[model] = cursor.fetchone()[0]
        return first


def write(tables: Iterable[Table], *, copy: bool | None = None, sequences: bool = True) -> None:
    """Writes the tables' rows (``copy`` defaults to ``COPY`` wherever the database is PostgreSQL), then
    moves each PostgreSQL sequence past the keys handed out (unless the keys were set aside before:
    ``sequences=False``)."""
    tables = list(tables)
    postgresql = connection.vendor == "postgresql"
    for table in tables:
        if table.rows and (postgresql if copy is None else copy):
            _copy(table)
        elif table.rows:
            _bulk_create(table)
    if postgresql and sequences:
        settings = ", ".join(
            f"setval({sequence_of(t.model)}, {max(t.next_pk - 1, t.first_pk)}, {t.next_pk > t.first_pk})" for t in tables
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {settings}")


@contextmanager
def long_pending_lists(models_: Iterable[type[models.Model]]) -> Iterator[None]:
    """While a step writes many rows (on PostgreSQL): the GIN indexes of the models' tables take new
    entries into a pending list of up to 4 MB (the server's default), then the lists are merged into
    the indexes and each index gets its own limit back, even when the step fails.

    The registry's trigram indexes keep at most 64 kB pending (migration 0017, for the searches), so
    each chunk of families would merge its entries into them a few dozen rows at a time: that took
    three quarters of the time of writing the people and the families. Merged 4 MB at a time they cost
    an eighth of that. A longer list saves little more, and its pages stay in the index, free, once
    merged (64 MB made the name index 59 MB instead of 9). The limit is changed in a transaction of its
    own, as short as the lock it takes on each index (which holds up the queries on its table);
    searches while the step runs read through the list.
    """
    indexes = _gin_indexes(models_) if connection.vendor == "postgresql" else {}
    if not indexes:
        yield
        return
    _set_pending_limits(dict.fromkeys(indexes, LONG_PENDING_LIST_KB))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name in indexes:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
        _set_pending_limits(indexes)


def _gin_indexes(models_: Iterable[type[models.Model]]) -> dict[str, int | None]:
    """The GIN indexes of the models' tables, with the pending-list limit each sets (None: the server's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' AND i.indrelid = ANY(%s::regclass[]) "
            "ORDER BY c.relname",
            [[model._meta.db_table for model in models_]],
        )
        rows = cursor.fetchall()
    limits: dict[str, int | None] = {}
    for name, options in rows:
        given = dict(option.split("=", 1) for option in options or [])
        limits[name] = int(given["gin_pending_list_limit"]) if "gin_pending_list_limit" in given else None
    return limits


def _set_pending_limits(limits: dict[str, int | None]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for name, kb in limits.items():
            quoted = connection.ops.quote_name(name)
            if kb is None:
                cursor.execute(f"ALTER INDEX {quoted} RESET (gin_pending_list_limit)")
            else:
                cursor.execute(f"ALTER INDEX {quoted} SET (gin_pending_list_limit = {int(kb)})")


def _copy(table: Table) -> None:
    given, rest = table.columns()
    constants = tuple(field.get_db_prep_save(_default(field), connection) for field in rest)
    names = ", ".join(connection.ops.quote_name(field.column) for field in [*given, *rest])
    values = attrgetter("pk", *(field.attname for field in given[1:]))
    # JSON goes to the database as the field would send it; every other value as it is.
    dumped = [(index, field) for index, field in enumerate(given) if isinstance(field, models.JSONField)]
    with connection.cursor() as cursor, cursor.copy(f"COPY {_quoted(table.model)} ({names}) FROM STDIN") as copy:
        for row in table.rows:
            line = values(row)
            if dumped:
                line = list(line)
                for index, field in dumped:
                    line[index] = field.get_db_prep_save(line[index], connection)
            copy.write_row((*line, *constants))


def _bulk_create(table: Table) -> None:
    given, _rest = table.columns()
    names = ["pk", *(field.attname for field in given[1:])]
    model = table.model
    model._default_manager.bulk_create(
        [model(**{name: getattr(row, name) for name in names}) for row in table.rows], batch_size=BATCH
    )


def _default(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _quoted(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _pk_column(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.pk.column)


def sequence_of(model: type[models.Model]) -> str:
    """The SQL that names the sequence of the model's primary key (PostgreSQL)."""
    return f"pg_get_serial_sequence('{model._meta.db_table}', '{model._meta.pk.column}')"
