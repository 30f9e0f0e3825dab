"""The pages: booking from a free slot in two clicks, the appointment's page and its actions, and the
refusals a user can meet — each a clear message or a 404, with nothing changed."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from consultations.models import Appointment, CaseNote
from consultations.services import appointment_book, note_record
from core.roles import Specialty
from tests.consultations.factories import AppointmentFactory, at, specialist_at, working_day
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def psychologist(almaly):
    return specialist_at(almaly, Specialty.PSYCHOLOGIST)


def slot_query(specialist, starts_at, family=None) -> dict:
    query = {"specialist": specialist.pk, "centre": specialist.centre_id, "starts_at": starts_at.isoformat()}
    return query | ({"family": family.pk} if family else {})


def test_from_the_family_page_a_free_slot_books_in_two_clicks(client, registrar, psychologist):
    family = FamilyFactory(registrar=registrar)
    page = client.get(f"/kk/consultations/families/{family.pk}/book/", {"kind": "psychological"})
    first = page.context["slots"][0]

    modal = client.get("/kk/consultations/book/?" + urlencode(slot_query(psychologist, first.starts_at, family)), headers=HTMX)
    assert modal.status_code == 200 and family.mother.full_name in modal.content.decode()
    token = modal.context["form"]["form_token"].value()
    answer = client.post(
        "/kk/consultations/book/",
        {**slot_query(psychologist, first.starts_at, family), "channel": "in_person", "form_token": token},
        headers=HTMX,
    )

    assert answer.status_code == 204 and "appointmentsChanged" in answer["HX-Trigger"]
    assert Appointment.objects.get().starts_at == first.starts_at


def test_from_the_centre_calendar_the_mother_is_found_by_her_iin(client, registrar, psychologist):
    family = FamilyFactory(registrar=registrar)
    starts = at(working_day(), 10)
    wrong = client.post(
        "/kk/consultations/book/", {**slot_query(psychologist, starts), "channel": "in_person", "iin": "123"}, headers=HTMX
    )
    assert wrong.status_code == 400 and not Appointment.objects.exists()
    assert 'value="123"' in wrong.content.decode()  # what she typed is kept

    answer = client.post(
        "/kk/consultations/book/",
        {**slot_query(psychologist, starts), "channel": "in_person", "iin": family.mother.iin},
        headers=HTMX,
    )
    assert answer.status_code == 204
    assert Appointment.objects.get().family == family


def test_the_centre_week_counts_her_free_and_booked_slots_per_day_each_a_link_to_her_day(client, registrar, psychologist):
    day = working_day()
    AppointmentFactory(specialist=psychologist, booked_by=registrar, starts_at=at(day, 10))
    response = client.get("/kk/consultations/calendar/", {"date": day.isoformat()})

    html = response.content.decode()
    link = f"?centre={psychologist.centre_id}&amp;span=day&amp;specialist={psychologist.pk}&amp;date={day.isoformat()}"
    assert f'href="{link}"' in html and f'hx-get="{link}" hx-target="#day-panel"' in html
    # 09:00–18:00 with lunch at 13:00: eight hour-long slots, one booked.
    counts = '<span class="text-success">бос: 7</span><br>жазылған: 1</a>'
    assert f'hx-get="{link}" hx-target="#day-panel" hx-swap="outerHTML show:#day-panel:top">{counts}' in html
    assert "/kk/consultations/book/" not in html  # the slots come with her day


def test_a_day_gone_shows_what_was_booked_and_nothing_free(client, registrar, psychologist):
    day = timezone.localdate() - dt.timedelta(days=7)
    response = client.get("/kk/consultations/calendar/", {"date": day.isoformat()})
    html = response.content.decode()
    assert html.count('data-testid="day-count"') == 7
    assert "жазылған: 0<" in html and "бос:" not in html


def test_her_day_opens_under_the_week_with_her_free_slots_and_a_slot_opens_the_booking_modal(client, registrar, psychologist):
    lawyer = specialist_at(psychologist.centre, Specialty.LAWYER)
    day = working_day()
    taken = AppointmentFactory(specialist=psychologist, booked_by=registrar, starts_at=at(day, 10))
    query = {"span": "day", "specialist": psychologist.pk, "date": day.isoformat()}

    panel = client.get("/kk/consultations/calendar/", query, headers={**HTMX, "HX-Target": "day-panel"})
    html = panel.content.decode()
    assert html.lstrip().startswith('<div id="day-panel"') and 'id="calendar"' not in html
    assert [row.specialist for row in panel.context["calendar"].rows] == [psychologist]
    assert taken.family.mother.full_name in html
    first = panel.context["calendar"].rows[0].cells[0].free[0]
    book = "/kk/consultations/book/?" + urlencode(slot_query(psychologist, first.starts_at))
    assert f'hx-get="{book.replace("&", "&amp;")}" hx-target="#modal-dialog"' in html
    modal = client.get(book, headers=HTMX)  # the first of the two clicks; the modal's button is the second
    assert modal.status_code == 200 and 'data-testid="slot"' in modal.content.decode()

    # A specialist of another centre's, or none: an empty panel, never the calendar inside it.
    forged = client.get("/kk/consultations/calendar/", query | {"specialist": "0"}, headers={**HTMX, "HX-Target": "day-panel"})
    assert forged.status_code == 200 and 'id="calendar"' not in forged.content.decode()
    assert "free-slot" not in forged.content.decode()

    # Without JavaScript the count's link is a page of her day, with the same slots.
    page = client.get("/kk/consultations/calendar/", query)
    assert 'id="calendar"' in page.content.decode() and book.replace("&", "&amp;") in page.content.decode()
    assert [row.specialist for row in page.context["calendar"].rows] == [psychologist]
    assert lawyer not in [row.specialist for row in page.context["calendar"].rows]


def test_a_slot_in_the_past_or_on_a_holiday_is_refused_in_the_modal_with_nothing_changed(client, registrar, psychologist):
    family = FamilyFactory(registrar=registrar)
    past = at(timezone.localdate() - dt.timedelta(days=1), 10)
    answer = client.post(
        "/ru/consultations/book/", {**slot_query(psychologist, past, family), "channel": "in_person"}, headers=HTMX
    )
    assert answer.status_code == 400
    assert not Appointment.objects.exists()


def test_a_video_consultation_needs_its_link(client, registrar, psychologist):
    family = FamilyFactory(registrar=registrar)
    data = {**slot_query(psychologist, at(working_day(), 10), family), "channel": "video"}
    assert client.post("/kk/consultations/book/", data, headers=HTMX).status_code == 400
    assert (
        client.post("/kk/consultations/book/", data | {"video_link": "https://meet.example.kz/abc"}, headers=HTMX).status_code
        == 204
    )
    assert Appointment.objects.get().video_link == "https://meet.example.kz/abc"


def test_a_forged_appointment_id_is_a_404(client, registrar):
    assert client.get("/kk/consultations/appointments/999999/").status_code == 404
    assert client.post("/kk/consultations/appointments/999999/cancel/", {"reason": "x"}).status_code == 404


def test_a_registrar_opening_a_psychological_note_by_url_sees_that_it_happened_but_not_what_was_said(
    client, registrar, psychologist
):
    appointment = AppointmentFactory(
        specialist=psychologist,
        booked_by=registrar,
        family=FamilyFactory(registrar=registrar),
        starts_at=timezone.now() - dt.timedelta(hours=2),
    )
    note_record(actor=psychologist, appointment=appointment, summary="ZQXSECRETQZ әңгіме")

    page = client.get(f"/kk/consultations/appointments/{appointment.pk}/")
    assert page.status_code == 200 and "ZQXSECRETQZ" not in page.content.decode()
    assert client.get(f"/kk/consultations/appointments/{appointment.pk}/note/").status_code == 403


def test_a_specialist_cannot_open_another_s_note_form(client, almaly, psychologist, registrar):
    colleague = specialist_at(almaly, Specialty.PSYCHOLOGIST)
    appointment = AppointmentFactory(
        specialist=psychologist, booked_by=registrar, starts_at=timezone.now() - dt.timedelta(hours=2)
    )
    client.force_login(colleague)
    assert client.post(f"/kk/consultations/appointments/{appointment.pk}/note/", {"summary": "Менікі"}).status_code == 403
    assert not CaseNote.objects.exists()


def test_the_psychologist_records_the_outcome_in_the_modal_and_a_too_long_note_keeps_what_she_wrote(
    client, psychologist, registrar
):
    appointment = AppointmentFactory(
        specialist=psychologist, booked_by=registrar, starts_at=timezone.now() - dt.timedelta(minutes=20)
    )
    client.force_login(psychologist)
    url = f"/kk/consultations/appointments/{appointment.pk}/note/"
    long = "ұ" * 4001
    refused = client.post(url, {"summary": long}, headers=HTMX)
    assert refused.status_code == 400 and long in refused.content.decode()

    assert client.post(url, {"summary": "Сөйлестік", "advice": "Демалу"}, headers=HTMX).status_code == 204
    appointment.refresh_from_db()
    assert appointment.status == "done" and appointment.note.advice == "Демалу"


def test_a_no_show_is_marked_from_my_day_by_a_row_swap(client, psychologist, registrar):
    appointment = AppointmentFactory(
        specialist=psychologist, booked_by=registrar, starts_at=timezone.now() - dt.timedelta(minutes=20)
    )
    client.force_login(psychologist)
    answer = client.post(f"/kk/consultations/appointments/{appointment.pk}/no-show/", headers=HTMX)
    assert answer.status_code == 200 and f'id="appointment-{appointment.pk}"' in answer.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == "no_show"


def test_the_desk_moves_and_cancels_in_modals(client, registrar, psychologist):
    family = FamilyFactory(registrar=registrar)
    day = working_day()
    appointment = appointment_book(
        actor=registrar, family=family, specialist=psychologist, centre=psychologist.centre, starts_at=at(day, 10)
    )
    url = f"/kk/consultations/appointments/{appointment.pk}/"
    assert client.post(url + "move/", {"starts_at": at(day, 15).isoformat()}, headers=HTMX).status_code == 204
    assert client.post(url + "cancel/", {"reason": ""}, headers=HTMX).status_code == 400
    assert client.post(url + "cancel/", {"reason": "Бала ауырды"}, headers=HTMX).status_code == 204
    appointment.refresh_from_db()
    assert (appointment.status, appointment.starts_at) == ("cancelled", at(day, 15))


def test_the_family_page_lists_her_consultations_and_the_cabinet_hers(client, registrar, psychologist):
    from tests.factories import MotherUserFactory

    mother = MotherUserFactory()
    family = FamilyFactory(registrar=registrar, mother_account=mother)
    appointment_book(
        actor=registrar, family=family, specialist=psychologist, centre=psychologist.centre, starts_at=at(working_day(), 10)
    )
    section = client.get(f"/kk/consultations/families/{family.pk}/section/", headers=HTMX).content.decode()
    assert str(psychologist) in section and 'id="family-consultations"' in section
    detail = client.get(f"/kk/families/{family.pk}/").content.decode()
    assert f"/kk/consultations/families/{family.pk}/section/" in detail
    client.force_login(mother)
    cabinet = client.get("/kk/consultations/cabinet/", headers=HTMX).content.decode()
    assert str(psychologist) in cabinet and "/appointments/" not in cabinet


def test_a_specialist_lands_on_her_day(client, psychologist):
    from tests.helpers import sign_in

    assert sign_in(client, psychologist.username)["Location"] == "/kk/consultations/my-day/"


def test_the_front_desk_s_visit_links_to_the_appointment_she_came_for(client, registrar, psychologist):
    from families.models import VisitPurpose
    from families.services import visit_check_in

    family = FamilyFactory(registrar=registrar)
    appointment = AppointmentFactory(
        family=family, specialist=psychologist, booked_by=registrar, starts_at=at(timezone.localdate(), 12)
    )
    visit = visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.filter(code="psychological"))
    url = f"/kk/consultations/appointments/{appointment.pk}/"

    assert url in client.get("/kk/families/today/").content.decode()
    assert url in client.get(f"/kk/families/visits/{visit.pk}/serve/", headers=HTMX).content.decode()
