import datetime as dt
from decimal import Decimal

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Why mothers come (code, kk, ru, en).
PURPOSES = [
    ("legal", "Заң кеңесі", "Юридическая консультация", "Legal consultation"),
    ("psychological", "Психологтың кеңесі", "Консультация психолога", "Psychological consultation"),
    ("employment", "Жұмысқа орналасу", "Трудоустройство", "Employment"),
    ("courses", "Курстар", "Курсы", "Courses"),
    ("isker_ana", "«Іскер ана» гранты", "Грант «Іскер ана»", "Isker Ana grant"),
    ("request", "Өтініш («бір терезе»)", "Обращение («одно окно»)", "One-window request"),
    ("state_services", "Мемлекеттік қызметтер мен құжаттар", "Госуслуги и документы", "State services and documents"),
    ("other", "Басқа", "Другое", "Other"),
]

# The poverty line is 70% of the subsistence minimum set by the republican budget law for each year.
THRESHOLDS = [
    (dt.date(2024, 1, 1), Decimal("30385")),  # subsistence minimum 43 407 ₸
    (dt.date(2025, 1, 1), Decimal("32360")),  # subsistence minimum 46 228 ₸
    (dt.date(2026, 1, 1), Decimal("35596")),  # subsistence minimum 50 851 ₸
]

AGENCIES = [
    (
        "Алматы қаласының Жұмыспен қамту және әлеуметтік бағдарламалар басқармасы",
        "Управление занятости и социальных программ города Алматы",
        "Almaty Department of Employment and Social Programmes",
    ),
    (
        "Алматы қаласының Тұрғын үй саясаты басқармасы",
        "Управление жилищной политики города Алматы",
        "Almaty Department of Housing Policy",
    ),
    (
        "Алматы қаласының Білім басқармасы (балабақша кезегі)",
        "Управление образования города Алматы (очередь в детский сад)",
        "Almaty Department of Education (kindergarten queue)",
    ),
    ("Алматы қаласының Халықты жұмыспен қамту орталығы", "Центр занятости населения города Алматы", "Almaty Employment Centre"),
    (
        "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы (ХҚКО)",
        "Госкорпорация «Правительство для граждан» (ЦОН)",
        "Government for Citizens state corporation (public service centre)",
    ),
    (
        "Алматы қаласының Денсаулық сақтау басқармасы",
        "Управление здравоохранения города Алматы",
        "Almaty Department of Public Health",
    ),
    (
        "Тұрмыстық зорлық-зомбылық құрбандарына көмек көрсету дағдарыс орталығы",
        "Кризисный центр помощи пострадавшим от бытового насилия",
        "Crisis centre for victims of domestic violence",
    ),
]

CONSENT_KK = """Мен, төменде қол қоюшы, «Дербес деректер және оларды қорғау туралы» Қазақстан Республикасының 2013 жылғы 21 мамырдағы № 94-V Заңына сәйкес Алматы қаласының «Бақытты отбасы» орталығына менің және менің отбасы мүшелерімнің (балаларымның, жұбайымның) дербес деректерін жинауға, өңдеуге және сақтауға келісім беремін: тегі, аты, әкесінің аты, ЖСН, туған күні, жынысы, мекенжайы, телефондары, электрондық поштасы, отбасылық және тұрғын үй жағдайы, табысы, мүгедектігі, білім алуы туралы мәліметтер.

Деректер маған және отбасыма заң, психологиялық көмек көрсету, жұмысқа орналасу, курстарға және «Іскер ана» гранттарына жазу, өтініштерімді мемлекеттік органдарға жолдау, сондай-ақ жалпыланған (жеке басын анықтауға болмайтын) есептілік жасау үшін ғана пайдаланылады. Деректерді тек маған көмектесетін орталық қызметкерлері көреді, әрбір қарау мен өзгерту тіркеледі.

Бұл келісімді кез келген уақытта орталыққа жазбаша өтініш беру арқылы кері қайтарып алуға құқым бар екені маған түсіндірілді."""

CONSENT_RU = """Я, нижеподписавшаяся, в соответствии с Законом Республики Казахстан от 21 мая 2013 года № 94-V «О персональных данных и их защите» даю согласие центру «Бақытты отбасы» города Алматы на сбор, обработку и хранение моих персональных данных и данных членов моей семьи (детей, супруга): фамилия, имя, отчество, ИИН, дата рождения, пол, адрес, телефоны, электронная почта, сведения о семейном и жилищном положении, доходе, инвалидности, обучении.

Данные используются только для оказания мне и моей семье юридической и психологической помощи, содействия в трудоустройстве, записи на курсы и гранты «Іскер ана», направления моих обращений в государственные органы, а также для обобщённой (обезличенной) отчётности. Данные видят только сотрудники центра, которые мне помогают; каждый просмотр и изменение фиксируются.

Мне разъяснено, что я вправе в любой момент отозвать это согласие, подав письменное заявление в центр."""


def forwards(apps, schema_editor):
    VisitPurpose = apps.get_model("families", "VisitPurpose")
    for position, (code, kk, ru, en) in enumerate(PURPOSES):
        VisitPurpose.objects.update_or_create(
            code=code, defaults={"name": kk, "name_kk": kk, "name_ru": ru, "name_en": en, "position": position}
        )
    CategoryThresholds = apps.get_model("families", "CategoryThresholds")
    for valid_from, poverty_line in THRESHOLDS:
        CategoryThresholds.objects.get_or_create(valid_from=valid_from, defaults={"poverty_line": poverty_line})
    Agency = apps.get_model("families", "Agency")
    for kk, ru, en in AGENCIES:
        Agency.objects.get_or_create(name_ru=ru, defaults={"name": kk, "name_kk": kk, "name_en": en})
    ConsentText = apps.get_model("families", "ConsentText")
    ConsentText.objects.get_or_create(
        version="2026-1",
        defaults={
            "valid_from": dt.date(2026, 1, 1),
            "text": CONSENT_KK,
            "text_kk": CONSENT_KK,
            "text_ru": CONSENT_RU,
            "text_en": CONSENT_RU,
        },
    )


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS person_search_name_trgm ON families_person USING gin (search_name gin_trgm_ops)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("families", "0001_initial")]
    operations = [
        TrigramExtension(),  # does nothing outside PostgreSQL
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
