"""Completion and certificates: the bilingual PDF keeps the mother's Kazakh letters (pypdf reads them
back), its QR code (decoded with zxing-cpp) leads to the public check, and the check shows only her
initials, the course, the dates and the centre."""

import io

import pytest
import zxingcpp
from django.conf import settings
from pypdf import PdfReader

from courses.certificates import certificate_pdf
from courses.models import Booking
from tests.courses.factories import finished_with, mother_with_family

pytestmark = pytest.mark.django_db
KAZAKH = "ӘҒҚҢӨҰҮІ"


def test_a_mother_who_attended_enough_completes_and_gets_a_certificate():
    group, booking, certificates = finished_with(0.9)

    booking.refresh_from_db()
    assert booking.completed_at is not None
    assert [c.booking_id for c in certificates] == [booking.pk]
    assert certificates[0].initials == "Ә. Ғ."


def test_a_mother_below_the_groups_share_does_not_complete():
    group, booking, certificates = finished_with(0.5)

    booking.refresh_from_db()
    assert (booking.completed_at, certificates) == (None, [])


def test_the_pdf_keeps_her_kazakh_letters_and_its_qr_code_leads_to_the_check():
    _group, _booking, [certificate] = finished_with(1.0, first_name="ӘҒҚҢ", last_name="ӨҰҮІқызы")

    pdf = certificate_pdf(certificate)

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = page.extract_text()
    assert "ӘҒҚҢ" in text and "ӨҰҮІқызы" in text
    assert all(letter in text for letter in KAZAKH)
    assert "Сертификат" in text and "курсын бітірді" in text and "окончила курс" in text
    images = [image.image for image in page.images]
    decoded = [result.text for image in images for result in zxingcpp.read_barcodes(image)]
    assert decoded == [f"{settings.PORTAL_URL}/kk/courses/certificates/{certificate.code}/"]


def test_the_public_check_shows_only_initials_course_dates_and_centre(client):
    group, booking, [certificate] = finished_with(1.0)

    page = client.get(f"/ru/courses/certificates/{certificate.code}/").content.decode()

    assert "Ә. Ғ." in page and str(group.course.title_ru) in page and group.centre.name in page
    assert "Әйгерім" not in page and "Ғалымқызы" not in page
    assert booking.family.mother.iin not in page


def test_an_unknown_code_is_answered_in_her_language_with_a_404(client):
    response = client.get("/kk/courses/certificates/NOPE12345/")

    assert response.status_code == 404
    assert "NOPE12345" in response.content.decode()


def test_she_downloads_her_own_certificate_and_another_mother_gets_a_404(client):
    _group, booking, [certificate] = finished_with(1.0)

    client.force_login(booking.family.mother_account)
    mine = client.get(f"/kk/courses/certificates/{certificate.code}/pdf/")
    client.force_login(mother_with_family())
    theirs = client.get(f"/kk/courses/certificates/{certificate.code}/pdf/")

    assert (mine.status_code, mine["Content-Type"]) == (200, "application/pdf")
    assert mine.content.startswith(b"%PDF")
    assert theirs.status_code == 404
    assert Booking.objects.count() == 1
