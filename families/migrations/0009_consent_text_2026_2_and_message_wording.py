"""Kazakh and Russian wording fixes that live in the database rather than in the catalogs.

- The consent text is published again as version «2026-2», in force from the day this migration runs:
  «құқым» becomes «құқығым» and the wording reads better in both languages. Version «2026-1» is left
  as it is, because the consents recorded so far point to it.
- The registry's message templates: a centre's name is never put after the word for "centre" (its
  name already says «… орталығы» / «Центр …»), the refusal is softened («өкінішке орай» /
  «к сожалению»), the SMS keep ten characters to spare within two segments, and the English texts
  say "appeal". A text is changed only if it is still the one migration 0002 wrote: whatever an
  administrator has edited stays as she wrote it.
"""

from django.db import migrations
from django.utils import timezone

CONSENT_VERSION = "2026-2"

CONSENT_KK = """Мен, төменде қол қоюшы, «Дербес деректер және оларды қорғау туралы» Қазақстан Республикасының 2013 жылғы 21 мамырдағы № 94-V Заңына сәйкес Алматы қаласының «Бақытты отбасы» орталығына өзімнің және отбасы мүшелерімнің (балаларымның, жұбайымның) мынадай дербес деректерін жинауға, өңдеуге және сақтауға келісім беремін: тегі, аты, әкесінің аты, ЖСН, туған күні, жынысы, мекенжайы, телефон нөмірлері, электрондық пошта мекенжайы, отбасылық және тұрғын үй жағдайы, табысы, мүгедектігі және оқуы туралы мәліметтер.

Деректер маған және отбасыма заң және психологиялық көмек көрсету, жұмысқа орналасуға жәрдемдесу, курстарға жазу, «Іскер ана» гранттарын алуға көмектесу, өтініштерімді мемлекеттік органдарға жолдау үшін, сондай-ақ жалпыланған иесіздендірілген есептер жасау үшін ғана пайдаланылады. Деректерді маған көмектесетін орталық қызметкерлері ғана көреді; деректердің әрбір қаралуы мен өзгертілуі тіркеледі.

Бұл келісімді кез келген уақытта орталыққа жазбаша өтініш беріп, кері қайтарып алуға құқығым бар екені маған түсіндірілді."""

CONSENT_RU = """Я, нижеподписавшаяся, в соответствии с Законом Республики Казахстан от 21 мая 2013 года № 94-V «О персональных данных и их защите» даю согласие центру «Бақытты отбасы» города Алматы на сбор, обработку и хранение моих персональных данных и персональных данных членов моей семьи (детей, супруга), а именно: фамилия, имя, отчество, ИИН, дата рождения, пол, адрес, номера телефонов, адрес электронной почты, сведения о семейном и жилищном положении, доходе, инвалидности и обучении.

Данные используются только для оказания мне и моей семье юридической и психологической помощи, содействия в трудоустройстве, записи на курсы, помощи в получении грантов «Іскер ана», направления моих обращений в государственные органы, а также для составления обобщённой обезличенной отчётности. Данные видят только сотрудники центра, которые мне помогают; каждый просмотр и каждое изменение данных фиксируются.

Мне разъяснено, что я вправе в любой момент отозвать это согласие, подав в центр письменное заявление."""

# key → field → language → (the text migration 0002 wrote, the text that replaces it)
REWORDED = {
    "family_registered": {
        "email_body": {
            "kk": (
                "{{ name }}, сәлеметсіз бе!\n\nСіз {{ centre }} орталығында тіркелдіңіз. Мұнда заң, психологиялық кеңестер мен жұмысқа орналасу бойынша көмек, тегін курстар және «Іскер ана» гранттары бойынша көмек аласыз.\n\nТелефон: {{ centre_phone }}",
                "{{ name }}, сәлеметсіз бе!\n\nСіз тіркелдіңіз. Сіздің орталығыңыз: {{ centre }}.\n\nМұнда заңгер мен психологтан тегін кеңес аласыз. Біз жұмыс табуға көмектесеміз, тегін курстарға жазамыз және «Іскер ана» грантына өтінім беруге қолдау көрсетеміз.\n\nТелефон: {{ centre_phone }}",
            ),
            "ru": (
                "{{ name }}, здравствуйте!\n\nВы зарегистрированы в центре {{ centre }}. Здесь вы получите юридические и психологические консультации, помощь в трудоустройстве, бесплатные курсы и поддержку по грантам «Іскер ана».\n\nТелефон: {{ centre_phone }}",
                "{{ name }}, здравствуйте!\n\nВы зарегистрированы. Ваш центр: {{ centre }}.\n\nЗдесь вы получите юридические и психологические консультации, помощь в трудоустройстве, бесплатные курсы и поддержку по грантам «Іскер ана».\n\nТелефон: {{ centre_phone }}",
            ),
        },
    },
    "appeal_referred": {
        "description": {"en": ("Request referred to an agency", "Appeal referred to an agency")},
        "sms_text": {
            "kk": (
                "{{ name }}, «{{ kind }}» өтінішіңіз тиісті мекемеге жолданды. Жауап мерзімі: {{ due }}. Тел.: {{ centre_phone }}",
                "{{ name }}, «{{ kind }}» өтінішіңіз мекемеге жолданды. Жауап мерзімі: {{ due }}. Тел.: {{ centre_phone }}",
            ),
            "ru": (
                "{{ name }}, ваше обращение «{{ kind }}» направлено в ведомство. Срок ответа: {{ due }}. Тел.: {{ centre_phone }}",
                "{{ name }}, обращение «{{ kind }}» передано в ведомство. Ответ до {{ due }}. Тел.: {{ centre_phone }}",
            ),
            "en": (
                '{{ name }}, your request "{{ kind }}" was sent to the agency in charge. Answer due by {{ due }}. Tel.: {{ centre_phone }}',
                '{{ name }}, your appeal "{{ kind }}" was sent to the agency in charge. Answer due by {{ due }}. Tel.: {{ centre_phone }}',
            ),
        },
        "email_subject": {"en": ("Your request was referred", "Your appeal was referred")},
        "email_body": {
            "kk": (
                "{{ name }}, сәлеметсіз бе!\n\n«{{ kind }}» өтінішіңіз {{ agency }} мекемесіне жолданды. Жауап {{ due }} дейін күтіледі.\n\nСұрақтарыңыз болса: {{ centre_phone }}",
                "{{ name }}, сәлеметсіз бе!\n\n«{{ kind }}» өтінішіңіз мына мекемеге жолданды: {{ agency }}. Жауап мерзімі: {{ due }}.\n\nСұрақтарыңыз болса, хабарласыңыз: {{ centre_phone }}",
            ),
            "ru": (
                "{{ name }}, здравствуйте!\n\nВаше обращение «{{ kind }}» направлено: {{ agency }}. Ответ ожидается до {{ due }}.\n\nЕсли есть вопросы: {{ centre_phone }}",
                "{{ name }}, здравствуйте!\n\nВаше обращение «{{ kind }}» направлено в ведомство: {{ agency }}. Ответ ожидается до {{ due }}.\n\nЕсли у вас есть вопросы, звоните: {{ centre_phone }}",
            ),
            "en": (
                'Hello, {{ name }}!\n\nYour request "{{ kind }}" was referred to {{ agency }}. The answer is expected by {{ due }}.\n\nQuestions: {{ centre_phone }}',
                'Hello, {{ name }}!\n\nYour appeal "{{ kind }}" was referred to {{ agency }}. The answer is expected by {{ due }}.\n\nQuestions: {{ centre_phone }}',
            ),
        },
    },
    "appeal_resolved": {
        "description": {"en": ("Request resolved", "Appeal resolved")},
        "sms_text": {
            "en": (
                '{{ name }}, your request "{{ kind }}" is resolved. Details: {{ centre_phone }}',
                '{{ name }}, your appeal "{{ kind }}" is resolved. Details: {{ centre_phone }}',
            ),
        },
        "email_subject": {"en": ("Your request is resolved", "Your appeal is resolved")},
        "email_body": {
            "en": (
                'Hello, {{ name }}!\n\nYour request "{{ kind }}" is resolved: {{ comment }}\n\nTelephone: {{ centre_phone }}',
                'Hello, {{ name }}!\n\nYour appeal "{{ kind }}" is resolved: {{ comment }}\n\nTelephone: {{ centre_phone }}',
            ),
        },
    },
    "appeal_declined": {
        "description": {"en": ("Request declined", "Appeal declined")},
        "sms_text": {
            "kk": (
                "{{ name }}, «{{ kind }}» өтінішіңіз қанағаттандырылмады. Себебін орталықтан біліңіз: {{ centre_phone }}",
                "{{ name }}, өкінішке орай, «{{ kind }}» өтінішіңіз қанағаттандырылмады. Толығырақ: {{ centre_phone }}",
            ),
            "ru": (
                "{{ name }}, по обращению «{{ kind }}» отказано. Причину уточните в центре: {{ centre_phone }}",
                "{{ name }}, к сожалению, ваше обращение «{{ kind }}» не удовлетворено. Подробности: {{ centre_phone }}",
            ),
            "en": (
                '{{ name }}, your request "{{ kind }}" was declined. Ask the centre why: {{ centre_phone }}',
                '{{ name }}, unfortunately your appeal "{{ kind }}" was declined. Details: {{ centre_phone }}',
            ),
        },
        "email_subject": {"en": ("Decision on your request", "Decision on your appeal")},
        "email_body": {
            "en": (
                'Hello, {{ name }}!\n\nUnfortunately your request "{{ kind }}" was declined: {{ comment }}\n\nTelephone: {{ centre_phone }}',
                'Hello, {{ name }}!\n\nUnfortunately your appeal "{{ kind }}" was declined: {{ comment }}\n\nTelephone: {{ centre_phone }}',
            ),
        },
    },
}


def _columns(field: str, language: str) -> list[str]:
    # Migration 0002 wrote the Kazakh text into the untranslated column too (Kazakh is the default).
    return [f"{field}_{language}", field] if language == "kk" else [f"{field}_{language}"]


def _replace(apps, *, forwards: bool) -> None:
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for template in MessageTemplate.objects.filter(key__in=REWORDED):
        changed = []
        for field, languages in REWORDED[template.key].items():
            for language, (original, reworded) in languages.items():
                was, becomes = (original, reworded) if forwards else (reworded, original)
                for column in _columns(field, language):
                    if getattr(template, column) == was:  # not edited in the admin since
                        setattr(template, column, becomes)
                        changed.append(column)
        if changed:
            template.save(update_fields=changed)


def reword_templates(apps, schema_editor):
    _replace(apps, forwards=True)


def reword_templates_back(apps, schema_editor):
    _replace(apps, forwards=False)


def publish_consent_text(apps, schema_editor):
    ConsentText = apps.get_model("families", "ConsentText")
    ConsentText.objects.get_or_create(
        version=CONSENT_VERSION,
        defaults={
            "valid_from": timezone.localdate(),  # in force from the day it is published
            "text": CONSENT_KK,
            "text_kk": CONSENT_KK,
            "text_ru": CONSENT_RU,
            "text_en": CONSENT_RU,
        },
    )


def withdraw_consent_text(apps, schema_editor):
    ConsentText, Consent = apps.get_model("families", "ConsentText"), apps.get_model("families", "Consent")
    # A version that consents point to stays: they were given on its wording.
    ConsentText.objects.filter(version=CONSENT_VERSION).exclude(pk__in=Consent.objects.values("text_id")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0008_private_consent_scans"),
        ("notifications", "0003_recipient_instead_of_family"),
    ]

    operations = [
        migrations.RunPython(publish_consent_text, withdraw_consent_text),
        migrations.RunPython(reword_templates, reword_templates_back),
    ]
