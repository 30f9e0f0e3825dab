from django.db import migrations

# code, Kazakh, Russian, English. The codes are stable identifiers; the names can be edited in the admin.
DISTRICTS = [
    ("alatau", "Алатау ауданы", "Алатауский район", "Alatau District"),
    ("almaly", "Алмалы ауданы", "Алмалинский район", "Almaly District"),
    ("auezov", "Әуезов ауданы", "Ауэзовский район", "Auezov District"),
    ("bostandyk", "Бостандық ауданы", "Бостандыкский район", "Bostandyk District"),
    ("zhetysu", "Жетісу ауданы", "Жетысуский район", "Zhetysu District"),
    ("medeu", "Медеу ауданы", "Медеуский район", "Medeu District"),
    ("nauryzbay", "Наурызбай ауданы", "Наурызбайский район", "Nauryzbay District"),
    ("turksib", "Түрксіб ауданы", "Турксибский район", "Turksib District"),
]


def create_districts(apps, schema_editor):
    District = apps.get_model("centres", "District")
    for code, kk, ru, en in DISTRICTS:
        District.objects.update_or_create(code=code, defaults={"name": kk, "name_kk": kk, "name_ru": ru, "name_en": en})


class Migration(migrations.Migration):
    dependencies = [("centres", "0001_initial")]
    operations = [migrations.RunPython(create_districts, migrations.RunPython.noop)]
