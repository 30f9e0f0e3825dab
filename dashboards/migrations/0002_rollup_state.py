from django.db import migrations


def create_state(apps, schema_editor):
    """The one row whose lock lets one refresh of the roll-ups run at a time."""
    apps.get_model("dashboards", "RollupState").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0001_initial")]
    operations = [migrations.RunPython(create_state, migrations.RunPython.noop)]
