from django.db import migrations

from notifications.seeding import create_message_templates

# As notifications.seeding.Template: key, essential, placeholders, then kk/ru/en texts (description,
# SMS, e-mail subject, e-mail body). The SMS leave out the centre's name: a course title is long.
TEMPLATES = [
    (
        "course_booking_confirmed",
        True,
        "name course day time centre centre_phone",
        ("Курсқа орын бекітілді", "Место на курсе подтверждено", "A course seat is confirmed"),
        (
            "{{ name }}, «{{ course }}» курсына орныңыз бекітілді. Басталуы: {{ day }}, {{ time }}. Тел. {{ centre_phone }}",
            "{{ name }}, ваше место на курсе «{{ course }}» подтверждено. Начало: {{ day }}, {{ time }}. Тел. {{ centre_phone }}",
            '{{ name }}, your seat on the course "{{ course }}" is confirmed. It starts on {{ day }} at {{ time }}. Tel. {{ centre_phone }}',
        ),
        ("Курсқа орын бекітілді", "Место на курсе подтверждено", "Your course seat is confirmed"),
        (
            "{{ name }}, сәлеметсіз бе!\n\n«{{ course }}» курсына орныңыз бекітілді. Алғашқы сабақ: {{ day }}, {{ time }}. Орталық: {{ centre }}.\n\nБара алмасаңыз, жеке кабинетте брондаудан бас тартыңыз: орын кезектегі анаға беріледі. Сұрақтар бойынша: {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nВаше место на курсе «{{ course }}» подтверждено. Первое занятие: {{ day }}, {{ time }}, {{ centre }}.\n\nЕсли не сможете прийти, отмените бронь в личном кабинете: место перейдёт следующей маме из очереди. Вопросы: {{ centre_phone }}.",
            'Hello, {{ name }}!\n\nYour seat on the course "{{ course }}" is confirmed. First lesson: {{ day }} at {{ time }}, {{ centre }}.\n\nIf you cannot come, cancel the booking in your cabinet: the seat goes to the next mother on the waiting list. Questions: {{ centre_phone }}.',
        ),
    ),
    (
        "course_waiting_listed",
        True,
        "name course position centre centre_phone",
        ("Курстың күту тізіміне қосылды", "Добавлена в лист ожидания курса", "Put on a course's waiting list"),
        (
            "{{ name }}, «{{ course }}» курсында орын жоқ: сіз күту тізіміндесіз (нөміріңіз: {{ position }}). Орын босаса, хабарлаймыз.",
            "{{ name }}, на курсе «{{ course }}» мест нет: вы в листе ожидания (№ {{ position }}). Когда место освободится, сообщим.",
            '{{ name }}, the course "{{ course }}" is full: you are on its waiting list (no. {{ position }}). We will tell you when a seat frees.',
        ),
        ("Сіз күту тізіміндесіз", "Вы в листе ожидания", "You are on the waiting list"),
        (
            "{{ name }}, сәлеметсіз бе!\n\n«{{ course }}» курсында бос орын қалмады, сондықтан сіз күту тізіміне қосылдыңыз (кезегіңіз: {{ position }}). Орын босаған кезде хабарлама жібереміз, оны белгілі мерзімде растау керек.\n\n{{ centre }}, {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nНа курсе «{{ course }}» свободных мест не осталось, поэтому вы добавлены в лист ожидания (ваш номер: {{ position }}). Когда место освободится, мы пришлём сообщение, и его нужно будет подтвердить в срок.\n\n{{ centre }}, {{ centre_phone }}.",
            'Hello, {{ name }}!\n\nThe course "{{ course }}" has no free seat left, so you are on its waiting list (number {{ position }}). When a seat frees we will send you a message, to be confirmed in time.\n\n{{ centre }}, {{ centre_phone }}.',
        ),
    ),
    (
        "course_seat_offered",
        True,
        "name course deadline centre centre_phone",
        ("Күту тізімінен орын ұсынылды", "Из листа ожидания предложено место", "A seat offered from the waiting list"),
        (
            "{{ name }}, «{{ course }}» курсында орын босады! Жеке кабинетте растаңыз, мерзімі: {{ deadline }}.",
            "{{ name }}, на курсе «{{ course }}» освободилось место! Подтвердите его в личном кабинете до {{ deadline }}.",
            '{{ name }}, a seat on the course "{{ course }}" is free for you! Confirm it in your cabinet by {{ deadline }}.',
        ),
        ("Сізге курста орын ұсынылды", "Вам предложено место на курсе", "A course seat is offered to you"),
        (
            "{{ name }}, сәлеметсіз бе!\n\n«{{ course }}» курсында орын босады және ол сізге ұсынылды. Жеке кабинетке кіріп, орынды растаңыз (мерзімі: {{ deadline }}): әйтпесе ол кезектегі келесі анаға беріледі.\n\n{{ centre }}, {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nНа курсе «{{ course }}» освободилось место, и оно предложено вам. Войдите в личный кабинет и подтвердите его до {{ deadline }}: иначе место перейдёт следующей маме из очереди.\n\n{{ centre }}, {{ centre_phone }}.",
            'Hello, {{ name }}!\n\nA seat on the course "{{ course }}" has freed and is offered to you. Sign in to your cabinet and confirm it by {{ deadline }}: otherwise it goes to the next mother on the waiting list.\n\n{{ centre }}, {{ centre_phone }}.',
        ),
    ),
    (
        "course_first_lesson_reminder",
        False,
        "name course day time room centre centre_phone",
        ("Ертең курстың алғашқы сабағы", "Завтра первое занятие курса", "The first lesson is tomorrow"),
        (
            "{{ name }}, ертең «{{ course }}» курсының алғашқы сабағы: {{ day }}, {{ time }}. Тел. {{ centre_phone }}",
            "{{ name }}, завтра первое занятие курса «{{ course }}»: {{ day }}, {{ time }}. Тел. {{ centre_phone }}",
            '{{ name }}, the first lesson of "{{ course }}" is tomorrow: {{ day }} at {{ time }}. Tel. {{ centre_phone }}',
        ),
        ("Ертең алғашқы сабақ", "Завтра первое занятие", "Your first lesson is tomorrow"),
        (
            "{{ name }}, сәлеметсіз бе!\n\nЕске саламыз: ертең, {{ day }}, {{ time }}, «{{ course }}» курсының алғашқы сабағы. Бөлме: {{ room }}. Мекенжай: {{ centre }}.\n\nБара алмасаңыз, жеке кабинетте брондаудан бас тартыңыз. {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nНапоминаем: завтра, {{ day }}, в {{ time }} первое занятие курса «{{ course }}». Кабинет: {{ room }}. Адрес: {{ centre }}.\n\nЕсли не сможете прийти, отмените бронь в личном кабинете. {{ centre_phone }}.",
            'Hello, {{ name }}!\n\nA reminder: tomorrow, {{ day }}, at {{ time }} is the first lesson of "{{ course }}". Room: {{ room }}. Where: {{ centre }}.\n\nIf you cannot come, cancel the booking in your cabinet. {{ centre_phone }}.',
        ),
    ),
    (
        "course_group_cancelled",
        True,
        "name course centre centre_phone",
        ("Курс тобы тоқтатылды", "Группа курса отменена", "A course group was cancelled"),
        (
            "{{ name }}, өкінішке орай, «{{ course }}» курсының тобы тоқтатылды. Басқа топты порталдан таңдаңыз. Тел. {{ centre_phone }}",
            "{{ name }}, к сожалению, группа курса «{{ course }}» отменена. Выберите другую группу на портале. Тел. {{ centre_phone }}",
            '{{ name }}, we are sorry: the group of the course "{{ course }}" is cancelled. Choose another group on the portal. Tel. {{ centre_phone }}',
        ),
        ("Курс тобы тоқтатылды", "Группа курса отменена", "Your course group was cancelled"),
        (
            "{{ name }}, сәлеметсіз бе!\n\nӨкінішке орай, «{{ course }}» курсының тобы ({{ centre }}) тоқтатылды, брондауыңыз жойылды. Порталдағы каталогтан басқа топты таңдай аласыз.\n\nСұрақтар бойынша: {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nК сожалению, группа курса «{{ course }}» ({{ centre }}) отменена, ваша бронь снята. Вы можете выбрать другую группу в каталоге на портале.\n\nВопросы: {{ centre_phone }}.",
            'Hello, {{ name }}!\n\nWe are sorry: the group of the course "{{ course }}" ({{ centre }}) is cancelled, and your booking with it. You can choose another group in the portal\'s catalogue.\n\nQuestions: {{ centre_phone }}.',
        ),
    ),
    (
        "course_lesson_moved",
        True,
        "name course was day time room centre centre_phone",
        ("Курс сабағы ауыстырылды", "Занятие курса перенесено", "A course lesson was moved"),
        (
            "{{ name }}, «{{ course }}» сабағы ауыстырылды: бұрын {{ was }}, енді {{ day }}, {{ time }}. Тел. {{ centre_phone }}",
            "{{ name }}, занятие «{{ course }}» переносится с {{ was }} на {{ day }}, {{ time }}. Тел. {{ centre_phone }}",
            '{{ name }}, the lesson of "{{ course }}" of {{ was }} moves to {{ day }} at {{ time }}. Tel. {{ centre_phone }}',
        ),
        ("Сабақ ауыстырылды", "Занятие перенесено", "A lesson was moved"),
        (
            "{{ name }}, сәлеметсіз бе!\n\n«{{ course }}» курсының сабағы ауыстырылды: бұрын {{ was }}, енді {{ day }}, {{ time }}. Бөлме: {{ room }}. Орталық: {{ centre }}.\n\nСұрақтар бойынша: {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nЗанятие курса «{{ course }}», назначенное на {{ was }}, перенесено: теперь оно {{ day }}, в {{ time }}. Кабинет: {{ room }}. {{ centre }}.\n\nВопросы: {{ centre_phone }}.",
            'Hello, {{ name }}!\n\nThe lesson of the course "{{ course }}" of {{ was }} has been moved: it is now on {{ day }} at {{ time }}. Room: {{ room }}. {{ centre }}.\n\nQuestions: {{ centre_phone }}.',
        ),
    ),
    (
        "course_booking_ended",
        True,
        "name course centre centre_phone",
        ("Курсқа брондау жойылды", "Бронь на курс снята", "A course booking ended"),
        (
            "{{ name }}, «{{ course }}» курсына брондауыңыз жойылды. Сұрақтар бойынша: {{ centre_phone }}",
            "{{ name }}, ваша бронь на курс «{{ course }}» снята. Вопросы: {{ centre_phone }}",
            '{{ name }}, your booking of the course "{{ course }}" has ended. Questions: {{ centre_phone }}',
        ),
        ("Брондау жойылды", "Бронь снята", "Your booking has ended"),
        (
            "{{ name }}, сәлеметсіз бе!\n\n«{{ course }}» курсына брондауыңыз жойылды ({{ centre }}). Қате деп ойласаңыз, орталыққа хабарласыңыз: {{ centre_phone }}.",
            "{{ name }}, здравствуйте!\n\nВаша бронь на курс «{{ course }}» снята ({{ centre }}). Если вы считаете, что это ошибка, позвоните в центр: {{ centre_phone }}.",
            'Hello, {{ name }}!\n\nYour booking of the course "{{ course }}" has ended ({{ centre }}). If you think this is a mistake, call the centre: {{ centre_phone }}.',
        ),
    ),
]


def create_templates(apps, schema_editor):
    create_message_templates(apps, TEMPLATES)


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_seat_counters"), ("notifications", "0004_cancel_requested")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
