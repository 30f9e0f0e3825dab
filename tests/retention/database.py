"""The whole database searched for strings: every column of every table of the public schema, cast to
text (so JSON, numbers and dates are read too), matched case-insensitively."""

from __future__ import annotations

from django.db import connection


def _columns() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            select c.table_name, c.column_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
            order by c.table_name, c.ordinal_position
            """
        )
        tables: dict[str, list[str]] = {}
        for table, column in cursor.fetchall():
            tables.setdefault(table, []).append(column)
        return tables


def hits(needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every needle found anywhere."""
    patterns = ["%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for needle in needles]
    found = []
    with connection.cursor() as cursor:
        for table, columns in _columns().items():
            for column in columns:
                cursor.execute(
                    f'select distinct p from "{table}", unnest(%s::text[]) as p where "{column}"::text ilike p',
                    [patterns],
                )
                found += [(table, column, pattern.strip("%")) for (pattern,) in cursor.fetchall()]
    return found


def table_count() -> int:
    return len(_columns())
