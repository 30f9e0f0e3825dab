"""The mother's pages: booking a seat, and the parts of her cabinet (her bookings with their waiting
list places and offers, her upcoming lessons, her certificates), each an htmx partial of the cabinet
page and a page of its own without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from audit.services import access_log
from core.errors import DomainError, show_on_form
from core.htmx import render_page_or_partial, row_swap
from core.permissions import require, rule_required
from core.roles import CENTRE_ROLES, Role
from core.scoping import get_visible_or_404, has_role
from core.submissions import Once, Repeated
from courses import selectors
from courses.certificates import certificate_pdf
from courses.forms import BookingForm
from courses.models import Booking, Certificate, Group
from courses.selectors import waiting_position
from courses.services import booking_cancel, booking_create, offer_confirm
from families.models import Family


def _her_family(user) -> Family | None:
    return Family.objects.filter(mother_account=user).select_related("mother").first()


def _booked_message(booking: Booking) -> str:
    if booking.status == Booking.Status.CONFIRMED:
        return _("Your seat is booked. We have sent you a message with the date and time.")
    return _(
        "There is no free seat now: you are number %(position)s on the waiting list. We will tell you when a seat frees."
    ) % {"position": waiting_position(booking)}


@rule_required("courses.book_online")
def book(request, pk: int):
    """Her booking of a group: the group's details, a kids' corner place if there is one, and the button."""
    group = get_object_or_404(
        Group.objects.select_related("course", "centre__district"), pk=pk, course__published_at__isnull=False
    )
    family = _her_family(request.user)
    form = BookingForm(request.POST or None, family=family, group=group)
    if request.method == "POST" and (answer := _booked(request, form, group=group, family=family)) is not None:
        return answer
    context = {"group": group, "form": form, "family": family, "problem": selectors.booking_problem(family, group)}
    return render(request, "courses/book.html", context, status=400 if request.method == "POST" else 200)


def _booked(request, form, *, group: Group, family: Family | None):
    """The booking saved (or saved already by a twin of this POST: core.submissions), or None with the
    refusal on the form."""
    done = reverse("courses:my_bookings")
    once = Once(request, form)
    if not form.is_valid():
        return redirect(done) if once.first() else None
    try:
        if family is None:
            raise DomainError(_("Your account is not linked to a family yet. Visit your centre with your documents."))
        with once.saving(answer=done):
            booking = booking_create(actor=request.user, group=group, family=family, **form.cleaned_data)
    except Repeated as first:
        return redirect(first.answer)
    except DomainError as error:
        if once.first() is not None:
            return redirect(done)
        show_on_form(form, error)
        return None
    messages.success(request, _booked_message(booking))
    return redirect(done)


def _my_section(request, template: str, context: dict):
    require(request.user, "courses.book_online")
    return render_page_or_partial(request, template, context, partial="section")


@login_required
@require_safe
def my_bookings(request):
    return _my_section(request, "courses/cabinet/bookings.html", {"bookings": selectors.my_bookings(request.user)})


@login_required
@require_safe
def my_lessons(request):
    return _my_section(request, "courses/cabinet/lessons.html", {"lessons": selectors.my_lessons(request.user)})


@login_required
@require_safe
def my_certificates(request):
    return _my_section(request, "courses/cabinet/certificates.html", {"certificates": selectors.my_certificates(request.user)})


def _my_booking_row(request, pk: int, act, done: str):
    require(request.user, "courses.book_online")
    booking = get_visible_or_404(Booking.objects.select_related("group__course", "group__centre"), request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])

    def row():
        current = Booking.objects.select_related("group__course", "group__centre", "child__person").get(pk=booking.pk)
        if current.status == Booking.Status.WAITING:
            current.position = waiting_position(current)
        return {"booking": current}

    return row_swap(
        request,
        act=lambda: act(actor=request.user, booking=booking),
        template_name="courses/cabinet/bookings.html",
        partial="booking-row",
        context=row,
        done=done,
        back="courses:my_bookings",
    )


@login_required
def cancel_mine(request, pk: int):
    return _my_booking_row(request, pk, booking_cancel, _("Your booking is cancelled."))


@login_required
def confirm_offer(request, pk: int):
    return _my_booking_row(request, pk, offer_confirm, _("The seat is yours: your booking is confirmed."))


@login_required
@require_safe
def certificate_download(request, code: str):
    """Her certificate as a PDF (she, or the staff who see her booking): an access-log row."""
    if not has_role(request.user, CENTRE_ROLES | {Role.MOTHER}):
        require(request.user, "courses.view_groups")
    certificate = get_visible_or_404(
        Certificate.objects.select_related("booking__family__mother", "booking__group__course", "booking__group__centre"),
        request.user,
        code=code,
    )
    access_log(actor=request.user, action="view", what="courses.certificate", target=certificate.booking.family)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
