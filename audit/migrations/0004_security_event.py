import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def install(apps, schema_editor):
    """The security log is append-only in the database too (the function comes from 0002)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE TRIGGER audit_securityevent_append_only BEFORE UPDATE OR DELETE ON audit_securityevent "
        "FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
    )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS audit_securityevent_append_only ON audit_securityevent;")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_access_change_action"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SecurityEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="time")),
                ("target_id", models.CharField(blank=True, max_length=64, verbose_name="record id")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("password_failed", "wrong password"),
                            ("code_failed", "wrong sign-in code"),
                            ("forbidden", "refused (403)"),
                            ("out_of_scope", "record outside the user's scope (404)"),
                        ],
                        db_index=True,
                        max_length=32,
                        verbose_name="what happened",
                    ),
                ),
                ("method", models.CharField(blank=True, max_length=8, verbose_name="method")),
                ("path", models.CharField(blank=True, max_length=200, verbose_name="path")),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="client address")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
                (
                    "target_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="record type",
                    ),
                ),
            ],
            options={
                "verbose_name": "security log entry",
                "verbose_name_plural": "security log",
                "ordering": ["-at", "-pk"],
                "abstract": False,
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
