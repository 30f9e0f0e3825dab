"""On PostgreSQL, archived reports, their files' rows and their approvals cannot be changed or deleted
by anyone, the application included (as the audit logs)."""

from django.db import migrations

TABLES = ["dashboards_monthlyreport", "dashboards_reportfile", "dashboards_reportapproval"]
FUNCTION = """
CREATE OR REPLACE FUNCTION dashboards_archived() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'archived reports are never changed (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_archived BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION dashboards_archived();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_archived ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS dashboards_archived();")


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0003_report_ready_message")]
    operations = [migrations.RunPython(forwards, backwards)]
