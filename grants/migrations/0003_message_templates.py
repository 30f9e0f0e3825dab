from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts (description,
# SMS, e-mail subject, e-mail body).
TEMPLATES = [
    (
        "grant_status_changed",
        True,
        "name number status centre centre_phone",
        ("Грант өтінімінің мәртебесі өзгерді", "Изменился статус заявки на грант", "A grant application's status changed"),
        (
            "{{ name }}, {{ number }} грант өтініміңіздің мәртебесі: {{ status }}. Тел. {{ centre_phone }}",
            "{{ name }}, статус вашей заявки на грант {{ number }}: {{ status }}. Тел. {{ centre_phone }}",
            "{{ name }}, your grant application {{ number }} is now: {{ status }}. Tel. {{ centre_phone }}",
        ),
        ("Грант өтінімі: {{ status }}", "Заявка на грант: {{ status }}", "Grant application: {{ status }}"),
        (
            "{{ name }}, сәлеметсіз бе!\n\n{{ number }} грант өтініміңіздің жаңа мәртебесі: {{ status }}. Толығырақ жеке кабинетте.\n\n{{ centre }}, {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nНовый статус вашей заявки на грант {{ number }}: {{ status }}. Подробности в личном кабинете.\n\n{{ centre }}, {{ centre_phone }}.",
            "Hello, {{ name }}!\n\nYour grant application {{ number }} is now: {{ status }}. The details are in your cabinet.\n\n{{ centre }}, {{ centre_phone }}.",
        ),
    ),
    (
        "grant_visit_due",
        True,
        "name number months due centre centre_phone",
        ("Гранттың мониторинг сапары", "Мониторинговый визит по гранту", "A grant monitoring visit is due"),
        (
            "{{ number }} гранты бойынша {{ months }} айлық мониторинг сапарының мерзімі: {{ due }}.",
            "Срок мониторингового визита ({{ months }} мес.) по гранту {{ number }}: {{ due }}.",
            "The {{ months }}-month monitoring visit of grant {{ number }} is due on {{ due }}.",
        ),
        ("Мониторинг сапары: {{ number }}", "Мониторинговый визит: {{ number }}", "Monitoring visit: {{ number }}"),
        (
            "{{ number }} гранты бойынша {{ months }} айлық мониторинг сапарының мерзімі: {{ due }}. Нәтижесін порталда тіркеңіз.",
            "Срок мониторингового визита ({{ months }} мес.) по гранту {{ number }}: {{ due }}. Отметьте его результат на портале.",
            "The {{ months }}-month monitoring visit of grant {{ number }} is due on {{ due }}. Record its outcome in the portal.",
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("grants", "0002_counters"), ("notifications", "0004_cancel_requested")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
