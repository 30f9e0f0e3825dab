from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts.
TEMPLATES = [
    (
        "family_registered",
        False,
        "name centre centre_phone",
        ("Отбасы тіркелді", "Семья зарегистрирована", "Family registered"),
        (
            "{{ name }}, сіз «Бақытты отбасы» орталығында тіркелдіңіз. Кеңестер мен курстар тегін. Тел.: {{ centre_phone }}",
            "{{ name }}, вы зарегистрированы в центре «Бақытты отбасы». Консультации и курсы бесплатны. Тел.: {{ centre_phone }}",
            "{{ name }}, you are registered at the Bakytty Otbasy centre. Consultations and courses are free. Tel.: {{ centre_phone }}",
        ),
        (
            "«Бақытты отбасы» орталығына қош келдіңіз",
            "Добро пожаловать в центр «Бақытты отбасы»",
            "Welcome to the Bakytty Otbasy centre",
        ),
        (
            "{{ name }}, сәлеметсіз бе!\n\nСіз {{ centre }} орталығында тіркелдіңіз. Мұнда заң, психологиялық кеңестер мен жұмысқа орналасу бойынша көмек, тегін курстар және «Іскер ана» гранттары бойынша көмек аласыз.\n\nТелефон: {{ centre_phone }}",
            "{{ name }}, здравствуйте!\n\nВы зарегистрированы в центре {{ centre }}. Здесь вы получите юридические и психологические консультации, помощь в трудоустройстве, бесплатные курсы и поддержку по грантам «Іскер ана».\n\nТелефон: {{ centre_phone }}",
            "Hello, {{ name }}!\n\nYou are registered at {{ centre }}: legal and psychological consultations, help with employment, free courses and support with the Isker Ana grants.\n\nTelephone: {{ centre_phone }}",
        ),
    ),
    (
        "request_referred",
        True,
        "name centre centre_phone kind agency due",
        ("Өтініш басқа мекемеге жолданды", "Обращение направлено в ведомство", "Request referred to an agency"),
        (
            "{{ name }}, «{{ kind }}» өтінішіңіз тиісті мекемеге жолданды. Жауап мерзімі: {{ due }}. Тел.: {{ centre_phone }}",
            "{{ name }}, ваше обращение «{{ kind }}» направлено в ведомство. Срок ответа: {{ due }}. Тел.: {{ centre_phone }}",
            '{{ name }}, your request "{{ kind }}" was sent to the agency in charge. Answer due by {{ due }}. Tel.: {{ centre_phone }}',
        ),
        ("Өтінішіңіз жолданды", "Ваше обращение направлено", "Your request was referred"),
        (
            "{{ name }}, сәлеметсіз бе!\n\n«{{ kind }}» өтінішіңіз {{ agency }} мекемесіне жолданды. Жауап {{ due }} дейін күтіледі.\n\nСұрақтарыңыз болса: {{ centre_phone }}",
            "{{ name }}, здравствуйте!\n\nВаше обращение «{{ kind }}» направлено: {{ agency }}. Ответ ожидается до {{ due }}.\n\nЕсли есть вопросы: {{ centre_phone }}",
            'Hello, {{ name }}!\n\nYour request "{{ kind }}" was referred to {{ agency }}. The answer is expected by {{ due }}.\n\nQuestions: {{ centre_phone }}',
        ),
    ),
    (
        "request_resolved",
        True,
        "name centre centre_phone kind comment",
        ("Өтініш шешілді", "Обращение решено", "Request resolved"),
        (
            "{{ name }}, «{{ kind }}» өтінішіңіз шешілді. Толығырақ: {{ centre_phone }}",
            "{{ name }}, ваше обращение «{{ kind }}» решено. Подробности: {{ centre_phone }}",
            '{{ name }}, your request "{{ kind }}" is resolved. Details: {{ centre_phone }}',
        ),
        ("Өтінішіңіз шешілді", "Ваше обращение решено", "Your request is resolved"),
        (
            "{{ name }}, сәлеметсіз бе!\n\n«{{ kind }}» өтінішіңіз шешілді: {{ comment }}\n\nТелефон: {{ centre_phone }}",
            "{{ name }}, здравствуйте!\n\nВаше обращение «{{ kind }}» решено: {{ comment }}\n\nТелефон: {{ centre_phone }}",
            'Hello, {{ name }}!\n\nYour request "{{ kind }}" is resolved: {{ comment }}\n\nTelephone: {{ centre_phone }}',
        ),
    ),
    (
        "request_declined",
        True,
        "name centre centre_phone kind comment",
        ("Өтініш қабылданбады", "Обращение отклонено", "Request declined"),
        (
            "{{ name }}, «{{ kind }}» өтінішіңіз қанағаттандырылмады. Себебін орталықтан біліңіз: {{ centre_phone }}",
            "{{ name }}, по обращению «{{ kind }}» отказано. Причину уточните в центре: {{ centre_phone }}",
            '{{ name }}, your request "{{ kind }}" was declined. Ask the centre why: {{ centre_phone }}',
        ),
        ("Өтінішіңіз бойынша шешім", "Решение по вашему обращению", "Decision on your request"),
        (
            "{{ name }}, сәлеметсіз бе!\n\nӨкінішке орай, «{{ kind }}» өтінішіңіз қанағаттандырылмады: {{ comment }}\n\nТелефон: {{ centre_phone }}",
            "{{ name }}, здравствуйте!\n\nК сожалению, по обращению «{{ kind }}» отказано: {{ comment }}\n\nТелефон: {{ centre_phone }}",
            'Hello, {{ name }}!\n\nUnfortunately your request "{{ kind }}" was declined: {{ comment }}\n\nTelephone: {{ centre_phone }}',
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
