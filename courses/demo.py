"""The courses' demo: a catalogue in Kazakh and Russian, four groups at every centre (one finished
with its attendance and certificates, one running, one open, one full with a waiting list), a finished
group every three months before them over two years (so that the dashboards' enrolments, completions,
waiting lists and certificates have a trend), and the demo mother's own bookings when her account is
linked to a family.

A step tops up: the catalogue is made once (by title), a centre that has groups gets none, a centre
with a group from before the last few months gets no past ones, and the demo mother is booked once. The bookings go in with ``bulk_create`` (the database's trigger counts the
seats), a few hundred rows whatever the size of the registry, so 100,000 families cost no more; so do
their timeline entries (booked or waiting, and completed with the certificate's code)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from centres.models import Centre
from core.roles import Role
from courses.models import Attendance, Booking, Category, Certificate, Course, Eligibility, Group
from courses.services import lessons_generate
from courses.timeline import entry_row
from families.models import Family, TimelineEntry

# title kk, title ru, description kk, description ru, category, hours, eligibility, stipend
CATALOGUE = [
    ("Компьютерлік сауаттылық негіздері", "Основы компьютерной грамотности",
     "Компьютер, интернет, электрондық пошта және eGov порталындағы мемлекеттік қызметтер.",
     "Компьютер, интернет, электронная почта и государственные услуги на портале eGov.",
     Category.COMPUTER, 36, Eligibility.ALL, False),
    ("Microsoft Excel: кестелер мен есептер", "Microsoft Excel: таблицы и расчёты",
     "Кестелер, формулалар, диаграммалар: шағын бизнес пен үй бюджетіне арналған.",
     "Таблицы, формулы, диаграммы: для малого бизнеса и семейного бюджета.",
     Category.COMPUTER, 24, Eligibility.ALL, False),
    ("Визаж және макияж шеберлігі", "Визаж и искусство макияжа",
     "Күнделікті және мерекелік макияж, тері күтімі, клиентпен жұмыс.",
     "Дневной и вечерний макияж, уход за кожей, работа с клиентом.",
     Category.BEAUTY, 48, Eligibility.LARGE_OR_LOW_INCOME, True),
    ("Шаштараз ісі", "Парикмахерское искусство",
     "Қиюдың негізгі түрлері, бояу, сәндеу; үйде клиент қабылдау.",
     "Основные стрижки, окрашивание, укладка; приём клиентов на дому.",
     Category.BEAUTY, 72, Eligibility.LARGE_OR_LOW_INCOME, True),
    ("Ұлттық тағамдар және кондитер ісі", "Национальная кухня и кондитерское дело",
     "Бауырсақ, тоқаш, торттар: сатуға арналған өнімнің құны мен сапасы.",
     "Баурсаки, выпечка, торты: себестоимость и качество продукции на продажу.",
     Category.COOKING, 40, Eligibility.ALL, False),
    ("Тігін ісі: бастапқы курс", "Швейное дело: начальный курс",
     "Тігін машинасы, өлшеу, пішу; балалар киімі мен ұлттық өрнектер.",
     "Швейная машина, мерки, крой; детская одежда и национальные орнаменты.",
     Category.SEWING, 60, Eligibility.LARGE_OR_LOW_INCOME, True),
    ("«Іскер Ана»: кәсіпкерлік негіздері", "«Іскер Ана»: основы предпринимательства",
     "«Еңбек» бағдарламасы бойынша бизнес-жоспар, салық, тіркеу; грантқа өтінім дайындау.",
     "Бизнес-план, налоги, регистрация по программе «Еңбек»; подготовка заявки на грант.",
     Category.ENTREPRENEURSHIP, 40, Eligibility.LARGE_OR_LOW_INCOME, False),
    ("«Бастау Бизнес» жобасы", "Проект «Бастау Бизнес»",
     "Бизнес идеядан алғашқы сатуға дейін: маркетинг, қаржы, қорғау.",
     "От бизнес-идеи до первых продаж: маркетинг, финансы, защита проекта.",
     Category.ENTREPRENEURSHIP, 60, Eligibility.LARGE_OR_LOW_INCOME, True),
    ("Ағылшын тілі: бастаушыларға", "Английский язык для начинающих",
     "Күнделікті сөйлесу, балаларға үй тапсырмасына көмек.",
     "Повседневное общение, помощь детям с домашними заданиями.",
     Category.LANGUAGES, 48, Eligibility.ALL, False),
    ("Қазақ тілі: сөйлесу курсы", "Казахский язык: разговорный курс",
     "Күнделікті өмірге арналған сөйлесу тілі, мемлекеттік қызметтер тілі.",
     "Разговорный язык для повседневной жизни и государственных услуг.",
     Category.LANGUAGES, 36, Eligibility.ALL, False),
    ("Қаржылық сауаттылық", "Финансовая грамотность",
     "Отбасы бюджеті, несиелер мен депозиттер, алаяқтардан сақтану.",
     "Семейный бюджет, кредиты и депозиты, как уберечься от мошенников.",
     Category.OTHER, 16, Eligibility.ALL, False),
]  # fmt: skip

# (offset of the first day from today, weeks, capacity, booked share, waiting, childcare places)
KINDS = {
    "finished": (-70, 8, 12, 1.0, 0, 0),
    "running": (-14, 6, 15, 0.9, 0, 4),
    "open": (10, 6, 15, 0.5, 0, 4),
    "full": (7, 5, 10, 1.0, 4, 0),
    # The past groups (each starts HISTORY_EVERY days before the next), their waiting lists ended with them.
    "past": (None, 8, 12, 1.0, 3, 0),
}
HISTORY_EVERY = 91
HISTORY_BEFORE = -100  # a centre with a group that started before this (days from today) has its history


def _catalogue(now) -> list[Course]:
    courses = []
    for title_kk, title_ru, text_kk, text_ru, category, hours, eligibility, stipend in CATALOGUE:
        course, _ = Course.objects.get_or_create(
            title_kk=title_kk,
            defaults={
                "title": title_kk,
                "title_ru": title_ru,
                "description": text_kk,
                "description_kk": text_kk,
                "description_ru": text_ru,
                "category": category,
                "hours": hours,
                "eligibility": eligibility,
                "stipend": stipend,
                "published_at": now,
            },
        )
        courses.append(course)
    return courses


def _group(centre, course, kind: str, head, offset: int | None = None) -> Group:
    usual, weeks, capacity, _share, _waiting, childcare = KINDS[kind]
    today = timezone.localdate()
    starts_on = today + dt.timedelta(days=usual if offset is None else offset)
    group = Group.objects.create(
        course=course,
        centre=centre,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(weeks=weeks),
        weekdays="246" if kind in ("open", "finished") else "135",
        starts_at=dt.time(10 if kind != "running" else 15),
        room=f"{101 + len(kind)}",
        capacity=capacity,
        childcare_capacity=childcare,
        booking_opens_on=starts_on - dt.timedelta(days=30),
        booking_closes_on=starts_on + dt.timedelta(days=2),
        status={"finished": "finished", "past": "finished", "running": "running", "open": "open", "full": "full"}[kind],
        created_by=head,
    )
    lessons_generate(group)
    return group


def _book(group, family_ids, kind, booked_by, rng) -> list[Booking]:
    _offset, _weeks, capacity, share, waiting, _childcare = KINDS[kind]
    seats = min(len(family_ids), int(capacity * share))
    # Booked in the month before a past group started; the others' bookings 40 days ago.
    first = timezone.now() - dt.timedelta(days=40)
    if kind == "past":
        first = timezone.make_aware(dt.datetime.combine(group.starts_on - dt.timedelta(days=rng.randint(5, 30)), dt.time(10)))
    rows = []
    for index, family_id in enumerate(family_ids[: seats + waiting]):
        confirmed = index < seats
        at = first + dt.timedelta(minutes=index * 7)
        rows.append(
            Booking(
                group=group,
                course_id=group.course_id,
                family_id=family_id,
                status=Booking.Status.CONFIRMED if confirmed else Booking.Status.WAITING,
                waiting_since=at,
                confirmed_at=at if confirmed else None,
                at_desk=rng.random() < 0.4,
                booked_by=booked_by,
            )
        )
    bookings = Booking.objects.bulk_create(rows)
    TimelineEntry.objects.bulk_create(
        entry_row(b, kind="courses.booked" if b.confirmed_at else "courses.waiting", at=b.waiting_since, actor_id=booked_by.pk)
        for b in bookings
    )
    return bookings


def _attendance(group, bookings, marker, rng) -> None:
    today = timezone.localdate()
    held = [lesson for lesson in group.lessons.all() if lesson.day <= today]
    confirmed = [booking for booking in bookings if booking.status == Booking.Status.CONFIRMED]
    rows = [
        Attendance(lesson=lesson, booking=booking, present=rng.random() < 0.88, marked_by=marker)
        for lesson in held
        for booking in confirmed
    ]
    Attendance.objects.bulk_create(rows, batch_size=2000)
    if group.status != Group.Status.FINISHED or not held:
        return
    present = {}
    for row in rows:
        present[row.booking_id] = present.get(row.booking_id, 0) + row.present
    done = [b for b in confirmed if present.get(b.pk, 0) * 100 >= group.completion_percent * len(held)]
    # Completed and certified on the group's last day; its waiting list ended with it.
    finished = timezone.make_aware(dt.datetime.combine(group.ends_on, dt.time(18)))
    Booking.objects.filter(pk__in=[b.pk for b in done]).update(completed_at=finished)
    Booking.objects.filter(group=group, status=Booking.Status.WAITING).update(status=Booking.Status.EXPIRED, ended_at=finished)
    families = Family.objects.in_bulk([b.family_id for b in done])
    mothers = {f.pk: f.mother for f in Family.objects.filter(pk__in=families).select_related("mother")}
    certificates = Certificate.objects.bulk_create(
        Certificate(booking=b, initials=Certificate.initials_of(mothers[b.family_id]), issued_at=finished) for b in done
    )
    TimelineEntry.objects.bulk_create(
        entry_row(c.booking, kind="courses.completed", at=finished, code=c.code) for c in certificates
    )


def _staff_and_families(centre) -> tuple[User | None, list[int]]:
    staff = User.objects.filter(centre=centre, role__in=[Role.CENTRE_HEAD, Role.REGISTRAR]).order_by("role", "pk").first()
    families = list(Family.objects.filter(district_id=centre.district_id, anonymised_at__isnull=True, mother_account__isnull=True)
                    .order_by("pk").values_list("pk", flat=True)[:80])  # fmt: skip
    return staff, families


def _centre_groups(centre, courses, rng) -> int:
    if Group.objects.filter(centre=centre).exists():
        return 0
    staff, families = _staff_and_families(centre)
    if staff is None:
        return 0
    current = [kind for kind in KINDS if kind != "past"]
    picked = rng.sample(courses, k=len(current))
    for (kind, course), start in zip(zip(current, picked, strict=True), range(0, 80, 20), strict=True):
        group = _group(centre, course, kind, staff)
        # Each group is of another course: a small registry's mothers may book several of them.
        bookings = _book(group, (families[start:] + families[:start])[:20], kind, staff, rng)
        _attendance(group, bookings, staff, rng)
    return len(current)


def _centre_history(centre, courses, rng) -> int:
    """A finished group every three months over the two years before the current groups, each of a
    course the centre has no group of yet (a mother holds one booking per course)."""
    today = timezone.localdate()
    if Group.objects.filter(centre=centre, starts_on__lt=today + dt.timedelta(days=HISTORY_BEFORE)).exists():
        return 0
    staff, families = _staff_and_families(centre)
    if staff is None:
        return 0
    taken = set(Group.objects.filter(centre=centre).values_list("course_id", flat=True))
    free = [course for course in courses if course.pk not in taken]
    newest = KINDS["finished"][0]
    for step, course in enumerate(free, 1):
        group = _group(centre, course, "past", staff, offset=newest - step * HISTORY_EVERY)
        start = (step * 15) % max(len(families), 1)
        bookings = _book(group, (families[start:] + families[:start])[:15], "past", staff, rng)
        _attendance(group, bookings, staff, rng)
    return len(free)


def _mother(now) -> int:
    """The demo mother (her account is linked to a family by the mothers' demo): a seat in an open
    group of her district, a place on a full group's waiting list."""
    family = Family.objects.filter(mother_account__username="mother").first()
    if family is None or Booking.objects.filter(family=family).exists():
        return 0
    user = family.mother_account
    made = 0
    for status, kind in ((Booking.Status.CONFIRMED, Group.Status.OPEN), (Booking.Status.WAITING, Group.Status.FULL)):
        group = (
            Group.objects.filter(centre__district_id=family.district_id, status=kind).select_related("course", "centre").first()
        )
        if group is None:
            continue
        if status == Booking.Status.CONFIRMED and group.seats_taken >= group.capacity:
            continue
        booking = Booking.objects.create(
            group=group, course_id=group.course_id, family=family, status=status, waiting_since=now,
            confirmed_at=now if status == Booking.Status.CONFIRMED else None, booked_by=user,
        )  # fmt: skip
        kind_of_entry = "courses.booked" if status == Booking.Status.CONFIRMED else "courses.waiting"
        entry_row(booking, kind=kind_of_entry, at=now, actor_id=user.pk).save()
        made += 1
    return made


def seed(*, options, out) -> None:
    rng = random.Random(11)
    now = timezone.now()
    with transaction.atomic():
        courses = _catalogue(now)
        centres = list(Centre.objects.order_by("pk"))
        groups = sum(_centre_groups(centre, courses, rng) for centre in centres)
        groups += sum(_centre_history(centre, courses, rng) for centre in centres)
        mine = _mother(now)
    out(f"Courses: {len(courses)} in the catalogue, {groups} new groups, {mine} bookings of the demo mother")
