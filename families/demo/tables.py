"""The demo's rows, and how they reach the database.

The seeder makes plain records (``types.SimpleNamespace``), not model instances: it makes millions of
them, and a model instance costs several times more to make and Django's ``bulk_create`` more again to
convert. Each record has its primary key from the moment it is made (``Table.add`` hands them out), so
records refer to each other by id, as their columns do, and the registry's timeline builders, which read
``visit.pk`` and ``visit.family_id``, take them as they take model instances.

A record's attributes named like a column of its model (a field's ``attname``: ``family_id``, not
``family``) are written; the model's other columns get their field's default (``auto_now``: the moment
of writing); any other attribute (a visit's ``centre``, kept for its timeline entry) is not written.

A chunk of families is written in one transaction. On PostgreSQL its tables are locked against other
writers (reads go on), the primary keys are taken from each table's sequence, the rows are written
with ``COPY`` and the sequences moved past them. The values are given as the database takes them
(text, numbers, dates, aware datetimes); a JSON column's are dumped. Elsewhere — SQLite, for ``make
run`` — the keys follow the largest one in the table and the rows go through ``bulk_create``, which
converts every value as Django does.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from types import SimpleNamespace

from django.db import connection, models
from django.utils import timezone

BATCH = 5_000  # rows in one INSERT, where there is no COPY


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


def reserve(models_: Iterable[type[models.Model]]) -> dict[type[models.Model], int]:
    """The first free primary key of each model, for the rows of one transaction to come (which on
    PostgreSQL locks the tables against other writers until it ends)."""
    models_ = list(models_)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {', '.join(_quoted(model) for model in models_)} IN EXCLUSIVE MODE")
            cursor.execute("SELECT " + ", ".join(f"nextval({_sequence(model)})" for model in models_))
            return dict(zip(models_, cursor.fetchone(), strict=True))
        first = {}
        for model in models_:
            cursor.execute(f"SELECT COALESCE(MAX({_pk_column(model)}), 0) + 1 FROM {_quoted(model)}")
            first[model] = cursor.fetchone()[0]
        return first


def write(tables: Iterable[Table], *, copy: bool | None = None) -> None:
    """Writes the tables' rows (``copy`` defaults to ``COPY`` wherever the database is PostgreSQL), then
    moves each PostgreSQL sequence past the keys handed out."""
    tables = list(tables)
    postgresql = connection.vendor == "postgresql"
    for table in tables:
        if table.rows and (postgresql if copy is None else copy):
            _copy(table)
        elif table.rows:
            _bulk_create(table)
    if postgresql:
        settings = ", ".join(
            f"setval({_sequence(t.model)}, {max(t.next_pk - 1, t.first_pk)}, {t.next_pk > t.first_pk})" for t in tables
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {settings}")


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


def _sequence(model: type[models.Model]) -> str:
    return f"pg_get_serial_sequence('{model._meta.db_table}', '{model._meta.pk.column}')"
