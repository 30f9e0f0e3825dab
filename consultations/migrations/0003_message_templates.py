from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts. No message
# names the kind of consultation or the specialist: staff read message texts in the delivery log and
# on the family's timeline, and what she consults about is confidential.
PLACEHOLDERS = "name date time centre centre_phone"
TEMPLATES = [
    (
        "consultation_booked",
        True,
        PLACEHOLDERS,
        ("Кеңеске жазылу расталды", "Подтверждение записи на консультацию", "A consultation booked"),
        (
            "{{ name }}, сіз жазылдыңыз: {{ date }} {{ time }}, {{ centre }}. Тел. {{ centre_phone }}",
            "{{ name }}, вы записаны: {{ date }} {{ time }}, {{ centre }}. Тел. {{ centre_phone }}",
            "{{ name }}, you are booked: {{ date }} {{ time }}, {{ centre }}. Tel. {{ centre_phone }}",
        ),
        ("Кеңеске жазылдыңыз", "Вы записаны на консультацию", "Your consultation is booked"),
        (
            "{{ name }}, сәлеметсіз бе!\n\nСіз кеңеске жазылдыңыз: {{ date }}, сағат {{ time }}. Орталық: {{ centre }}.\n\nКеле алмасаңыз, орталыққа хабарласыңыз: {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nВы записаны на консультацию {{ date }} в {{ time }}: {{ centre }}.\n\nЕсли не сможете прийти, позвоните в центр: {{ centre_phone }}.",
            "Hello, {{ name }}!\n\nYou are booked for a consultation on {{ date }} at {{ time }}: {{ centre }}.\n\nIf you cannot come, call the centre: {{ centre_phone }}.",
        ),
    ),
    (
        "consultation_reminder",
        False,
        PLACEHOLDERS,
        ("Кеңестің алдындағы еске салу", "Напоминание накануне консультации", "A reminder the day before a consultation"),
        (
            "{{ name }}, ертең {{ time }} кеңес: {{ centre }}. Тел. {{ centre_phone }}",
            "{{ name }}, завтра в {{ time }} консультация, {{ centre }}. Тел. {{ centre_phone }}",
            "{{ name }}, tomorrow at {{ time }}: your consultation, {{ centre }}. Tel. {{ centre_phone }}",
        ),
        ("Ертең кеңес", "Завтра консультация", "Your consultation is tomorrow"),
        (
            "{{ name }}, сәлеметсіз бе!\n\nЕске саламыз: ертең кеңесіңіз бар — {{ date }}, сағат {{ time }}. Орталық: {{ centre }}.\n\nКеле алмасаңыз, орталыққа хабарласыңыз: {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nНапоминаем: завтра, {{ date }}, в {{ time }} у вас консультация: {{ centre }}.\n\nЕсли не сможете прийти, позвоните в центр: {{ centre_phone }}.",
            "Hello, {{ name }}!\n\nA reminder: tomorrow, {{ date }}, at {{ time }} you have a consultation: {{ centre }}.\n\nIf you cannot come, call the centre: {{ centre_phone }}.",
        ),
    ),
    (
        "consultation_moved",
        True,
        PLACEHOLDERS,
        ("Кеңес уақыты ауысты", "Консультация перенесена", "A consultation moved"),
        (
            "{{ name }}, кеңес ауысты: {{ date }} {{ time }}, {{ centre }}. Тел. {{ centre_phone }}",
            "{{ name }}, приём перенесён: {{ date }} {{ time }}, {{ centre }}. Тел. {{ centre_phone }}",
            "{{ name }}, your consultation moved: {{ date }} {{ time }}, {{ centre }}. Tel. {{ centre_phone }}",
        ),
        ("Кеңес уақыты ауысты", "Консультация перенесена", "Your consultation has moved"),
        (
            "{{ name }}, сәлеметсіз бе!\n\nКеңесіңіздің уақыты ауысты. Жаңа уақыты: {{ date }}, сағат {{ time }}. Орталық: {{ centre }}.\n\nСұрақтарыңыз болса, орталыққа хабарласыңыз: {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nВаша консультация перенесена: теперь {{ date }} в {{ time }}, {{ centre }}.\n\nЕсли есть вопросы, позвоните в центр: {{ centre_phone }}.",
            "Hello, {{ name }}!\n\nYour consultation has moved: it is now on {{ date }} at {{ time }}, {{ centre }}.\n\nIf you have questions, call the centre: {{ centre_phone }}.",
        ),
    ),
    (
        "consultation_cancelled",
        True,
        PLACEHOLDERS,
        ("Кеңес болмайды", "Консультация отменена", "A consultation cancelled"),
        (
            "{{ name }}, {{ date }} {{ time }} кеңес болмайды: {{ centre }}. Тел. {{ centre_phone }}",
            "{{ name }}, приём {{ date }} {{ time }} отменён, {{ centre }}. Тел. {{ centre_phone }}",
            "{{ name }}, your consultation on {{ date }} {{ time }} is cancelled, {{ centre }}. Tel. {{ centre_phone }}",
        ),
        ("Кеңес болмайды", "Консультация отменена", "Your consultation is cancelled"),
        (
            "{{ name }}, сәлеметсіз бе!\n\nКеңесіңіз болмайды: {{ date }}, сағат {{ time }}. Орталық: {{ centre }}.\n\nЖаңа уақытқа жазылу үшін орталыққа хабарласыңыз: {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nВаша консультация {{ date }} в {{ time }} отменена ({{ centre }}).\n\nЧтобы записаться на другое время, позвоните в центр: {{ centre_phone }}.",
            "Hello, {{ name }}!\n\nYour consultation on {{ date }} at {{ time }} is cancelled ({{ centre }}).\n\nTo book another time, call the centre: {{ centre_phone }}.",
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0002_no_double_booking"), ("notifications", "0004_cancel_requested")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
