"""Trigram indexes for search by part of an IIN or a phone number (issue 9, item 22): ``LIKE '%5551%'``
on the people's IINs and the families' two phones is answered from them (``families.selectors.
digit_matches``). PostgreSQL only, as the name index of 0003: elsewhere the columns are read whole."""

from django.db import migrations

INDEXES = [
    ("person_iin_trgm", "families_person", "iin"),
    ("family_phone_trgm", "families_family", "phone"),
    ("family_phone_extra_trgm", "families_family", "phone_extra"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table, column in INDEXES:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _table, _column in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("families", "0011_referred_steps_without_agency_names")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
