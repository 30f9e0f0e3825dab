"""The certificate as a PDF: both languages on one page, the verification code, and a QR code (segno)
that leads to the public check of the code. Drawn by WeasyPrint with DejaVu Sans, which has every
Kazakh letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І) and the tenge sign; the system libraries it needs (Pango) and the
font are installed by .ci/run and the Dockerfile."""

from __future__ import annotations

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from courses.models import Certificate


def verification_url(certificate: Certificate, language: str) -> str:
    with translation.override(language):
        return settings.PORTAL_URL + reverse("courses:verify", args=[certificate.code])


def _in(language: str, certificate: Certificate) -> dict[str, str]:
    group = certificate.booking.group
    with translation.override(language):
        return {
            "course": str(group.course.title),
            "centre": str(group.centre.name),
            "dates": f"{date_format(group.starts_on, 'SHORT_DATE_FORMAT')} – {date_format(group.ends_on, 'SHORT_DATE_FORMAT')}",
            "issued": date_format(certificate.issued_at, "SHORT_DATE_FORMAT"),
        }


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML  # loads Pango: only where a certificate is drawn

    booking = certificate.booking
    language = booking.family.language
    url = verification_url(certificate, language)
    context = {
        "certificate": certificate,
        "name": booking.family.mother.full_name,
        "hours": booking.group.course.hours,
        "kk": _in("kk", certificate),
        "ru": _in("ru", certificate),
        "url": url,
        "qr": segno.make(url, error="m").png_data_uri(scale=6, border=4),
    }
    html = render_to_string("courses/certificate_pdf.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
