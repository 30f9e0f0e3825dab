"""The monthly reports: built from the roll-ups, archived as snapshots, announced, approved.

A build renders its four files (PDF and XLSX, Kazakh and Russian) first, saves them in private storage,
then writes the report, its files' rows and the officials' messages in one transaction: a worker that
dies before the end leaves no report (and no message), only files nothing refers to, which the nightly
sweep removes. A version is never changed; building a month again makes the next version. The monthly
task builds version 1 of each report that has none, so that running it twice builds and announces once
(two runs at once: the second one's version 1 is refused by the database and rolled back).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_log
from centres.models import District
from core import text
from core.errors import DomainError
from core.files import PRIVATE_FOLDER
from core.i18n import PUBLIC_LANGUAGES
from core.months import Month
from core.permissions import require
from core.roles import Role
from dashboards import documents, selectors
from dashboards.models import CITY, MonthlyReport, ReportApproval, ReportBuild, ReportFile
from dashboards.services.rollups import rollups_refresh
from notifications.services import notify

COMMENT_MAX = 2000
LANGUAGES = [code for code, _label in PUBLIC_LANGUAGES]
# A build not finished after this long was lost with its worker: it may be asked for again.
BUILD_LOST_AFTER = dt.timedelta(minutes=30)
ORPHAN_AGE = dt.timedelta(hours=1)
REPORT_FOLDER = "reports"


@dataclass
class _Rendered:
    language: str
    kind: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def place_of(scope: str) -> selectors.Place:
    return selectors.Place() if scope == CITY else selectors.Place(District.objects.get(code=scope))


def snapshot(board: selectors.Dashboard) -> dict:
    """The report's figures as shown (concealed ones as null with their mark), language-free."""
    data: dict = {
        "scope": board.place.scope,
        "month": str(board.month),
        "months": [str(month) for month in board.months],
        "as_of": board.as_of.isoformat() if board.as_of else None,
        "indicators": [panel.indicator.code for panel in board.panels],
        "comparison": {p.indicator.code: [p.now.as_json(), p.last.as_json(), p.year_ago.as_json()] for p in board.panels},
        "trend": {p.indicator.code: [figure.as_json() for _m, figure in p.trend] for p in board.panels},
    }
    # Money as it stood at the month's end when the report was built: a later approval changes
    # the next version's, never this one's.
    data["ledgers"] = {
        table.ledger.code: {key: [_number(value) for value in values] for key, _label, values in table.rows}
        for table in board.ledgers
    }
    if board.breakdown is not None:
        data["breakdown"] = {
            "parts": [getattr(part, "code", str(part.pk)) for part, _cells in board.breakdown.parts],
            "cells": {code: [cells[code].as_json() for _part, cells in board.breakdown.parts] for code in data["indicators"]},
            "totals": {code: figure.as_json() for code, figure in board.breakdown.totals.items()},
        }
    return data


def _number(value):
    """A ledger's value in JSON: whole tenge as an integer, a share as a float, none as null."""
    if value is None or isinstance(value, float):
        return value
    return int(value)


def checksum(figures: dict, files: list[_Rendered]) -> str:
    digest = hashlib.sha256(json.dumps(figures, sort_keys=True, ensure_ascii=False).encode())
    for rendered in sorted(files, key=lambda f: (f.language, f.kind)):
        digest.update(f"\n{rendered.language}.{rendered.kind}:{rendered.sha256}".encode())
    return digest.hexdigest()


def _render(board: selectors.Dashboard, step: Callable[[], None]) -> list[_Rendered]:
    charts = documents.draw_charts(board)  # numbers and months only: the same in both languages
    rendered = []
    for language in LANGUAGES:
        # The labels (indicators, districts, centres) are read in the active language.
        with translation.override(language):
            rendered.append(_Rendered(language, ReportFile.Kind.PDF, documents.pdf_bytes(board, charts=charts)))
            step()
            rendered.append(_Rendered(language, ReportFile.Kind.XLSX, documents.xlsx_bytes(board)))
            step()
    return rendered


STEPS = 2 + 2 * len(LANGUAGES)  # the figures, four files, the archive


def report_build(
    *,
    scope: str,
    month: Month,
    actor=None,
    first_only: bool = False,
    announce: bool = True,
    step: Callable[[], None] = lambda: None,
) -> MonthlyReport | None:
    """Builds and archives the next version of a report (``first_only``: only if there is none yet),
    and announces it to the officials it is for (unless ``announce`` is false: the demo's, which no
    one is waiting for). Returns None when there was nothing to do."""
    place = place_of(scope)
    if first_only and _versions(place, month).exists():
        # Nothing to draw: the monthly task run again, or seed_demo, would render its files only to throw
        # them away. Asked again when archiving, against a run archiving at the same moment.
        return None
    board = selectors.dashboard(place, month)
    figures = snapshot(board)
    step()
    rendered = _render(board, step)
    saved: list[str] = []
    try:
        files = []
        for item in rendered:
            name = _storage().save(f"{REPORT_FOLDER}/report", ContentFile(item.content))
            saved.append(name)
            files.append((item, name))
        report = _archive(place, month, actor, board, figures, files, first_only=first_only, announce=announce)
    except BaseException:
        _delete(saved)
        raise
    if report is None:
        _delete(saved)
    step()
    return report


def _versions(place, month: Month):
    """The archived versions of ``place``'s report of ``month``."""
    return MonthlyReport.objects.filter(scope=place.scope, month=month.first_day)


def _archive(
    place, month: Month, actor, board, figures: dict, files, *, first_only: bool, announce: bool
) -> MonthlyReport | None:
    existing = _versions(place, month)
    try:
        with transaction.atomic():
            if first_only and existing.exists():
                return None
            version = (existing.aggregate(latest=Max("version"))["latest"] or 0) + 1
            report = MonthlyReport.objects.create(
                scope=place.scope,
                district=place.district,
                month=month.first_day,
                version=version,
                built_by=actor,
                as_of=board.as_of or timezone.now(),
                figures=figures,
                checksum=checksum(figures, [item for item, _name in files]),
            )
            ReportFile.objects.bulk_create(
                [
                    ReportFile(
                        report=report,
                        language=item.language,
                        kind=item.kind,
                        file=name,
                        sha256=item.sha256,
                        size=len(item.content),
                    )
                    for item, name in files
                ]
            )
            audit_log(actor=actor, action="report.build", target=report, data={"version": version})
            if announce:
                _announce(report, place)
    except IntegrityError:
        if first_only:  # another run archived version 1 at the same moment
            return None
        raise
    return report


def _storage():
    return ReportFile._meta.get_field("file").storage


def _delete(names: list[str]) -> None:
    storage = _storage()
    for name in names:
        storage.delete(name)


def _officials(place) -> list[User]:
    users = User.objects.filter(is_active=True)
    if place.district is None:
        return list(users.filter(role=Role.CITY_OFFICIAL))
    return list(users.filter(role=Role.DISTRICT_OFFICIAL, district=place.district))


def _announce(report: MonthlyReport, place) -> None:
    for official in _officials(place):
        if not (official.email or official.phone):
            continue
        with translation.override(official.language):
            context = {
                "name": official.get_full_name() or official.username,
                "place": str(place_of(report.scope).name),
                "month": report.period.label,
                "version": report.version,
                "link": settings.PORTAL_URL + reverse("dashboards:report", args=[report.pk]),
            }
        notify(
            key="monthly_report_ready",
            recipient=official.notification_recipient(),
            centre=None,
            context=context,
            idempotency_key=f"dashboards.report:{report.pk}:user:{official.pk}",
        )


def monthly_reports_build(*, month: Month | None = None, now: dt.datetime | None = None) -> list[MonthlyReport]:
    """The 1st of each month: last month's report of the city and of each district, each once."""
    now = now or timezone.now()
    month = month or Month.current(now).shifted(-1)
    rollups_refresh(nightly=True, now=now)
    scopes = [CITY, *District.objects.order_by("name").values_list("code", flat=True)]
    built = []
    for scope in scopes:
        if MonthlyReport.objects.filter(scope=scope, month=month.first_day).exists():
            continue
        if report := report_build(scope=scope, month=month, first_only=True):
            built.append(report)
    return built


# --- Approval and rebuilds on demand ---------------------------------------------------------------


@transaction.atomic
def report_approve(*, actor, report: MonthlyReport, comment: str) -> ReportApproval:
    """The district official approves her district's report (its newest version), with a comment."""
    require(actor, "dashboards.approve_report", report)
    comment = text.bounded(text.paragraphs(comment), limit=COMMENT_MAX, field="comment")
    if not comment:
        raise DomainError(_("Write a comment for the approval."), field="comment")
    if report.version != selectors.latest_version(report):
        raise DomainError(_("A newer version of this report exists: approve that one."))
    try:
        with transaction.atomic():
            approval = ReportApproval.objects.create(report=report, approved_by=actor, comment=comment)
    except IntegrityError:
        raise DomainError(_("This report is already approved.")) from None
    audit_log(actor=actor, action="report.approve", target=report, data={"version": report.version})
    return approval


@transaction.atomic
def report_rebuild_request(*, actor, scope: str, month: Month) -> ReportBuild:
    """An official asks for a new version of a report; a worker builds it (``report_build_run``). A
    build of the same report still under way is answered instead of starting another."""
    from dashboards import tasks

    require(actor, "dashboards.rebuild_report", place_of(scope))
    if month >= Month.current():
        raise DomainError(_("A month's report can be built once the month is over."), field="month")
    under_way = ReportBuild.objects.filter(
        scope=scope,
        month=month.first_day,
        status__in=[ReportBuild.Status.QUEUED, ReportBuild.Status.RUNNING],
        requested_at__gt=timezone.now() - BUILD_LOST_AFTER,
    ).first()
    if under_way is not None:
        return under_way
    build = ReportBuild.objects.create(
        scope=scope, district=place_of(scope).district, month=month.first_day, requested_by=actor, steps_total=STEPS
    )
    audit_log(actor=actor, action="report.rebuild", target=build)
    transaction.on_commit(lambda: tasks.build_report.delay(build.pk))
    return build


def report_build_run(*, build_id: int) -> MonthlyReport | None:
    """The worker's side of a rebuild: the progress is written as it goes, each step committed at once,
    so that the page polling it sees it. Taken once (a task delivered twice finds it taken)."""
    taken = ReportBuild.objects.filter(pk=build_id, status=ReportBuild.Status.QUEUED).update(status=ReportBuild.Status.RUNNING)
    if not taken:
        return None
    build = ReportBuild.objects.select_related("requested_by").get(pk=build_id)

    def step() -> None:
        ReportBuild.objects.filter(pk=build_id, steps_done__lt=build.steps_total).update(steps_done=F("steps_done") + 1)

    try:
        rollups_refresh(months=[Month.of(build.month)])
        report = report_build(scope=build.scope, month=Month.of(build.month), actor=build.requested_by, step=step)
    except Exception:
        ReportBuild.objects.filter(pk=build_id).update(status=ReportBuild.Status.FAILED, finished_at=timezone.now())
        raise
    ReportBuild.objects.filter(pk=build_id).update(
        status=ReportBuild.Status.DONE, report=report, steps_done=build.steps_total, finished_at=timezone.now()
    )
    return report


def reports_orphans_sweep(*, now: dt.datetime | None = None) -> int:
    """Deletes report files no report refers to (left by a worker that died mid-build), once they are
    an hour old (a build under way has not archived its files yet)."""
    storage = _storage()
    known = set(ReportFile.objects.values_list("file", flat=True))
    cutoff = (now or timezone.now()) - ORPHAN_AGE
    removed = 0
    root = f"{PRIVATE_FOLDER}/{REPORT_FOLDER}"
    if not storage.exists(root):
        return 0
    for folder in storage.listdir(root)[0]:
        for name in storage.listdir(f"{root}/{folder}")[1]:
            path = f"{root}/{folder}/{name}"
            if path not in known and storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed += 1
    return removed
