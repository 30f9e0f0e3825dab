"""The family's version, for optimistic concurrency on the edit form (issue 9, item 11). Depends on 0009:
0010 is another branch's; the numbers are put in order when the branches meet."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0009_consent_text_2026_2_and_message_wording"),
    ]

    operations = [
        migrations.AddField(
            model_name="family",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
    ]
