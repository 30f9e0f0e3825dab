"""The commission pack of a round: its applications ranked by average score, with the number of
reviews and the amounts requested, as a PDF (WeasyPrint) and as an XLSX sheet (``core.xlsx``). Like the
ranking page, it names no mother: number, district, business idea, figures."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import choice_label
from core.xlsx import Column, Sheet
from grants.models import Application, Round, Status


def pack_pdf(round_: Round, ranked: list[Application]) -> bytes:
    from weasyprint import HTML  # loads Pango: only where a pack is drawn

    html = render_to_string("grants/pack_pdf.html", {"round": round_, "ranked": ranked, "now": timezone.now(), "Status": Status})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pack_sheet(round_: Round, ranked: list[Application]) -> Sheet:
    rank = {application.pk: index for index, application in enumerate(ranked, 1)}
    return Sheet(
        title=_("Ranking"),
        columns=[
            Column(_("Rank"), lambda a: rank[a.pk], width=6),
            Column(_("Number"), lambda a: a.number, width=10),
            Column(_("District"), lambda a: a.district.name, width=20),
            Column(_("Business idea"), lambda a: a.business_idea, width=36),
            Column(_("Average score"), lambda a: float(a.score) if a.score is not None else None, width=12),
            Column(_("Reviews"), lambda a: a.scored, width=8),
            Column(_("Scores given to an earlier version"), lambda a: a.earlier_scores, width=14),
            Column(_("Amount requested"), lambda a: int(a.requested_amount), width=14),
            Column(_("Status"), lambda a: choice_label(Status, a.status), width=20),
        ],
        records=ranked,
    )
