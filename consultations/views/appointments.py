"""Booking from a free slot, the appointment's page, and what can be done to an appointment: move it,
cancel it, record its note (the outcome) or that she did not come."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.models import AccessEvent
from audit.services import access_log
from centres.models import Centre
from consultations import selectors
from consultations.forms import BookForm, CancelForm, NoteForm, RescheduleForm
from consultations.models import Appointment, CaseNote, Placement
from consultations.permissions import can_read_note
from consultations.services import appointment_book, appointment_move, appointment_reschedule, note_record
from core.htmx import Modal, modal_form, row_swap
from core.permissions import require, rule_required
from core.roles import Role
from core.scoping import get_visible_or_404
from families.models import Family

RESCHEDULE_DAYS = 21
EVENT = "appointmentsChanged"


def _slot_initial(request) -> dict:
    return {name: request.GET.get(name, "") for name in ("specialist", "centre", "starts_at")}


def _family_asked(request) -> Family | None:
    pk = request.GET.get("family") or request.POST.get("family")
    if not pk:
        return None
    if not str(pk).isdigit():
        raise Http404
    return get_visible_or_404(Family.objects.select_related("mother"), request.user, pk=int(pk))


@rule_required("consultations.book")
def book(request):
    """The booking modal of one free slot (shape 2): the mother, how, and Book."""
    family = _family_asked(request)
    if family is not None:
        require(request.user, "consultations.book", family)
    form = BookForm(
        request.POST or None,
        initial={**_slot_initial(request), "family": family.pk if family else ""},
        user=request.user,
        family=family,
    )
    done = family.get_absolute_url() if family else reverse("consultations:calendar")
    return modal_form(
        request,
        form=form,
        modal=Modal(
            title=_("Book a consultation"),
            action=reverse("consultations:book"),
            cancel_url=done,
            submit=_("Book"),
            intro=family.mother.full_name if family else "",
            body_template="consultations/_slot.html",
        ),
        save=partial(_book, request, form),
        event=EVENT,
        done_url=done,
        context={"slot": _slot_described(request)},
    )


def _book(request, form: BookForm, data: dict) -> None:
    specialist = get_object_or_404(User, pk=data["specialist"], role=Role.SPECIALIST)
    centre = get_object_or_404(Centre, pk=data["centre"])
    appointment_book(
        actor=request.user,
        family=form.chosen_family,
        specialist=specialist,
        centre=centre,
        starts_at=data["starts_at"],
        channel=data["channel"],
        video_link=data.get("video_link", ""),
    )


def _slot_described(request) -> dict:
    """What the modal says about the slot: who, where, when (from the query, or the posted form)."""
    values = request.POST if request.method == "POST" else request.GET
    try:
        starts_at = dt.datetime.fromisoformat(values.get("starts_at", ""))
    except ValueError:
        return {}
    specialist = User.objects.filter(pk=values.get("specialist") or 0, role=Role.SPECIALIST).first()
    centre = Centre.objects.filter(pk=values.get("centre") or 0).first()
    return {"starts_at": starts_at, "specialist": specialist, "centre": centre}


def _appointment(request, pk: int) -> Appointment:
    return get_visible_or_404(
        Appointment.objects.select_related("family__mother", "specialist", "centre", "booked_by"), request.user, pk=pk
    )


@rule_required("consultations.view_appointment")
def appointment_detail(request, pk: int):
    appointment = _appointment(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    access_log(actor=request.user, action=AccessEvent.Action.VIEW, what="consultations.appointment", target=appointment.family)
    readable = can_read_note(request.user, appointment)
    note = None
    placement = None
    if readable:
        note = CaseNote.objects.filter(appointment=appointment).prefetch_related("referrals").first()
        placement = Placement.objects.filter(appointment=appointment).first()
    context = {"appointment": appointment, "note_readable": readable, "note": note, "placement": placement}
    return render(request, "consultations/appointment.html", context)


@rule_required("consultations.change_appointment")
def reschedule(request, pk: int):
    appointment = _appointment(request, pk)
    require(request.user, "consultations.change_appointment", appointment)
    places = [
        place for place in selectors.workplaces(specialist=appointment.specialist) if place.centre_id == appointment.centre_id
    ]
    today = timezone.localdate()
    slots = selectors.calendar(places, [today + dt.timedelta(days=offset) for offset in range(RESCHEDULE_DAYS)]).free()
    return modal_form(
        request,
        form=RescheduleForm(request.POST or None, slots=slots),
        modal=Modal(
            title=_("Move the appointment"),
            action=reverse("consultations:reschedule", args=[appointment.pk]),
            cancel_url=appointment.get_absolute_url(),
            submit=_("Move"),
            intro=appointment.family.mother.full_name,
        ),
        save=lambda data: appointment_reschedule(actor=request.user, appointment=appointment, **data),
        event=EVENT,
        done_url=appointment.get_absolute_url(),
    )


@rule_required("consultations.change_appointment")
def cancel(request, pk: int):
    appointment = _appointment(request, pk)
    require(request.user, "consultations.change_appointment", appointment)
    return modal_form(
        request,
        form=CancelForm(request.POST or None),
        modal=Modal(
            title=_("Cancel the appointment"),
            action=reverse("consultations:cancel", args=[appointment.pk]),
            cancel_url=appointment.get_absolute_url(),
            submit=_("Cancel the appointment"),
            submit_style="danger",
            intro=appointment.family.mother.full_name,
        ),
        save=lambda data: appointment_move(
            actor=request.user, appointment=appointment, status=Appointment.Status.CANCELLED, **data
        ),
        event=EVENT,
        done_url=appointment.get_absolute_url(),
    )


@rule_required("consultations.hold_appointment")
def record_note(request, pk: int):
    """The case note of a consultation (the outcome): its specialist writes it after it has begun."""
    appointment = _appointment(request, pk)
    require(request.user, "consultations.hold_appointment", appointment)
    note = CaseNote.objects.filter(appointment=appointment).prefetch_related("referrals").first()
    form = NoteForm(request.POST or None, initial=_note_initial(appointment, note), appointment=appointment)
    return modal_form(
        request,
        form=form,
        modal=Modal(
            title=_("Record the consultation"),
            action=reverse("consultations:note", args=[appointment.pk]),
            cancel_url=appointment.get_absolute_url(),
            intro=appointment.family.mother.full_name,
        ),
        save=lambda data: note_record(actor=request.user, appointment=appointment, **form.service_arguments()),
        event=EVENT,
        done_url=appointment.get_absolute_url(),
    )


def _note_initial(appointment: Appointment, note: CaseNote | None) -> dict:
    if note is None:
        return {}
    initial = {
        "summary": note.summary,
        "advice": note.advice,
        "outcome": note.outcome,
        "follow_up_on": note.follow_up_on,
        "referrals": list(note.referrals.all()),
        "legal_issue": note.legal_issue,
        "legal_resolved": {True: "yes", False: "no"}.get(note.legal_resolved, ""),
    }
    placement = Placement.objects.filter(appointment=appointment).first()
    if placement is not None:
        initial |= {
            "found_job": True,
            "employer": placement.employer,
            "position": placement.position,
            "starts_on": placement.starts_on,
            "formal": placement.formal,
            "salary_band": placement.salary_band,
        }
    return initial


@rule_required("consultations.hold_appointment")
def no_show(request, pk: int):
    """She did not come (shape 3, a row of "my day")."""
    appointment = _appointment(request, pk)
    require(request.user, "consultations.hold_appointment", appointment)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return row_swap(
        request,
        act=lambda: appointment_move(actor=request.user, appointment=appointment, status=Appointment.Status.NO_SHOW),
        template_name="consultations/my_day.html",
        partial="row",
        context=lambda: {"appointment": _appointment(request, pk), "now": timezone.now()},
        done=_("Marked as not come."),
        back="consultations:my_day",
    )
