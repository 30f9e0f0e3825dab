from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts. Essential: it is
# about her own file (what she may now book).
TEMPLATES = [
    (
        "family_verified",
        True,
        "name centre centre_phone",
        (
            "Онлайн тіркелген отбасы расталды",
            "Семья, зарегистрированная онлайн, подтверждена",
            "A family signed up online is verified",
        ),
        (
            "{{ name }}, құжаттарыңыз тексерілді: отбасыңыз «Бақытты отбасы» порталында расталды. Тел.: {{ centre_phone }}",
            "{{ name }}, ваши документы проверены: семья подтверждена на портале «Бақытты отбасы». Тел.: {{ centre_phone }}",
            "{{ name }}, your documents were checked: your family is verified on the Bakytty Otbasy portal. Tel.: {{ centre_phone }}",
        ),
        ("Отбасыңыз расталды", "Ваша семья подтверждена", "Your family is verified"),
        (
            "{{ name }}, сәлеметсіз бе!\n\nОрталық құжаттарыңызды тексерді: отбасыңыздың деректері порталда расталды. Енді жеке кабинетіңізде отбасыңыздың деректері мен санаттары көрінеді, санатқа арналған курстарға да жазыла аласыз.\n\nОрталық: {{ centre }}, телефон: {{ centre_phone }}",
            "{{ name }}, здравствуйте!\n\nЦентр проверил ваши документы: данные вашей семьи на портале подтверждены. Теперь в личном кабинете видны данные и категории семьи, и вы можете записываться на курсы для своей категории.\n\nЦентр: {{ centre }}, телефон: {{ centre_phone }}",
            "Hello, {{ name }}!\n\nThe centre checked your documents: your family's data on the portal is verified. Your cabinet now shows your family's data and categories, and you can book the courses for your category.\n\nCentre: {{ centre }}, telephone: {{ centre_phone }}",
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("families", "0015_self_registered_families"), ("notifications", "0004_cancel_requested")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
