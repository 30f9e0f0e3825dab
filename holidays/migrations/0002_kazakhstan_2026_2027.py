import datetime as dt

from django.db import migrations

# Kazakhstan's public holidays (the Labour Code and the law on holidays), Kazakh, Russian, English.
# The days off the government moves each year by decree, and the date of Kurban ait, which the
# Spiritual Administration announces, are edited by administrators in the admin.
FIXED = [
    ((1, 1), "Жаңа жыл", "Новый год", "New Year"),
    ((1, 2), "Жаңа жыл", "Новый год", "New Year"),
    ((1, 7), "Православиелік Рождество", "Православное Рождество", "Orthodox Christmas"),
    ((3, 8), "Халықаралық әйелдер күні", "Международный женский день", "International Women's Day"),
    ((3, 21), "Наурыз мейрамы", "Праздник Наурыз", "Nauryz"),
    ((3, 22), "Наурыз мейрамы", "Праздник Наурыз", "Nauryz"),
    ((3, 23), "Наурыз мейрамы", "Праздник Наурыз", "Nauryz"),
    ((5, 1), "Қазақстан халқының бірлігі мерекесі", "Праздник единства народа Казахстана", "Unity Day"),
    ((5, 7), "Отан қорғаушы күні", "День защитника Отечества", "Defender of the Fatherland Day"),
    ((5, 9), "Жеңіс күні", "День Победы", "Victory Day"),
    ((7, 6), "Астана күні", "День столицы", "Capital Day"),
    ((8, 30), "Конституция күні", "День Конституции", "Constitution Day"),
    ((10, 25), "Республика күні", "День Республики", "Republic Day"),
    ((12, 16), "Тәуелсіздік күні", "День Независимости", "Independence Day"),
]
KURBAN_AIT = [dt.date(2026, 5, 27), dt.date(2027, 5, 16)]


def holidays():
    for year in (2026, 2027):
        for (month, day), kk, ru, en in FIXED:
            yield dt.date(year, month, day), kk, ru, en
    for day in KURBAN_AIT:
        yield day, "Құрбан айт", "Курбан айт", "Kurban Ait"


def create_holidays(apps, schema_editor):
    PublicHoliday = apps.get_model("holidays", "PublicHoliday")
    for day, kk, ru, en in holidays():
        # An administrator's edit stays: only missing days are added.
        PublicHoliday.objects.get_or_create(day=day, defaults={"name": kk, "name_kk": kk, "name_ru": ru, "name_en": en})


class Migration(migrations.Migration):
    dependencies = [("holidays", "0001_initial")]
    operations = [migrations.RunPython(create_holidays, migrations.RunPython.noop)]
