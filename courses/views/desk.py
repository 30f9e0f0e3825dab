"""The desk: booking a mother at the centre, cancelling or releasing her seat, and the lesson's roll
that the registrar or the instructor marks with one tap per mother on a tablet."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from audit.services import access_log_many
from core.htmx import Modal, modal_form, render_page_or_partial, row_swap
from core.permissions import require, rule_required
from core.scoping import get_visible_or_404
from courses import selectors
from courses.forms import DeskBookingForm
from courses.models import Booking, Lesson
from courses.services import attendance_mark, booking_cancel, booking_create, booking_release
from families.models import Family


@rule_required("courses.book_at_desk")
def desk_book(request, pk: int):
    family = get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=pk)
    require(request.user, "courses.book_at_desk", family)
    form = DeskBookingForm(request.POST or None, family=family, groups=selectors.bookable_groups_for(family))
    return modal_form(
        request,
        form=form,
        modal=Modal(
            title=_("Book a course"),
            action=reverse("courses:desk_book", args=[family.pk]),
            cancel_url=family.get_absolute_url(),
            submit=_("Book"),
            intro=family.mother.full_name,
        ),
        save=lambda data: booking_create(actor=request.user, family=family, **data),
        event="familyChanged",
        done_url=family.get_absolute_url(),
    )


def _booking_row(request, pk: int, act, done):
    booking = get_visible_or_404(Booking.objects.select_related("group", "family__mother"), request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])

    def row():
        current = (
            Booking.objects.select_related("family__mother", "child__person", "group")
            .annotate(missed=selectors.missed_count())
            .get(pk=booking.pk)
        )
        return {"booking": current, "group": current.group}

    return row_swap(
        request,
        act=lambda: act(actor=request.user, booking=booking),
        template_name="courses/group_detail.html",
        partial="booking-row",
        context=row,
        done=done,
        back="courses:groups",
    )


@rule_required("courses.handle_booking")
def desk_cancel(request, pk: int):
    return _booking_row(request, pk, booking_cancel, _("The booking is cancelled; the next mother waiting is offered the seat."))


@rule_required("courses.handle_booking")
def booking_release_view(request, pk: int):
    return _booking_row(request, pk, booking_release, _("The seat is released to the waiting list."))


def _lesson(request, pk: int) -> Lesson:
    lesson = get_visible_or_404(Lesson.objects.select_related("group__course", "group__centre"), request.user, pk=pk)
    require(request.user, "courses.mark_attendance", lesson.group)
    return lesson


@rule_required("courses.mark_attendance")
@require_safe
def attendance(request, pk: int):
    lesson = _lesson(request, pk)
    roll = selectors.lesson_roll(lesson)
    access_log_many(actor=request.user, action="view", what="courses.attendance", model=Family, ids=[b.family_id for b in roll])
    return render_page_or_partial(request, "courses/attendance.html", {"lesson": lesson, "roll": roll}, partial="roll")


@rule_required("courses.mark_attendance")
def attendance_mark_view(request, pk: int, booking_pk: int):
    lesson = _lesson(request, pk)
    booking = get_visible_or_404(
        Booking.objects.select_related("family", "group"), request.user, pk=booking_pk, group=lesson.group
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    present = request.POST.get("present") == "1"

    def row():
        current = (
            Booking.objects.select_related("family__mother", "group").annotate(missed=selectors.missed_count()).get(pk=booking.pk)
        )
        current.mark = current.attendance.filter(lesson=lesson).values_list("present", flat=True).first()
        return {"booking": current, "lesson": lesson}

    return row_swap(
        request,
        act=lambda: attendance_mark(actor=request.user, lesson=lesson, booking=booking, present=present),
        template_name="courses/attendance.html",
        partial="mark-row",
        context=row,
        done=_("Marked."),
        back="courses:groups",
    )
