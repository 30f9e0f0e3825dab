from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts.
TEMPLATES = [
    (
        "monthly_report_ready",
        True,
        "name place month version link",
        (
            "Айлық есеп дайын (әкімдік қызметкеріне)",
            "Ежемесячный отчёт готов (сотруднику акимата)",
            "A monthly report is ready (to an akimat official)",
        ),
        (
            "{{ place }}: {{ month }} айлық есебі дайын (нұсқа {{ version }}). {{ link }}",
            "{{ place }}: отчёт за {{ month }} готов (версия {{ version }}). {{ link }}",
            "{{ place }}: the report for {{ month }} is ready (version {{ version }}). {{ link }}",
        ),
        (
            "{{ place }}: {{ month }} айлық есебі",
            "{{ place }}: отчёт за {{ month }}",
            "{{ place }}: the report for {{ month }}",
        ),
        (
            "{{ name }}, сәлеметсіз бе!\n\n«Бақытты отбасы» порталында {{ place }} бойынша {{ month }} айлық есебі дайын (нұсқа {{ version }}): PDF және Excel, қазақ және орыс тілдерінде.\n\nЕсепті ашу: {{ link }}",
            "{{ name }}, здравствуйте!\n\nВ портале «Бақытты отбасы» готов отчёт «{{ place }}» за {{ month }} (версия {{ version }}): PDF и Excel, на казахском и русском языках.\n\nОткрыть отчёт: {{ link }}",
            "Hello, {{ name }}!\n\nThe report of {{ place }} for {{ month }} is ready on the Bakytty Otbasy portal (version {{ version }}): PDF and Excel, in Kazakh and Russian.\n\nOpen the report: {{ link }}",
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("dashboards", "0002_rollup_state"), ("notifications", "0004_cancel_requested")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
