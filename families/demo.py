"""Demo data: families with their children, spouses, consents, visits, requests and referrals.

``seed_demo --families N`` tops the registry up to N families. Everything is built in memory a chunk
at a time and written with bulk_create, with no query per family, so that 100,000 families take
minutes. bulk_create does not call save(), so the search names are filled here, and the derived
categories are computed here with the same pure function the daily recomputation uses.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from centres.models import Centre
from core.i18n import Language
from core.roles import CENTRE_ROLES, Role, Specialty
from families import demo_names
from families import iin as iin_rules
from families.categories import ChildFacts, Thresholds, birthday, compute
from families.demo_names import MaleName
from families.models import (
    Agency,
    Appeal,
    AppealStep,
    CategoryThresholds,
    CentreGuest,
    Child,
    Consent,
    ConsentText,
    Family,
    Housing,
    MaritalStatus,
    Person,
    Referral,
    Sex,
    TimelineEntry,
    Visit,
    VisitPurpose,
)
from families.search import search_key
from families.timeline import (
    appeal_step_entry,
    consent_given_entry,
    referral_answer_entry,
    referral_entry,
    visit_entry,
    visit_served_entry,
)

T = TypeVar("T")
CHUNK = 2_000  # families per transaction: an interrupted run keeps the chunks already written
BATCH = 5_000  # rows in one INSERT
PROGRESS_EVERY = 10_000

# The outer districts, where most large families live, get more of them.
DISTRICT_WEIGHTS = {
    "alatau": 18,
    "auezov": 15,
    "nauryzbay": 13,
    "turksib": 13,
    "bostandyk": 11,
    "zhetysu": 11,
    "almaly": 10,
    "medeu": 9,
}
# About 65% of the families have four children or more; as older mothers' children have grown up,
# about 60% count as large.
CHILDREN_WEIGHTS = {1: 5, 2: 9, 3: 13, 4: 24, 5: 21, 6: 14, 7: 8, 8: 4, 9: 2}
# The youngest child was born within this many days (or when the mother was last able to, if older).
YOUNGEST_WITHIN_DAYS = 10 * 365
MARITAL_WEIGHTS = {MaritalStatus.MARRIED: 70, MaritalStatus.DIVORCED: 12, MaritalStatus.SINGLE: 8, MaritalStatus.WIDOWED: 10}
HOUSING_WEIGHTS = {Housing.OWN: 40, Housing.RENT: 28, Housing.RELATIVES: 18, Housing.WAITING_LIST: 14}
MOBILE_PREFIXES = ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]
EMAIL_DOMAINS = {"mail.ru": 35, "gmail.com": 35, "inbox.ru": 8, "yandex.kz": 7, "list.ru": 5, "bk.ru": 5, "icloud.com": 5}
VISIT_WEIGHTS = {1: 22, 2: 20, 3: 16, 4: 13, 5: 10, 6: 8, 7: 6, 8: 5}
REQUEST_WEIGHTS = {0: 45, 1: 37, 2: 18}
# Purposes the data migration creates; a purpose added later in the admin gets the default weight.
PURPOSE_WEIGHTS = {
    "legal": 20,
    "psychological": 12,
    "employment": 14,
    "courses": 14,
    "isker_ana": 8,
    "request": 10,
    "state_services": 16,
    "other": 6,
}
# Who serves a visit with this purpose, when the centre has such a person (else any of its staff).
PURPOSE_STAFF = {
    "legal": Specialty.LAWYER,
    "psychological": Specialty.PSYCHOLOGIST,
    "employment": Specialty.EMPLOYMENT,
    "isker_ana": Role.GRANT_OFFICER,
}

# (Russian, Kazakh): staff write in the family's language.
WHAT_WAS_DONE = {
    "legal": [
        (
            "Консультация по взысканию алиментов, составлено исковое заявление.",
            "Алимент өндіру бойынша кеңес берілді, талап арыз дайындалды.",
        ),
        ("Разъяснён порядок оформления пособия многодетной матери.", "Көпбалалы анаға жәрдемақы рәсімдеу тәртібі түсіндірілді."),
        ("Консультация по разделу имущества при разводе.", "Ажырасу кезінде мүлікті бөлу бойынша кеңес берілді."),
    ],
    "psychological": [
        (
            "Индивидуальная консультация психолога, назначена повторная встреча.",
            "Психологтың жеке кеңесі өтті, қайта кездесу белгіленді.",
        ),
        ("Консультация по детско-родительским отношениям.", "Бала мен ата-ана қарым-қатынасы бойынша кеңес берілді."),
    ],
    "employment": [
        (
            "Подобраны вакансии, направлена в центр занятости.",
            "Бос жұмыс орындары іріктеліп, халықты жұмыспен қамту орталығына жолданды.",
        ),
        ("Составлено резюме, рассказано о программе «Еңбек».", "Түйіндеме жасалды, «Еңбек» бағдарламасы туралы айтылды."),
    ],
    "courses": [
        ("Записана на курсы швейного дела.", "Тігін ісі курсына жазылды."),
        ("Записана на курсы компьютерной грамотности.", "Компьютерлік сауаттылық курсына жазылды."),
    ],
    "isker_ana": [
        (
            "Консультация по гранту «Іскер ана», выданы требования к бизнес-плану.",
            "«Іскер ана» гранты бойынша кеңес берілді, бизнес-жоспарға қойылатын талаптар берілді.",
        ),
    ],
    "request": [
        ("Принято обращение, передано ответственному специалисту.", "Өтініш қабылданып, жауапты маманға берілді."),
    ],
    "state_services": [
        (
            "Помощь с подачей заявления на адресную социальную помощь через egov.kz.",
            "egov.kz арқылы атаулы әлеуметтік көмекке өтініш беруге көмектесілді.",
        ),
        ("Помощь в получении справки о многодетной семье.", "Көпбалалы отбасы анықтамасын алуға көмектесілді."),
    ],
    "other": [
        ("Выдан продуктовый набор.", "Азық-түлік жиынтығы берілді."),
        ("Консультация по школе и кружкам для детей.", "Балалардың мектебі мен үйірмелері бойынша кеңес берілді."),
    ],
}
GENERIC_WHAT_WAS_DONE = [("Проведена консультация.", "Кеңес берілді.")]


@dataclass(frozen=True)
class RequestKind:
    weight: int
    descriptions: list[tuple[str, str]]  # (Russian, Kazakh)
    agency_hint: str  # a word of the Russian name of the agency such requests go to


REQUEST_KINDS = {
    Appeal.Kind.HOUSING: RequestKind(
        20,
        [
            (
                "Просит помочь встать в очередь на жильё как многодетная семья.",
                "Көпбалалы отбасы ретінде тұрғын үй кезегіне тұруға көмек сұрайды.",
            ),
            (
                "Не может платить за аренду, просит о программе арендного жилья.",
                "Жалдау ақысын төлей алмай жүр, жалға берілетін тұрғын үй бағдарламасын сұрайды.",
            ),
        ],
        "жилищной",
    ),
    Appeal.Kind.KINDERGARTEN: RequestKind(
        15,
        [
            ("Нет места в детском саду для младшего ребёнка.", "Кіші балаға балабақшадан орын жоқ."),
        ],
        "образования",
    ),
    Appeal.Kind.EMPLOYMENT: RequestKind(
        18,
        [
            ("Ищет работу с гибким графиком рядом с домом.", "Үйге жақын, икемді кестемен жұмыс іздейді."),
        ],
        "Центр занятости",
    ),
    Appeal.Kind.MATERIAL_AID: RequestKind(
        22,
        [
            ("Просит единовременную помощь к началу учебного года.", "Оқу жылының басына біржолғы көмек сұрайды."),
            ("Нужна помощь с оплатой коммунальных услуг.", "Коммуналдық қызметтерді төлеуге көмек қажет."),
        ],
        "социальных программ",
    ),
    Appeal.Kind.LEGAL: RequestKind(
        12,
        [
            ("Бывший супруг не платит алименты.", "Бұрынғы жұбайы алимент төлемейді."),
        ],
        "ЦОН",
    ),
    Appeal.Kind.PSYCHOLOGICAL: RequestKind(
        6,
        [
            ("Подросток тяжело переживает развод родителей.", "Жасөспірім бала ата-анасының ажырасуын ауыр қабылдап жүр."),
        ],
        "Кризисный",
    ),
    Appeal.Kind.OTHER: RequestKind(
        7,
        [
            ("Просит помочь с путёвками в летний лагерь для детей.", "Балаларға жазғы лагерьге жолдама алуға көмек сұрайды."),
        ],
        "социальных программ",
    ),
}
EXPECTED_OUTCOME = ("Письменный ответ о принятом решении.", "Қабылданған шешім туралы жазбаша жауап.")
# What an agency answers; the positive answers resolve a request.
GOOD_OUTCOMES = [
    ("Решено положительно, мать уведомлена.", "Оң шешілді, анаға хабарланды."),
    ("Поставлена в очередь, номер сообщён матери.", "Кезекке қойылды, нөмірі анаға хабарланды."),
]
OUTCOMES = [
    *GOOD_OUTCOMES,
    ("Отказано: не хватает документов, мать уведомлена.", "Бас тартылды: құжаттар жетіспейді, анаға хабарланды."),
]
DECLINED_COMMENTS = [
    ("Не относится к компетенции центра.", "Орталықтың құзыретіне жатпайды."),
    ("Мать отозвала обращение.", "Ана өтінішін кері алды."),
]

Status = Appeal.Status
# The moves after "open" and how likely each is for a request opened in the last 60 days and for an
# older one: requests still being worked on are mostly recent ones.
REQUEST_PATHS: list[tuple[tuple[str, ...], int, int]] = [
    ((), 20, 1),
    ((Status.IN_PROGRESS,), 22, 3),
    ((Status.REFERRED,), 10, 3),
    ((Status.IN_PROGRESS, Status.REFERRED), 8, 3),
    ((Status.REFERRED, Status.IN_PROGRESS), 5, 2),
    ((Status.RESOLVED,), 8, 15),
    ((Status.IN_PROGRESS, Status.RESOLVED), 12, 30),
    ((Status.REFERRED, Status.RESOLVED), 5, 20),
    ((Status.IN_PROGRESS, Status.REFERRED, Status.RESOLVED), 2, 8),
    ((Status.DECLINED,), 5, 8),
    ((Status.IN_PROGRESS, Status.DECLINED), 3, 7),
]
RECENT_DAYS = 60
QUEUE_WINDOW = dt.timedelta(hours=2)


@dataclass(frozen=True)
class Culture:
    female_names: list[str]
    male_names: list[MaleName]
    surnames: list[tuple[str, str]]
    kazakh_share: float  # how many of these families prefer Kazakh


KAZAKH = Culture(demo_names.KAZAKH_FEMALE_NAMES, demo_names.KAZAKH_MALE_NAMES, demo_names.KAZAKH_SURNAMES, 0.9)
RUSSIAN = Culture(demo_names.RUSSIAN_FEMALE_NAMES, demo_names.RUSSIAN_MALE_NAMES, demo_names.RUSSIAN_SURNAMES, 0.07)


@dataclass
class Chunk:
    """Unsaved rows of a few thousand families, in the order they are inserted."""

    people: list[Person] = field(default_factory=list)
    families: list[Family] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    guests: list[CentreGuest] = field(default_factory=list)
    visit_purposes: list[models.Model] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)
    steps: list[AppealStep] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)

    def save(self) -> None:
        # Foreign keys to rows created earlier in the chunk pick up their primary keys, which
        # bulk_create sets on PostgreSQL and SQLite.
        for model, rows in self.tables():
            model.objects.bulk_create(rows, batch_size=BATCH)
        self.timeline = self.timeline_entries()
        TimelineEntry.objects.bulk_create(self.timeline, batch_size=BATCH)

    def timeline_entries(self) -> list[TimelineEntry]:
        """What the services would have written on the families' timelines as they acted."""
        purposes: dict[int, list[VisitPurpose]] = defaultdict(list)
        for row in self.visit_purposes:
            purposes[row.visit.pk].append(row.visitpurpose)
        entries = [consent_given_entry(consent, version=consent.text.version) for consent in self.consents]
        for visit in self.visits:
            entries.append(visit_entry(visit, centre=visit.centre, purposes=purposes[visit.pk]))
            if visit.status == Visit.Status.SERVED:
                entries.append(visit_served_entry(visit))
        entries += [appeal_step_entry(step.appeal, step) for step in self.steps]
        for referral in self.referrals:
            entries.append(referral_entry(referral, family_id=referral.appeal.family_id, agency=referral.agency))
            if referral.outcome_on:
                entries.append(referral_answer_entry(referral, family_id=referral.appeal.family_id, agency=referral.agency))
        return [TimelineEntry(**fields) for fields in entries]

    def tables(self) -> list[tuple[type[models.Model], list]]:
        return [
            (Person, self.people),
            (Family, self.families),
            (Child, self.children),
            (Consent, self.consents),
            (Visit, self.visits),
            (CentreGuest, self.guests),
            (Visit.purposes.through, self.visit_purposes),
            (Appeal, self.appeals),
            (AppealStep, self.steps),
            (Referral, self.referrals),
        ]


def seed(*, options, out) -> None:
    wanted = options["families"]
    existing = Family.objects.count()
    missing = wanted - existing
    if missing <= 0:
        out(f"Families: {existing} (none added)")
        return
    started = time.monotonic()
    # Seeded from the number already there, so a run is reproducible (up to the dates, which follow today).
    seeder = Seeder(random.Random(existing))
    rows: Counter[str] = Counter()
    done = 0
    while done < missing:
        chunk = Chunk()
        for _ in range(min(CHUNK, missing - done)):
            seeder.family(chunk)
        with transaction.atomic():
            chunk.save()
        rows.update({model._meta.db_table: len(objects) for model, objects in chunk.tables()})
        rows["families_timelineentry"] += len(chunk.timeline)
        done += len(chunk.families)
        if done < missing and done % PROGRESS_EVERY < CHUNK:
            out(f"  families: {existing + done} of {wanted}")
    out(
        f"Families: {existing + done} ({done} added in {time.monotonic() - started:.0f} s: "
        + ", ".join(f"{table} {count}" for table, count in rows.items())
        + ")"
    )


class Seeder:
    """Makes up families. Reads everything it needs once, then works without queries."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tz = timezone.get_current_timezone()
        self.now = timezone.localtime()
        self.today = self.now.date()
        self.last_day = _last_working_day(self.now)
        self.centres = list(Centre.objects.select_related("district").order_by("pk"))
        if not self.centres:
            raise CommandError("Demo families need the centres: run the centres step first.")
        self.centre_weights = [DISTRICT_WEIGHTS.get(c.district.code, 10) for c in self.centres]
        self._load_reference_data()
        self._load_staff()
        self.used_iins = set(Person.objects.filter(iin__isnull=False).values_list("iin", flat=True))

    def _load_reference_data(self) -> None:
        self.limits = Thresholds.of(CategoryThresholds.on(self.today))
        self.consent_text = ConsentText.current()
        if self.consent_text is None:
            raise CommandError(f"No consent text is valid on {self.today}.")
        self.purposes = list(VisitPurpose.objects.order_by("position", "pk"))
        if not self.purposes:
            raise CommandError("Demo visits need the visit purposes of the families data migration.")
        self.purpose_weights = [PURPOSE_WEIGHTS.get(p.code, 5) for p in self.purposes]
        self.kind_weights = {kind: spec.weight for kind, spec in REQUEST_KINDS.items()}
        self.agencies = list(Agency.objects.filter(is_active=True).order_by("pk"))
        # Agencies have no code, so they are matched by name; a kind without a match goes to any agency.
        self.agency_for = {
            kind: agency
            for kind, spec in REQUEST_KINDS.items()
            if (agency := next((a for a in self.agencies if spec.agency_hint in (a.name_ru or "")), None))
        }
        # Without an agency to refer to, requests are never referred.
        usable = [entry for entry in REQUEST_PATHS if self.agencies or Status.REFERRED not in entry[0]]
        self.paths = [path for path, _, _ in usable]
        self.recent_path_weights = [recent for _, recent, _ in usable]
        self.older_path_weights = [older for _, _, older in usable]

    def _load_staff(self) -> None:
        # centre id -> a role (or, for specialists, a specialty) -> users.
        self.staff: dict[int, dict[str, list[User]]] = defaultdict(lambda: defaultdict(list))
        for user in User.objects.filter(role__in=CENTRE_ROLES, centre__isnull=False, is_active=True).order_by("pk"):
            self.staff[user.centre_id][user.specialty or user.role].append(user)
            self.staff[user.centre_id]["any"].append(user)
        self.admins = list(User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("pk"))
        missing = [c for c in self.centres if not self._desk(c.pk)]
        if missing:
            raise CommandError(
                f"Demo families need a registrar, a centre head or an administrator to record them; {missing[0]} has none."
            )

    # --- one family ------------------------------------------------------------------------------

    def family(self, chunk: Chunk) -> None:
        rng = self.rng
        culture = KAZAKH if rng.random() < 0.7 else RUSSIAN
        status = _pick(rng, MARITAL_WEIGHTS)
        centre = rng.choices(self.centres, self.centre_weights)[0]
        created_by = rng.choice(self._desk(centre.pk))
        created_at = self._at_work(self._day(self.today - dt.timedelta(days=730), self.last_day))
        father = rng.choice(culture.male_names)
        father_surname = rng.choice(culture.surnames)
        maiden_surname = rng.choice(culture.surnames)

        took_husbands_name = status != MaritalStatus.SINGLE and rng.random() < 0.55
        mother = self._mother(culture, father_surname if took_husbands_name else maiden_surname)
        spouse = self._spouse(culture, father, father_surname, mother.birth_date) if status == MaritalStatus.MARRIED else None
        # Children of a mother who never married usually carry her surname.
        children_surname = maiden_surname if status == MaritalStatus.SINGLE else father_surname
        children = self._children(culture, mother.birth_date, father, children_surname)
        chunk.people += [mother, *([spouse] if spouse else []), *(child.person for child in children)]

        income = self._income(status)
        categories = compute(
            children=[_facts(child) for child in children],
            married=status == MaritalStatus.MARRIED,
            monthly_income=income,
            limits=self.limits,
            today=self.today,
        )
        language = Language.KAZAKH if rng.random() < culture.kazakh_share else Language.RUSSIAN
        family = Family(
            mother=mother,
            search_name=mother.search_name,
            spouse=spouse,
            phone=self._phone(),
            phone_extra=self._phone() if rng.random() < 0.2 else "",
            email=self._email(mother) if rng.random() < 0.4 else "",
            address=self._address(),
            district=centre.district,
            centre=centre,
            language=language,
            marital_status=status,
            monthly_income=income,
            housing=_pick(rng, HOUSING_WEIGHTS),
            receives_asp=rng.random() < (0.5 if categories.is_low_income else 0.03),
            categories_checked_on=self.today,
            created_at=created_at,
            created_by=created_by,
            **categories.as_fields(),
        )
        for child in children:
            child.family = family
        chunk.families.append(family)
        chunk.children += children
        chunk.consents.append(
            Consent(
                family=family,
                text=self.consent_text,
                language=language,
                given_on=created_at.date(),
                recorded_by=created_by,
                recorded_at=created_at,
            )
        )
        visits = self._visits(chunk, family)
        self._requests(chunk, family, visits)

    def _mother(self, culture: Culture, surname: tuple[str, str]) -> Person:
        rng = self.rng
        # Mothers of large families are mostly in their thirties and forties.
        age_days = int(rng.triangular(22, 56, 36) * 365.25)
        born = max(self.today - dt.timedelta(days=age_days), birthday(self.today, -56) + dt.timedelta(days=1))
        born = min(born, birthday(self.today, -22))
        return self._person(
            surname[1], rng.choice(culture.female_names), rng.choice(culture.male_names).daughter, born, Sex.FEMALE
        )

    def _spouse(self, culture: Culture, father: MaleName, surname: tuple[str, str], wife_born: dt.date) -> Person:
        # Husbands are up to eight years older, now and then a little younger.
        born = min(wife_born - dt.timedelta(days=self.rng.randint(-700, 3000)), birthday(self.today, -22))
        return self._person(surname[0], father.name, self.rng.choice(culture.male_names).son, born, Sex.MALE)

    def _children(self, culture: Culture, mother_born: dt.date, father: MaleName, surname: tuple[str, str]) -> list[Child]:
        rng = self.rng
        children = []
        for born in self._birth_dates(mother_born, _pick(rng, CHILDREN_WEIGHTS)):
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
            female = sex == Sex.FEMALE
            name = rng.choice(culture.female_names) if female else rng.choice(culture.male_names).name
            person = self._person(surname[1 if female else 0], name, father.daughter if female else father.son, born, sex)
            age = person.age_on(self.today)
            adult = age >= self.limits.child_age_limit
            children.append(
                Child(
                    person=person,
                    has_disability=rng.random() < 0.03,
                    in_full_time_education=adult and age < self.limits.student_age_limit and rng.random() < 0.65,
                    lives_with_family=rng.random() < (0.8 if adult else 0.97),
                )
            )
        return children

    def _birth_dates(self, mother_born: dt.date, count: int) -> list[dt.date]:
        """Up to ``count`` birth dates, one to three years apart (twins now and then), none before the
        mother was 18 or after she was 45, none in the future. They are laid out from the youngest
        back: the families the centres serve mostly still have young children."""
        rng = self.rng
        earliest = birthday(mother_born, 18)
        latest = min(birthday(mother_born, 45), self.today)
        newest_from = max(earliest, latest - dt.timedelta(days=YOUNGEST_WITHIN_DAYS))
        born = newest_from + dt.timedelta(days=rng.randint(0, (latest - newest_from).days))
        dates: list[dt.date] = []
        while len(dates) < count and born >= earliest:
            dates.append(born)
            born -= dt.timedelta(days=0 if rng.random() < 0.015 else rng.randint(330, 1100))
        return dates[::-1]

    def _person(self, last_name: str, first_name: str, middle_name: str, born: dt.date, sex: str) -> Person:
        # With a surname made like a patronymic (Серікқызы) people usually have no middle name.
        if last_name.endswith(("ұлы", "қызы")):
            middle_name = ""
        person = Person(
            iin=self._iin(born, sex),
            last_name=last_name,
            first_name=first_name,
            middle_name=middle_name,
            birth_date=born,
            sex=sex,
        )
        person.search_name = search_key(person.full_name)
        return person

    def _iin(self, born: dt.date, sex: str) -> str:
        serial = self.rng.randrange(10_000)
        for step in range(10_000):
            iin = iin_rules.build(born, sex, (serial + step) % 10_000)
            if iin is not None and iin not in self.used_iins:
                self.used_iins.add(iin)
                return iin
        raise CommandError(f"No IIN left for people born on {born}.")

    def _income(self, status: str) -> Decimal:
        low, high, usual = (120_000, 600_000, 250_000) if status == MaritalStatus.MARRIED else (80_000, 400_000, 140_000)
        return Decimal(round(self.rng.triangular(low, high, usual) / 1000) * 1000)

    def _phone(self) -> str:
        return f"+7{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10_000_000):07d}"

    def _email(self, mother: Person) -> str:
        rng = self.rng
        first, last = search_key(mother.first_name), search_key(mother.last_name)
        number = rng.randint(1, 99)
        local = rng.choice(
            (f"{first}.{last}", f"{last}.{first}{number}", f"{first}{last[:1]}{number}", f"{first}_{mother.birth_date:%y}")
        )
        return f"{local}@{_pick(rng, EMAIL_DOMAINS)}"

    def _address(self) -> str:
        rng = self.rng
        house = f"{rng.randint(1, 120 if rng.random() < 0.5 else 350)}{rng.choice(('', '', '', '', 'А', 'Б'))}"
        flat = f", кв. {rng.randint(1, 240)}" if rng.random() < 0.75 else ""
        return f"{rng.choice(demo_names.STREETS)}, д. {house}{flat}"

    # --- visits and requests ---------------------------------------------------------------------

    def _visits(self, chunk: Chunk, family: Family) -> list[Visit]:
        rng = self.rng
        # The first visit is the one at which she was registered; the others come on later days, so a
        # family registered on the last working day has only that one.
        moments = [min(family.created_at + dt.timedelta(minutes=rng.randint(2, 15)), self.now)]
        next_day = family.created_at.date() + dt.timedelta(days=1)
        if next_day <= self.last_day:
            moments += [self._at_work(self._day(next_day, self.last_day)) for _ in range(_pick(rng, VISIT_WEIGHTS) - 1)]
        visits = []
        for index, arrived in enumerate(sorted(moments)):
            centre = family.centre
            if index and len(self.centres) > 1 and rng.random() < 0.05:
                centre = rng.choice([c for c in self.centres if c.pk != family.centre_id])
            visits.append(self._visit(chunk, family, centre, arrived))
        chunk.visits += visits
        # What families.services.family_open_to_centre records, in bulk: the other districts' centres she came to.
        first = {}
        for visit in visits:
            if visit.centre.district_id != family.district_id:
                first.setdefault(visit.centre.pk, visit)
        chunk.guests += [CentreGuest(centre=v.centre, family=family, since=v.arrived_at) for v in first.values()]
        return visits

    def _visit(self, chunk: Chunk, family: Family, centre: Centre, arrived: dt.datetime) -> Visit:
        rng = self.rng
        purposes = rng.choices(self.purposes, self.purpose_weights, k=2 if rng.random() < 0.3 else 1)
        purposes = list(dict.fromkeys(purposes))
        visit = Visit(family=family, centre=centre, arrived_at=arrived, checked_in_by=rng.choice(self._desk(centre.pk)))
        served_at = arrived + dt.timedelta(minutes=rng.randint(10, 75))
        # The queue at the front desk: some of the mothers who came in the last two hours still wait.
        waiting = served_at > self.now or (self.now - arrived < QUEUE_WINDOW and rng.random() < 0.5)
        if not waiting:
            code = purposes[0].code
            visit.status = Visit.Status.SERVED
            visit.served_at = served_at
            visit.served_by = rng.choice(self._staff(centre.pk, PURPOSE_STAFF.get(code)))
            visit.what_was_done = _in(family.language, rng.choice(WHAT_WAS_DONE.get(code, GENERIC_WHAT_WAS_DONE)))
        through = Visit.purposes.through
        chunk.visit_purposes += [through(visit=visit, visitpurpose=purpose) for purpose in purposes]
        return visit

    def _requests(self, chunk: Chunk, family: Family, visits: list[Visit]) -> None:
        rng = self.rng
        for _ in range(_pick(rng, REQUEST_WEIGHTS)):
            # A request is opened during a visit, at the centre she came to.
            visit = rng.choice(visits)
            kind = _pick(rng, self.kind_weights)
            opened_at = min(visit.arrived_at + dt.timedelta(minutes=rng.randint(5, 40)), self.now)
            opened_by = rng.choice(self._desk(visit.centre_id))
            appeal = Appeal(
                family=family,
                centre=visit.centre,
                kind=kind,
                opened_at=opened_at,
                opened_by=opened_by,
                description=_in(family.language, rng.choice(REQUEST_KINDS[kind].descriptions)),
            )
            chunk.appeals.append(appeal)
            chunk.steps.append(AppealStep(appeal=appeal, from_status="", to_status=Status.OPEN, at=opened_at, by=opened_by))
            recent = (self.now - opened_at).days < RECENT_DAYS
            path = rng.choices(self.paths, self.recent_path_weights if recent else self.older_path_weights)[0]
            self._moves(chunk, appeal, path, family.language)

    def _moves(self, chunk: Chunk, appeal: Appeal, path: tuple[str, ...], language: str) -> None:
        rng = self.rng
        at, status = appeal.opened_at, Status.OPEN
        for to_status in path:
            at = self._later(at, within_days=21)
            by = rng.choice(self._staff(appeal.centre_id))
            comment = ""
            if to_status == Status.REFERRED:
                referral = self._referral(appeal, at, by, language)
                comment = getattr(referral.agency, f"name_{language}") or referral.agency.name
                chunk.referrals.append(referral)
            elif to_status == Status.RESOLVED:
                comment = _in(language, rng.choice(GOOD_OUTCOMES))
            elif to_status == Status.DECLINED:
                comment = _in(language, rng.choice(DECLINED_COMMENTS))
            chunk.steps.append(AppealStep(appeal=appeal, from_status=status, to_status=to_status, at=at, by=by, comment=comment))
            if status == Status.REFERRED:
                # The agency answered before the request moved on; a resolved request ends with its answer.
                outcome = comment if to_status == Status.RESOLVED else _in(language, rng.choice(OUTCOMES))
                _answer(chunk.referrals[-1], on=at.date(), by=by, outcome=outcome)
            status = to_status
        appeal.status = status
        appeal.closed_at = at if status in (Status.RESOLVED, Status.DECLINED) else None
        if status == Status.REFERRED:
            self._waiting_referral(chunk.referrals[-1], language)

    def _waiting_referral(self, referral: Referral, language: str) -> None:
        """Some agencies have answered a request that is still "referred" (staff have yet to act on
        it); the other referrals are due, or overdue."""
        sent_on = referral.sent_at.date()
        if sent_on < self.today and self.rng.random() < 0.3:
            answered_on = sent_on + dt.timedelta(days=self.rng.randint(1, (self.today - sent_on).days))
            by = self.rng.choice(self._staff(referral.appeal.centre_id))
            _answer(referral, on=answered_on, by=by, outcome=_in(language, self.rng.choice(OUTCOMES)))

    def _referral(self, appeal: Appeal, at: dt.datetime, by: User, language: str) -> Referral:
        rng = self.rng
        agency = self.agency_for.get(appeal.kind) or rng.choice(self.agencies)
        return Referral(
            appeal=appeal,
            agency=agency,
            expected_outcome=_in(language, EXPECTED_OUTCOME),
            due_on=at.date() + dt.timedelta(days=rng.randint(10, 30)),
            sent_at=at,
            sent_by=by,
        )

    # --- people and time -------------------------------------------------------------------------

    def _desk(self, centre_id: int) -> list[User]:
        """Who records a family or a visit at this centre: its registrars, else its head, else an administrator."""
        staff = self.staff[centre_id]
        return staff[Role.REGISTRAR] or staff[Role.CENTRE_HEAD] or self.admins

    def _staff(self, centre_id: int, kind: str | None = None) -> list[User]:
        staff = self.staff[centre_id]
        return (kind and staff[kind]) or staff["any"] or self._desk(centre_id)

    def _day(self, first: dt.date, last: dt.date) -> dt.date:
        """A day the centres are open (not a Sunday) from first to last."""
        day = first + dt.timedelta(days=self.rng.randint(0, (last - first).days))
        if day.weekday() == 6 and day > first:
            return day - dt.timedelta(days=1)
        if day.weekday() == 6 and day < last:
            return day + dt.timedelta(days=1)
        return day

    def _at_work(self, day: dt.date) -> dt.datetime:
        """A moment in the opening hours of that day (today: not after now)."""
        opens, closes = (10 * 60, 13 * 60 + 30) if day.weekday() == 5 else (9 * 60, 17 * 60 + 30)
        if day == self.today:
            closes = min(closes, self.now.hour * 60 + self.now.minute - 1)
        minute = self.rng.randint(opens, closes)
        return dt.datetime.combine(day, dt.time(minute // 60, minute % 60, self.rng.randrange(60)), tzinfo=self.tz)

    def _later(self, start: dt.datetime, *, within_days: int) -> dt.datetime:
        """A moment after start, at most within_days later, in opening hours when it is another day."""
        first = start.date() + dt.timedelta(days=1)
        last = min(start.date() + dt.timedelta(days=within_days), self.last_day)
        if last < first:
            return min(start + dt.timedelta(minutes=self.rng.randint(5, 90)), self.now)
        return self._at_work(self._day(first, last))


def _last_working_day(now: dt.datetime) -> dt.date:
    """The last day with opening hours behind us: today once the centres have been open a while."""
    day = now.date()
    opened = dt.time(10, 30) if day.weekday() == 5 else dt.time(9, 30)
    if day.weekday() == 6 or now.time() < opened:
        day -= dt.timedelta(days=1)
    while day.weekday() == 6:
        day -= dt.timedelta(days=1)
    return day


def _answer(referral: Referral, *, on: dt.date, by: User, outcome: str) -> None:
    referral.outcome, referral.outcome_on, referral.outcome_recorded_by = outcome, on, by


def _facts(child: Child) -> ChildFacts:
    return ChildFacts(child.person.birth_date, child.has_disability, child.in_full_time_education, child.lives_with_family)


def _in(language: str, texts: tuple[str, str]) -> str:
    russian, kazakh = texts
    return kazakh if language == Language.KAZAKH else russian


def _pick(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), list(weights.values()))[0]
