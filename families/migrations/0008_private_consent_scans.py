"""Consent scans move onto core.files: new ones are kept by PrivateStorage under random names with the
extension of their content. Scans stored before keep their names and are still served (no data moves:
the storage's folder is the same MEDIA_ROOT)."""

from django.db import migrations, models

import core.files


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0007_timeline_table"),
    ]

    operations = [
        migrations.AlterField(
            model_name="consent",
            name="scan",
            field=models.FileField(
                blank=True, storage=core.files.PrivateStorage(), upload_to="consents", verbose_name="signed copy"
            ),
        ),
    ]
