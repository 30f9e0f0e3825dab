"""The courses' URLs in the URL × role matrix (how: tests/url_matrix.py).

The catalogue, a course page and a certificate's check are public. A mother books for herself and
has her cabinet's sections, her own bookings' cancel and confirm (another mother's booking is a 404),
and her certificate; a mother without a family sees the booking page with the reason she cannot book
(its POST: 400). Centre staff see their district's groups; the desk (registrar, centre head) books at
the desk, cancels and releases seats, moves lessons, marks attendance and exports; the centre head runs
the groups. Officials and administrators get 403 everywhere but the public pages.
"""

from django.urls import reverse
from django.utils import translation

from core.roles import CENTRE_ROLES, Role
from courses.models import Booking, Certificate, Group
from courses.services import booking_create
from tests.courses.factories import GroupFactory
from tests.url_matrix import Access, Case, Redirect, everyone, signed_in

MOTHER = frozenset({Role.MOTHER})
DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})
HEAD = frozenset({Role.CENTRE_HEAD})


def populate(world) -> None:
    """An open group of the home centre in which the world's mother holds a seat, its first lesson,
    and a finished group of another course where she earned a certificate."""
    head = world.users["centre_head"]
    world.course_group = GroupFactory(centre=world.home, created_by=head)
    world.booking = booking_create(actor=world.users["mother"], group=world.course_group, family=world.family)
    world.lesson = world.course_group.lessons.order_by("day").first()
    finished = GroupFactory(centre=world.home, created_by=head, status=Group.Status.FINISHED)
    done = Booking.objects.create(
        group=finished, course=finished.course, family=world.family, status=Booking.Status.CONFIRMED, booked_by=head
    )
    world.certificate = Certificate.objects.create(booking=done, initials="Ә. Н.")


def _group_page(world) -> str:
    with translation.override("kk"):
        return reverse("courses:group", args=[world.course_group.pk])


def _group(world):
    return [world.course_group.pk]


def _booking(world):
    return [world.booking.pk]


def _lesson(world):
    return [world.lesson.pk]


def _certificate(world):
    return [world.certificate.code]


def public() -> Case:
    return Case(get=everyone(200), post=everyone(405))


def cabinet() -> Case:
    return Case(get=Access(MOTHER), post=signed_in(405))


def her_row(*, post_ok, htmx_ok) -> Case:
    """A button on her own booking (a row swap): plain POST back to her bookings, htmx the row."""
    return Case(
        args=_booking,
        get=Access(MOTHER, ok=405, scoped=True),
        post=Access(MOTHER, ok=post_ok, scoped=True),
        htmx_post=Access(MOTHER, ok=htmx_ok, scoped=True),
    )


def desk_row(*, htmx_ok, roles=DESK) -> Case:
    return Case(
        args=_booking,
        get=Access(roles, ok=405, scoped=True),
        post=Access(roles, ok=Redirect("courses:groups"), scoped=True),
        htmx_post=Access(roles, ok=htmx_ok, scoped=True),
    )


def group_step() -> Case:
    return Case(args=_group, get=Access(HEAD, ok=405, scoped=True), post=Access(HEAD, ok=Redirect(_group_page), scoped=True))


URLS = {
    "courses:catalogue": public(),
    "courses:course": Case(args=lambda world: [world.course_group.course_id], get=everyone(200), post=everyone(405)),
    "courses:verify": Case(args=_certificate, get=everyone(200), post=everyone(405)),
    # Both mothers see the page; an empty POST is refused: she has booked this course already, the
    # other has no family.
    "courses:book": Case(args=_group, get=Access(MOTHER), post=Access(MOTHER, ok=400)),
    "courses:my_bookings": cabinet(),
    "courses:my_lessons": cabinet(),
    "courses:my_certificates": cabinet(),
    "courses:cancel_mine": her_row(post_ok=Redirect("courses:my_bookings"), htmx_ok=200),
    # Her seat is confirmed already: the refusal is shown (a message, or the row with 400).
    "courses:confirm_offer": her_row(post_ok=Redirect("courses:my_bookings"), htmx_ok=400),
    "courses:certificate_pdf": Case(
        args=_certificate, get=Access(CENTRE_ROLES | MOTHER, scoped=True, personal=True), post=signed_in(405)
    ),
    "courses:groups": Case(get=Access(CENTRE_ROLES), post=Access(CENTRE_ROLES, ok=405)),
    # Pages that only show answer a POST with 405 before they look for the record.
    "courses:group": Case(args=_group, get=Access(CENTRE_ROLES, scoped=True), post=Access(CENTRE_ROLES, ok=405)),
    "courses:group_new": Case(get=Access(HEAD), post=Access(HEAD, ok=400)),
    "courses:group_edit": Case(args=_group, get=Access(HEAD, scoped=True), post=Access(HEAD, ok=400, scoped=True)),
    "courses:group_publish": group_step(),
    "courses:group_cancel": group_step(),
    "courses:group_finish": group_step(),
    "courses:group_export": Case(args=_group, get=Access(DESK, scoped=True), post=Access(DESK, ok=405)),
    "courses:lesson_move": Case(args=_lesson, get=Access(DESK, scoped=True), post=Access(DESK, ok=400, scoped=True)),
    "courses:attendance": Case(args=_lesson, get=Access(DESK, scoped=True), post=Access(DESK, ok=405)),
    # The lesson is still to come: marking it is refused (a message, or the row with 400).
    "courses:attendance_mark": Case(
        args=lambda world: [world.lesson.pk, world.booking.pk],
        get=Access(DESK, ok=405, scoped=True),
        post=Access(DESK, ok=Redirect("courses:groups"), scoped=True),
        htmx_post=Access(DESK, ok=400, scoped=True),
    ),
    "courses:desk_cancel": desk_row(htmx_ok=200),
    # She has missed no lesson: the release is refused.
    "courses:booking_release": desk_row(htmx_ok=400),
    "courses:desk_book": Case(
        args=lambda world: [world.family.pk], get=Access(DESK, scoped=True), post=Access(DESK, ok=400, scoped=True)
    ),
    "courses:family_section": Case(
        args=lambda world: [world.family.pk],
        get=Access(CENTRE_ROLES, scoped=True),
        post=Access(CENTRE_ROLES, ok=405),
    ),
}
