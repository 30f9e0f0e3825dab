"""Demo data: one user per role (most at the Almaly centre), with a password printed by seed_demo."""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import User
from centres.models import Centre, District
from core.roles import Role, Specialty

DEMO_USERS = [
    # username, role, specialty, centre/district code, last name, first name, language
    ("admin", Role.ADMINISTRATOR, "", None, "Администратор", "Жүйе", "en"),
    ("city", Role.CITY_OFFICIAL, "", None, "Сейітова", "Гүлнар", "ru"),
    ("district", Role.DISTRICT_OFFICIAL, "", "almaly", "Омарова", "Айгерим", "kk"),
    ("head", Role.CENTRE_HEAD, "", "almaly", "Байсакова", "Зульфия", "ru"),
    ("registrar", Role.REGISTRAR, "", "almaly", "Нұрланова", "Әсел", "kk"),
    ("registrar2", Role.REGISTRAR, "", "bostandyk", "Ким", "Елена", "ru"),
    ("lawyer", Role.SPECIALIST, Specialty.LAWYER, "almaly", "Жақсыбекова", "Динара", "kk"),
    ("psychologist", Role.SPECIALIST, Specialty.PSYCHOLOGIST, "almaly", "Иванова", "Ольга", "ru"),
    ("adviser", Role.SPECIALIST, Specialty.EMPLOYMENT, "almaly", "Тоқтарова", "Мәдина", "kk"),
    ("grants", Role.GRANT_OFFICER, "", "almaly", "Ахметова", "Салтанат", "kk"),
    ("reviewer", Role.GRANT_REVIEWER, "", None, "Мұратова", "Лаура", "kk"),
    ("commission", Role.COMMISSION_MEMBER, "", None, "Петрова", "Наталья", "ru"),
    ("mother", Role.MOTHER, "", None, "Серікқызы", "Балжан", "kk"),
]
# Every other centre gets a registrar too, so that demo families everywhere have someone who served them.
OTHER_REGISTRARS = [
    (f"registrar-{code}", Role.REGISTRAR, "", code, last_name, first_name, language)
    for code, last_name, first_name, language in [
        ("alatau", "Қасымова", "Жанар", "kk"),
        ("auezov", "Петренко", "Наталья", "ru"),
        ("zhetysu", "Әбдірахманова", "Гүлмира", "kk"),
        ("medeu", "Исаева", "Камила", "ru"),
        ("nauryzbay", "Байжанова", "Ақмарал", "kk"),
        ("turksib", "Ли", "Светлана", "ru"),
    ]
]


@transaction.atomic
def seed(*, options, out) -> None:
    hashed = make_password(options["password"])  # one hash for all: the demo's password is the same for everyone
    centres = {c.district.code: c for c in Centre.objects.select_related("district")}
    districts = {d.code: d for d in District.objects.all()}
    for username, role, specialty, place, last_name, first_name, language in DEMO_USERS + OTHER_REGISTRARS:
        User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "specialty": specialty,
                "centre": centres[place] if place and role != Role.DISTRICT_OFFICIAL else None,
                "district": districts[place] if role == Role.DISTRICT_OFFICIAL else None,
                "last_name": last_name,
                "first_name": first_name,
                "language": language,
                "email": f"{username}@demo.otbasy.kz",
                "is_staff": role == Role.ADMINISTRATOR,
                "is_superuser": role == Role.ADMINISTRATOR,
                "password": hashed,
            },
        )
    out(f"Demo users: {len(DEMO_USERS) + len(OTHER_REGISTRARS)}")


def logins() -> list[tuple[str, str]]:
    """The logins seed_demo prints: one per role, then the other centres' registrars in one line."""
    labels = dict(Role.choices)
    main = [(username, str(labels[role])) for username, role, *_ in DEMO_USERS]
    others = ", ".join(username for username, *_ in OTHER_REGISTRARS)
    return main + [(others, str(labels[Role.REGISTRAR]))]
