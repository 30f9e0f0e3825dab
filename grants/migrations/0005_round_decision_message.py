from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts (description,
# SMS, e-mail subject, e-mail body). To the commission members: no mother is named.
TEMPLATES = [
    (
        "grant_round_decision",
        True,
        "name round programme count link",
        (
            "Грант кезеңі комиссия шешіміне берілді (комиссия мүшесіне)",
            "Этап грантов передан на решение комиссии (члену комиссии)",
            "A grant round is before the commission (to a commission member)",
        ),
        (
            "«{{ round }}» ({{ programme }}) комиссия шешіміне берілді: {{ count }} өтінім. {{ link }}",
            "Этап «{{ round }}» ({{ programme }}) передан на решение комиссии: заявок — {{ count }}. {{ link }}",
            "The round “{{ round }}” ({{ programme }}) is before the commission: {{ count }} applications. {{ link }}",
        ),
        (
            "Комиссия шешімі: «{{ round }}»",
            "Решение комиссии: «{{ round }}»",
            "Commission decision: “{{ round }}”",
        ),
        (
            "{{ name }}, сәлеметсіз бе!\n\n{{ programme }} бағдарламасының «{{ round }}» кезеңі комиссия шешіміне берілді: {{ count }} өтінім. Рейтинг пен комиссия материалдары порталда.\n\nРейтингті ашу: {{ link }}",
            "{{ name }}, здравствуйте!\n\nЭтап «{{ round }}» программы «{{ programme }}» передан на решение комиссии: заявок — {{ count }}. Рейтинг и материалы комиссии — на портале.\n\nОткрыть рейтинг: {{ link }}",
            "Hello, {{ name }}!\n\nThe round “{{ round }}” of {{ programme }} is before the commission: {{ count }} applications. The ranking and the commission pack are on the portal.\n\nOpen the ranking: {{ link }}",
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("grants", "0004_round_moves"), ("notifications", "0004_cancel_requested")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
