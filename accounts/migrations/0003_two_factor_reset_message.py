from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts.
TEMPLATES = [
    (
        "two_factor_reset",
        True,
        "name login",
        (
            "Қызметкердің екі факторлы кіруі өшірілді",
            "Сотруднику сброшен двухфакторный вход",
            "A staff member's two-factor sign-in was reset",
        ),
        (
            "{{ name }}, порталға екі факторлы кіруіңіз өшірілді. Келесі кіргенде аутентификаторды қайта қосыңыз.",
            "{{ name }}, ваш двухфакторный вход в портал сброшен. При следующем входе подключите аутентификатор заново.",
            "{{ name }}, your two-factor sign-in to the portal was reset. Set up your authenticator app again when you next sign in.",
        ),
        (
            "Екі факторлы кіру өшірілді",
            "Двухфакторный вход сброшен",
            "Your two-factor sign-in was reset",
        ),
        (
            "{{ name }}, сәлеметсіз бе!\n\nӘкімші «Бақытты отбасы» порталындағы есептік жазбаңыздың ({{ login }}) екі факторлы кіруін өшірді: бұрынғы аутентификатор қосымшасы мен қалпына келтіру кодтары енді жарамсыз, ашық тұрған сеанстарыңыз жабылды.\n\nКелесі кіргенде құпиясөзді енгізіңіз де, аутентификатор қосымшасын қайта қосыңыз.\n\nЕгер мұны сұрамаған болсаңыз, әкімшіге дереу хабарлаңыз.",
            "{{ name }}, здравствуйте!\n\nАдминистратор сбросил двухфакторный вход вашей учётной записи ({{ login }}) в портале «Бақытты отбасы»: прежнее приложение-аутентификатор и резервные коды больше не действуют, открытые сеансы завершены.\n\nПри следующем входе введите пароль и подключите приложение-аутентификатор заново.\n\nЕсли вы об этом не просили, сразу сообщите администратору.",
            "Hello, {{ name }}!\n\nAn administrator reset the two-factor sign-in of your account ({{ login }}) on the Bakytty Otbasy portal: your former authenticator app and recovery codes no longer work, and your open sessions were ended.\n\nAt your next sign-in, enter your password and set up your authenticator app again.\n\nIf you did not ask for this, tell an administrator at once.",
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_session"), ("notifications", "0004_cancel_requested")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
