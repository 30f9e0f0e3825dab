"""On PostgreSQL: a specialist is never booked twice at once, and a mother never holds two appointments
at once — exclusion constraints on the appointment's time range (btree_gist lets the ids share the
GiST index with the ranges). Cancelled appointments do not count. Half-open ranges, so that one
appointment may start the minute the previous one ends.

Not in the models' Meta: SQLite (the embedded default of ``make run``) has no exclusion constraints,
and the table it rebuilds on a later change of the model would carry them. There the booking service's
lock-and-check alone holds."""

from django.db import migrations

CONSTRAINTS = {
    "appointment_specialist_never_double_booked": "specialist_id",
    "appointment_mother_one_at_a_time": "family_id",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for name, column in CONSTRAINTS.items():
        schema_editor.execute(
            f"ALTER TABLE consultations_appointment ADD CONSTRAINT {name} EXCLUDE USING gist "
            f"({column} WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status <> 'cancelled')"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE consultations_appointment DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
