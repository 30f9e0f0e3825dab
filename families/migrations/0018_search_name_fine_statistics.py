"""The planner's statistics on the mothers' folded names keep 300 of them (instead of the server's
100).

A misspelt name is found by trigram word similarity (``families.selectors.name_guesses``), which
PostgreSQL estimates by testing the names of its statistics sample. With 100 of them, a surname that
one family in fifty bears matched none of the sample after one ANALYZE in three: the planner then
took the similar names for a dozen, read every one of them (2,000 at 100,000 families) before testing
her district, and the search took 15 ms instead of 6. With 300 the estimate holds from one ANALYZE to
the next (such a surname is among them six times on average), and the similar names are intersected
with her district's in the index first. Not more: the planner tests each name of the sample, which
costs about 1 ms of planning per 300 (at 1,000 the planning took 5 ms, as much as the search).
"""

from django.db import migrations

STATISTICS_TARGET = 300


def sample_more(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE families_family ALTER COLUMN search_name SET STATISTICS {STATISTICS_TARGET}")
        schema_editor.execute("ANALYZE families_family (search_name)")


def sample_as_before(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE families_family ALTER COLUMN search_name SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("families", "0017_search_indexes_short_pending_list")]

    operations = [migrations.RunPython(sample_more, sample_as_before)]
