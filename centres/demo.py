"""Demo data: one "Bakytty Otbasy" centre per district."""

from django.db import transaction

from centres.models import Centre, District

# district code: (Kazakh genitive for the name, Russian genitive, address kk, address ru, phone)
CENTRES = {
    "alatau": (
        "Алатау",
        "Алатауского",
        "Алатау ауданы, Шаңырақ-1 ш/а, Жанқожа батыр к., 26",
        "Алатауский район, мкр. Шанырак-1, ул. Жанкожа батыра, 26",
        "+77272950101",
    ),
    "almaly": ("Алмалы", "Алмалинского", "Абылай хан даңғылы, 91", "пр. Абылай хана, 91", "+77272720202"),
    "auezov": ("Әуезов", "Ауэзовского", "Жетісу-2 ш/а, 80А", "мкр. Жетысу-2, 80А", "+77272480303"),
    "bostandyk": ("Бостандық", "Бостандыкского", "Байзақов к., 303", "ул. Байзакова, 303", "+77272470404"),
    "zhetysu": ("Жетісу", "Жетысуского", "Сейфуллин даңғылы, 136", "пр. Сейфуллина, 136", "+77272330505"),
    "medeu": ("Медеу", "Медеуского", "Достық даңғылы, 48", "пр. Достык, 48", "+77272640606"),
    "nauryzbay": ("Наурызбай", "Наурызбайского", "Қаскелең к., 1", "ул. Каскеленская, 1", "+77272510707"),
    "turksib": ("Түрксіб", "Турксибского", "Сүйінбай даңғылы, 149", "пр. Суюнбая, 149", "+77272340808"),
}


@transaction.atomic
def seed(*, options, out) -> None:
    for district in District.objects.all():
        kk, ru, address_kk, address_ru, phone = CENTRES[district.code]
        Centre.objects.update_or_create(
            district=district,
            defaults={
                "name_kk": f"«Бақытты отбасы» {kk} аудандық орталығы",
                "name_ru": f"Центр «Бақытты отбасы» {ru} района",
                "name_en": f"Bakytty Otbasy centre, {district.name_en}",
                "address_kk": f"Алматы қ., {address_kk}",
                "address_ru": f"г. Алматы, {address_ru}",
                "address_en": f"Almaty, {address_ru}",
                "hours_kk": "Дс–Жм 09:00–18:00, Сб 10:00–14:00",
                "hours_ru": "Пн–Пт 09:00–18:00, Сб 10:00–14:00",
                "hours_en": "Mon–Fri 9:00–18:00, Sat 10:00–14:00",
                "phone": phone,
                "email": f"{district.code}@otbasy.almaty.kz",
            },
        )
    out(f"Centres: {Centre.objects.count()}")
