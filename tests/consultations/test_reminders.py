"""What the mother is told through the outbox: confirmation, the reminder the day before at six in
the evening (Almaty), the notices of a move and a cancellation — in her language — and the reminder
moved or withdrawn with the appointment."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations.messages import reminder_time
from consultations.services import appointment_book, appointment_move, appointment_reschedule
from core.roles import Specialty
from notifications.models import Notification
from tests.consultations.factories import at, specialist_at, working_day
from tests.factories import RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(almaly):
    return RegistrarFactory(centre=almaly)


@pytest.fixture
def booked(almaly, desk):
    """A Russian-speaking mother booked three working days ahead at 10:00."""
    family = FamilyFactory(registrar=desk, language="ru")
    specialist = specialist_at(almaly, Specialty.LAWYER)
    day = working_day(3)
    return appointment_book(actor=desk, family=family, specialist=specialist, centre=almaly, starts_at=at(day, 10))


def message(key_prefix: str) -> Notification:
    return Notification.objects.select_related("template").get(idempotency_key__startswith=key_prefix)


def test_a_booking_is_confirmed_at_once_in_the_mother_s_language(booked):
    confirmation = message(f"consultation_booked:{booked.pk}")
    assert confirmation.language == "ru"
    assert confirmation.scheduled_for <= timezone.now()
    text = confirmation.template.render("sms_text", "ru", confirmation.context)
    assert f"{timezone.localtime(booked.starts_at):%d.%m.%Y} 10:00" in text and "вы записаны" in text


def test_the_reminder_goes_the_day_before_at_six_in_the_evening_almaty_time(booked):
    reminder = message(f"consultation_reminder:{booked.pk}")
    due = timezone.localtime(reminder.scheduled_for)
    assert (due.date(), due.hour, due.minute) == (timezone.localtime(booked.starts_at).date() - dt.timedelta(days=1), 18, 0)
    assert reminder.scheduled_for.utcoffset() is not None
    assert reminder.scheduled_for == at(due.date(), 18)  # 13:00 UTC: Almaty is UTC+5
    assert reminder.status == "pending" and booked.reminder_key == reminder.idempotency_key


def test_no_reminder_is_queued_when_its_hour_has_passed():
    tomorrow_morning = at(timezone.localdate() + dt.timedelta(days=1), 9)
    evening = at(timezone.localdate(), 19)
    assert reminder_time(tomorrow_morning, now=evening) is None
    assert reminder_time(tomorrow_morning, now=at(timezone.localdate(), 17)) == at(timezone.localdate(), 18)


def test_a_move_tells_her_the_new_time_and_reschedules_the_pending_reminder(booked, desk):
    day = timezone.localtime(booked.starts_at).date() + dt.timedelta(days=1)
    moved = appointment_reschedule(actor=desk, appointment=booked, starts_at=at(day, 15))

    notice = message(f"consultation_moved:{booked.pk}:1")
    assert notice.context["time"] == "15:00" and notice.language == "ru"
    reminder = Notification.objects.get(idempotency_key=moved.reminder_key)
    assert reminder.scheduled_for == at(day - dt.timedelta(days=1), 18)
    assert reminder.context["time"] == "15:00"
    assert Notification.objects.filter(template__key="consultation_reminder").count() == 1


def test_a_cancellation_withdraws_the_reminder_and_tells_her(booked, desk):
    appointment_move(actor=desk, appointment=booked, status="cancelled", reason="Маман ауырып қалды")

    assert message(f"consultation_reminder:{booked.pk}").status == "cancelled"
    notice = message(f"consultation_cancelled:{booked.pk}")
    assert notice.status != "cancelled" and notice.language == "ru"


def test_a_mother_who_refused_reminders_gets_the_confirmation_but_no_reminder(almaly, desk):
    family = FamilyFactory(registrar=desk, optional_messages=False)
    appointment = appointment_book(
        actor=desk, family=family, specialist=specialist_at(almaly), centre=almaly, starts_at=at(working_day(3), 10)
    )
    keys = set(Notification.objects.values_list("template__key", flat=True))
    assert keys == {"consultation_booked"} and appointment.reminder_key == ""


def test_each_event_writes_its_message_once(booked, desk):
    from consultations.messages import tell_booked

    tell_booked(booked)
    assert Notification.objects.filter(template__key="consultation_booked").count() == 1
