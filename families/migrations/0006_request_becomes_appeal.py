"""The one-window "request" is an "appeal" (Request collided with Django's request everywhere). The
tables are renamed, so every row stays."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0002_almaty_districts"),
        ("families", "0005_centre_guests"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="request", name="request_closed_iff_resolved_or_declined"),
        migrations.RenameModel(old_name="Request", new_name="Appeal"),
        migrations.RenameModel(old_name="RequestStep", new_name="AppealStep"),
        migrations.RenameField(model_name="appealstep", old_name="request", new_name="appeal"),
        migrations.RenameField(model_name="referral", old_name="request", new_name="appeal"),
        migrations.RenameIndex(model_name="appeal", new_name="appeal_centre_status", old_name="request_centre_status"),
        migrations.AddConstraint(
            model_name="appeal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["resolved", "declined"]), ("closed_at__gte", models.F("opened_at"))),
                    models.Q(models.Q(("status__in", ["resolved", "declined"]), _negated=True), ("closed_at__isnull", True)),
                    _connector="OR",
                ),
                name="appeal_closed_iff_resolved_or_declined",
            ),
        ),
    ]
