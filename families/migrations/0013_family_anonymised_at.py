from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("families", "0012_digit_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="family",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="anonymised"),
        ),
    ]
