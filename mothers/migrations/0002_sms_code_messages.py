from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts. Sent to a bare
# number (the code proves she holds it), so by SMS only; the e-mail texts are there for completeness.
TEMPLATES = [
    (
        "mother_sign_up_code",
        True,
        "code minutes",
        ("Порталда тіркелу коды", "Код для регистрации на портале", "The code to sign up on the portal"),
        (
            "Бақытты отбасы: тіркелу коды {{ code }}. Ол {{ minutes }} минут жарамды. Кодты ешкімге айтпаңыз.",
            "Бақытты отбасы: код для регистрации {{ code }}. Он действует {{ minutes }} минут. Никому его не сообщайте.",
            "Bakytty Otbasy: your sign-up code is {{ code }}. It works for {{ minutes }} minutes. Do not tell it to anyone.",
        ),
        ("Тіркелу коды", "Код для регистрации", "Your sign-up code"),
        (
            "Порталда тіркелу коды: {{ code }}. Ол {{ minutes }} минут жарамды. Кодты ешкімге айтпаңыз.",
            "Код для регистрации на портале: {{ code }}. Он действует {{ minutes }} минут. Никому его не сообщайте.",
            "Your code to sign up on the portal: {{ code }}. It works for {{ minutes }} minutes. Do not tell it to anyone.",
        ),
    ),
    (
        "mother_reset_code",
        True,
        "code minutes",
        ("Жаңа құпиясөз коды", "Код для нового пароля", "The code for a new password"),
        (
            "Бақытты отбасы: жаңа құпиясөз коды {{ code }}. Ол {{ minutes }} минут жарамды. Сұрамаған болсаңыз, елемеңіз.",
            "Бақытты отбасы: код для нового пароля {{ code }}. Он действует {{ minutes }} минут. Если вы не просили, не обращайте внимания.",
            "Bakytty Otbasy: your code for a new password is {{ code }}. It works for {{ minutes }} minutes. If you did not ask, ignore it.",
        ),
        ("Жаңа құпиясөз коды", "Код для нового пароля", "Your code for a new password"),
        (
            "Жаңа құпиясөз коды: {{ code }}. Ол {{ minutes }} минут жарамды. Егер сұрамаған болсаңыз, бұл хабарды елемеңіз: құпиясөзіңіз өзгермейді.",
            "Код для нового пароля: {{ code }}. Он действует {{ minutes }} минут. Если вы не просили, не обращайте внимания: пароль останется прежним.",
            "Your code for a new password: {{ code }}. It works for {{ minutes }} minutes. If you did not ask for it, ignore this message: your password stays as it is.",
        ),
    ),
    (
        "mother_new_phone_code",
        True,
        "code minutes",
        ("Жаңа нөмірді растау коды", "Код для подтверждения нового номера", "The code to confirm a new phone number"),
        (
            "Бақытты отбасы: жаңа нөміріңізді растау коды {{ code }}. Ол {{ minutes }} минут жарамды.",
            "Бақытты отбасы: код для подтверждения нового номера {{ code }}. Он действует {{ minutes }} минут.",
            "Bakytty Otbasy: the code to confirm your new number is {{ code }}. It works for {{ minutes }} minutes.",
        ),
        ("Жаңа нөмірді растау коды", "Код для подтверждения номера", "Your code to confirm the number"),
        (
            "Жаңа телефон нөміріңізді растау коды: {{ code }}. Ол {{ minutes }} минут жарамды.",
            "Код для подтверждения нового номера телефона: {{ code }}. Он действует {{ minutes }} минут.",
            "Your code to confirm your new phone number: {{ code }}. It works for {{ minutes }} minutes.",
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("mothers", "0001_initial"), ("notifications", "0004_cancel_requested")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
