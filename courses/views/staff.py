"""The staff's pages: the centre's groups, a group with its seats, waiting list and lessons, the
centre head's group form and its publish, cancel and finish, a lesson moved, and the export."""

from __future__ import annotations

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from audit.services import access_log, access_log_many
from core.errors import DomainError, show_on_form
from core.htmx import Modal, modal_form, render_page_or_partial
from core.permissions import require, rule_required
from core.scoping import get_visible_or_404
from core.xlsx import Column, Sheet, xlsx_response
from courses import selectors
from courses.forms import GroupForm, LessonMoveForm
from courses.models import Booking, Group, Lesson
from courses.services import group_cancel, group_create, group_finish, group_publish, group_update, lesson_move
from families.models import Family

_GROUP = Group.objects.select_related("course", "centre", "instructor")


@rule_required("courses.view_groups")
@require_safe
def groups(request):
    status = request.GET.get("status", "")
    status = status if status in Group.Status.values else ""
    context = {
        "groups": selectors.staff_groups(request.user, status=status)[:200],
        "status": status,
        "statuses": Group.Status.choices,
    }
    return render_page_or_partial(request, "courses/groups.html", context, partial="rows")


@rule_required("courses.view_groups")
@require_safe
def group_detail(request, pk: int):
    group = get_visible_or_404(_GROUP, request.user, pk=pk)
    bookings = selectors.group_bookings(group)
    access_log_many(
        actor=request.user,
        action="view",
        what="courses.group_detail",
        model=Family,
        ids=[booking.family_id for booking in bookings["seats"] + bookings["waiting"]],
    )
    context = {"group": group, "lessons": list(group.lessons.all()), **bookings}
    return render_page_or_partial(request, "courses/group_detail.html", context, partial="bookings")


def _group_form(request, *, group: Group | None):
    centre = group.centre if group else request.user.centre
    form = GroupForm(request.POST or None, instance=group, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            if group is None:
                group = group_create(actor=request.user, centre=centre, **form.service_values())
            else:
                group = group_update(actor=request.user, group=group, **form.service_values())
        except DomainError as error:
            show_on_form(form, error)
        else:
            return redirect(group.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "courses/group_form.html", {"form": form, "group": group}, status=status)


@rule_required("courses.manage_groups")
def group_new(request):
    return _group_form(request, group=None)


@rule_required("courses.manage_groups")
def group_edit(request, pk: int):
    group = get_visible_or_404(_GROUP, request.user, pk=pk)
    require(request.user, "courses.manage_groups", group)
    return _group_form(request, group=group)


def _group_step(request, pk: int, step, done):
    group = get_visible_or_404(_GROUP, request.user, pk=pk)
    require(request.user, "courses.manage_groups", group)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    from django.contrib import messages

    try:
        step(actor=request.user, group=group)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(done))
    return redirect(group.get_absolute_url())


@rule_required("courses.manage_groups")
def group_publish_view(request, pk: int):
    return _group_step(request, pk, group_publish, gettext_lazy("The group is open for booking."))


@rule_required("courses.manage_groups")
def group_cancel_view(request, pk: int):
    return _group_step(request, pk, group_cancel, gettext_lazy("The group is cancelled; the mothers are told."))


@rule_required("courses.manage_groups")
def group_finish_view(request, pk: int):
    return _group_step(request, pk, group_finish, gettext_lazy("The group is finished; the certificates are issued."))


@rule_required("courses.move_lesson")
def lesson_move_view(request, pk: int):
    lesson = get_visible_or_404(Lesson.objects.select_related("group__course", "group__centre"), request.user, pk=pk)
    initial = {"day": lesson.day, "starts_at": lesson.starts_at, "room": lesson.room}
    return modal_form(
        request,
        form=LessonMoveForm(request.POST or None, initial=initial),
        modal=Modal(
            title=_("Move the lesson"),
            action=reverse("courses:lesson_move", args=[lesson.pk]),
            cancel_url=lesson.group.get_absolute_url(),
            submit=_("Move and tell the mothers"),
            intro=f"{lesson.group.course.title} · {lesson}",
        ),
        save=lambda data: lesson_move(actor=request.user, lesson=lesson, **data),
        event="groupChanged",
        done_url=lesson.group.get_absolute_url(),
    )


def _export_columns() -> list[Column]:
    return [
        Column(_("Mother"), lambda b: b.family.mother.full_name, width=36),
        Column(_("Phone"), lambda b: str(b.family.phone), width=16),
        Column(_("Status"), lambda b: b.get_status_display(), width=22),
        Column(_("Booked"), lambda b: b.waiting_since),
        Column(_("At the desk"), lambda b: b.at_desk),
        Column(_("Child in the kids' corner"), lambda b: b.child.person.first_name if b.child else ""),
        Column(_("Missed lessons"), lambda b: b.missed),
        Column(_("Completed"), lambda b: b.completed_at),
    ]


@rule_required("courses.export_group")
@require_safe
def group_export(request, pk: int):
    group = get_visible_or_404(_GROUP, request.user, pk=pk)
    bookings = (
        Booking.objects.filter(group=group)
        .select_related("family__mother", "child__person")
        .annotate(missed=selectors.missed_count())
        .order_by("waiting_since", "pk")
    )
    return xlsx_response(
        Sheet(_("Group"), _export_columns(), bookings),
        file_name=_("Group %(course)s %(day)s") % {"course": group.course.title, "day": group.starts_on.strftime("%d.%m.%Y")},
        actor=request.user,
        what="courses.export",
    )


@rule_required("courses.view_family_bookings")
@require_safe
def family_section(request, pk: int):
    family = get_visible_or_404(Family.objects.all(), request.user, pk=pk)
    access_log(actor=request.user, action="view", what="courses.family_section", target=family)
    context = {"family": family, "bookings": selectors.family_bookings(request.user, family)}
    return render_page_or_partial(request, "courses/family_section.html", context, partial="section")
