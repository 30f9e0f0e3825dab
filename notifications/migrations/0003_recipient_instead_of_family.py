"""The outbox stops knowing families: a message names its recipient's record by content type and id
(a family, a user) instead of a foreign key to each app's model."""

import django.db.models.deletion
from django.db import migrations, models


def copy_recipients(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Notification = apps.get_model("notifications", "Notification")
    for app_label, model, field in (("families", "family", "family_id"), ("accounts", "user", "user_id")):
        rows = Notification.objects.filter(**{f"{field}__isnull": False})
        if rows.exists():
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            rows.update(recipient_type=content_type, recipient_id=models.F(field))


def copy_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Notification = apps.get_model("notifications", "Notification")
    for app_label, model, field in (("families", "family", "family_id"), ("accounts", "user", "user_id")):
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is not None:
            Notification.objects.filter(recipient_type=content_type).update(**{field: models.F("recipient_id")})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0002_message_templates"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="recipient_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="recipient_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="notification",
            name="recipient_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="recipient"),
        ),
        migrations.RunPython(copy_recipients, copy_back),
        migrations.RemoveConstraint(model_name="notification", name="notification_one_recipient"),
        migrations.RemoveField(model_name="notification", name="family"),
        migrations.RemoveField(model_name="notification", name="user"),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(fields=["recipient_type", "recipient_id"], name="notification_recipient"),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("recipient_id__isnull", True), ("recipient_type__isnull", True)),
                    models.Q(("recipient_id__isnull", False), ("recipient_type__isnull", False)),
                    _connector="OR",
                ),
                name="notification_recipient_whole",
            ),
        ),
    ]
