"""The family timeline becomes a table that services write as they act (one query to read it, whatever
the number of apps). The entries of everything recorded so far are written from the records, and the
registry's message templates follow the rename of requests to appeals."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core.i18n import in_languages
from families import timeline

CHUNK = 2000
TEMPLATE_KEYS = {
    "request_referred": "appeal_referred",
    "request_resolved": "appeal_resolved",
    "request_declined": "appeal_declined",
}


def _family_entries(apps, family_ids) -> list[dict]:
    Visit, AppealStep, Referral, Consent, CategoryChange = (
        apps.get_model("families", name) for name in ("Visit", "AppealStep", "Referral", "Consent", "CategoryChange")
    )
    entries = []
    for consent in Consent.objects.filter(family_id__in=family_ids).select_related("text"):
        entries.append(timeline.consent_given_entry(consent, version=consent.text.version))
        if consent.withdrawn_on:
            entries.append(timeline.consent_withdrawn_entry(consent))
    for visit in Visit.objects.filter(family_id__in=family_ids).select_related("centre").prefetch_related("purposes"):
        entries.append(timeline.visit_entry(visit, centre=visit.centre, purposes=list(visit.purposes.all())))
        if visit.status == "served":
            entries.append(timeline.visit_served_entry(visit))
    for step in AppealStep.objects.filter(appeal__family_id__in=family_ids).select_related("appeal"):
        entries.append(timeline.appeal_step_entry(step.appeal, step))
    for referral in Referral.objects.filter(appeal__family_id__in=family_ids).select_related("appeal", "agency"):
        entries.append(timeline.referral_entry(referral, family_id=referral.appeal.family_id, agency=referral.agency))
        if referral.outcome_on:
            entries.append(timeline.referral_answer_entry(referral, family_id=referral.appeal.family_id, agency=referral.agency))
    entries += [timeline.category_change_entry(change) for change in CategoryChange.objects.filter(family_id__in=family_ids)]
    return entries


def _message_entries(apps, family_ids) -> list[dict]:
    from notifications.models import Notification as CurrentNotification

    ContentType = apps.get_model("contenttypes", "ContentType")
    Notification = apps.get_model("notifications", "Notification")
    family_type = ContentType.objects.filter(app_label="families", model="family").first()
    if family_type is None:
        return []
    kinds = {
        ("sms", "sent"): "sms_sent",
        ("email", "sent"): "email_sent",
        ("sms", "failed"): "sms_failed",
        ("email", "failed"): "email_failed",
    }
    rows = Notification.objects.filter(recipient_type=family_type, recipient_id__in=family_ids, status__in=["sent", "failed"])
    entries = []
    for row in rows.select_related("template"):
        sent = row.status == "sent"
        detail = (
            {"body": row.body} if sent else {"failure": in_languages(CurrentNotification.Failure(row.failure or "gateway").label)}
        )
        entries.append(
            {
                "family_id": row.recipient_id,
                "kind": f"families.{kinds[row.channel, row.status]}",
                "actor_id": None,
                "at": row.sent_at if sent else row.scheduled_for,
                "params": {"what": timeline.translated(row.template, "description"), **detail},
                "ref": f"notifications.notification:{row.pk}",
            }
        )
    return entries


def backfill(apps, schema_editor):
    Family = apps.get_model("families", "Family")
    TimelineEntry = apps.get_model("families", "TimelineEntry")
    ids = list(Family.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        fields = _family_entries(apps, chunk) + _message_entries(apps, chunk)
        TimelineEntry.objects.bulk_create([TimelineEntry(**entry) for entry in fields], batch_size=CHUNK)


def name_recipients(apps, schema_editor):
    """The delivery log shows whom a message went to; the outbox keeps the name it was sent under."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Notification = apps.get_model("notifications", "Notification")
    Family = apps.get_model("families", "Family")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for app_label, model, names in (
        ("families", "family", lambda ids: {f.pk: f.mother for f in Family.objects.filter(pk__in=ids).select_related("mother")}),
        ("accounts", "user", lambda ids: {u.pk: u for u in User.objects.filter(pk__in=ids)}),
    ):
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        rows = (
            Notification.objects.filter(recipient_type=content_type, recipient_name="")
            if content_type
            else Notification.objects.none()
        )
        for _batch in range(0, rows.count(), CHUNK):
            batch = list(rows.order_by("pk")[:CHUNK])
            people = names({row.recipient_id for row in batch})
            for row in batch:
                person = people.get(row.recipient_id)
                row.recipient_name = (
                    " ".join(p for p in (person.last_name, person.first_name, person.middle_name) if p) if person else "—"
                )
            Notification.objects.bulk_update(batch, ["recipient_name"])


def rename_templates(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for old, new in TEMPLATE_KEYS.items():
        if MessageTemplate.objects.filter(key=new).exists():
            MessageTemplate.objects.filter(key=old).delete()  # the test suite puts the old ones back
        else:
            MessageTemplate.objects.filter(key=old).update(key=new)


def rename_templates_back(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for old, new in TEMPLATE_KEYS.items():
        MessageTemplate.objects.filter(key=new).update(key=old)


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0002_almaty_districts"),
        ("families", "0006_request_becomes_appeal"),
        ("notifications", "0003_recipient_instead_of_family"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="appeal",
            options={"ordering": ["-opened_at", "-pk"], "verbose_name": "appeal", "verbose_name_plural": "appeals"},
        ),
        migrations.AlterField(
            model_name="appeal",
            name="centre",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="appeals", to="centres.centre", verbose_name="centre"
            ),
        ),
        migrations.AlterField(
            model_name="appeal",
            name="family",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="appeals", to="families.family"),
        ),
        migrations.CreateModel(
            name="TimelineEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                ("kind", models.CharField(max_length=64)),
                ("params", models.JSONField(blank=True, default=dict)),
                ("ref", models.CharField(blank=True, max_length=64)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "family",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="timeline", to="families.family"),
                ),
            ],
            options={
                "ordering": ["-at", "-pk"],
                "indexes": [models.Index(fields=["family", "-at", "-id"], name="timeline_family_at")],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(name_recipients, migrations.RunPython.noop),
        migrations.RunPython(rename_templates, rename_templates_back),
    ]
