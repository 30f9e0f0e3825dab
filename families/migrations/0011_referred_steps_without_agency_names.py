"""An appeal's automatic "referred" step no longer keeps the agency's name as its comment (issue 9, item
23): the name was stored in the language of whoever made the referral, so the family page showed it in
that language to every reader. The referral's own timeline entry names the agency in every language.
This clears the names already stored, on the steps and on their timeline entries."""

from django.db import migrations

CHUNK = 1_000


def agency_names(Agency) -> set[str]:
    columns = [field.attname for field in Agency._meta.concrete_fields if field.attname.startswith("name")]
    return {name for row in Agency.objects.values_list(*columns) for name in row if name}


def clear_agency_names(apps, schema_editor):
    Agency = apps.get_model("families", "Agency")
    AppealStep = apps.get_model("families", "AppealStep")
    TimelineEntry = apps.get_model("families", "TimelineEntry")
    names = agency_names(Agency)
    if not names:
        return
    steps = AppealStep.objects.filter(to_status="referred", comment__in=names).order_by("pk")
    last_pk = 0
    while chunk := list(steps.filter(pk__gt=last_pk).values_list("pk", "appeal_id", "appeal__family_id", "at")[:CHUNK]):
        last_pk = chunk[-1][0]
        moments = {(f"families.appeal:{appeal_id}", at) for _pk, appeal_id, _family_id, at in chunk}
        entries = TimelineEntry.objects.filter(
            family_id__in={family_id for _pk, _appeal_id, family_id, _at in chunk},
            kind="families.appeal_moved",
            ref__in={ref for ref, _at in moments},
        )
        cleared = []
        for entry in entries:
            if (entry.ref, entry.at) in moments and entry.params.get("comment") in names:
                entry.params = {**entry.params, "comment": ""}
                cleared.append(entry)
        TimelineEntry.objects.bulk_update(cleared, ["params"])
        AppealStep.objects.filter(pk__in=[pk for pk, *_rest in chunk]).update(comment="")


class Migration(migrations.Migration):
    dependencies = [("families", "0010_family_version")]

    operations = [migrations.RunPython(clear_agency_names, migrations.RunPython.noop)]
