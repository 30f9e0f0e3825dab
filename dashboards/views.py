"""The officials' pages: the district (or centre) dashboard, the city dashboard, their exports, the
families behind a figure, and the monthly reports."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from audit.services import access_log
from centres.models import Centre
from core.errors import DomainError
from core.extensions import indicators
from core.files import private_file_response, safe_file_name
from core.htmx import Modal, modal_form, render_cached_partial, render_page_or_partial
from core.months import Month
from core.paging import CappedPaginator
from core.permissions import check, rule_required
from core.roles import Role
from core.scoping import get_visible_or_404
from core.xlsx import xlsx_response
from dashboards import documents, selectors
from dashboards.forms import ApprovalForm, CitySort, DistrictFilter, PeriodForm, RebuildForm
from dashboards.models import ReportFile
from dashboards.services import report_approve, report_rebuild_request
from families.selectors import family_list_rows

PER_PAGE = 25
BOARD_SECONDS = 15 * 60  # a board kept longer than this is rendered again even if no refresh came


def _district_place(request):
    """The place and month of the district dashboard (its filters), and the filter form."""
    user, own = request.user, selectors.own_place(request.user)
    city = user.role == Role.CITY_OFFICIAL
    form = DistrictFilter(request.GET, district_choices=city, centres=None)
    district = own.district
    if city:
        chosen = form["district"].field.queryset.filter(code=request.GET.get("district", "")).first()
        district = chosen or selectors.districts().first()
    centres = None if own.centre else Centre.objects.filter(district=district).order_by("name")
    form = DistrictFilter(request.GET, district_choices=city, centres=centres)
    valid = form.is_valid()
    place = own if own.centre else selectors.Place(district)
    centre = form.cleaned_data.get("centre") if valid and centres is not None else None
    if centre is not None:
        place = selectors.Place(district, centre)
    return place, form.month_or(Month.current()), form, valid


def _district_board(request):
    place, month, form, valid = _district_place(request)
    return selectors.dashboard(place, month), form, valid


def _render_board(request, template_name: str, *, build, page: dict, status: int, vary: str = "") -> HttpResponse:
    """Shape 1 (page with partial), the partial ``board`` kept in the cache: its figures change only
    when the roll-ups are refreshed, so the same page in the same language is rendered once per
    refresh ("as of" time) and month. ``vary``: what else it depends on (the place, the links shown)."""
    as_of = selectors.rollups_as_of()
    return render_cached_partial(
        request,
        template_name,
        partial="board",
        key=f"{request.get_full_path()}|{as_of}|{Month.current()}|{vary}",
        build=lambda: build(as_of),
        page=page,
        seconds=BOARD_SECONDS,
        status=status,
    )


@rule_required("dashboards.view_district")
@require_GET
def district(request):
    place, month, form, valid = _district_place(request)
    may_drill = bool(check(request.user, "dashboards.drill_down")) and bool(place.centre)
    return _render_board(
        request,
        "dashboards/district.html",
        build=lambda as_of: {"board": selectors.dashboard(place, month, as_of=as_of), "may_drill": may_drill},
        page={"place": place, "form": form},
        status=200 if valid else 400,
        vary=f"{place.district and place.district.pk}:{place.centre and place.centre.pk}:{may_drill}",
    )


def _city_sort(request):
    codes = [indicator.code for indicator in indicators()]
    form = CitySort(request.GET, codes=codes)
    valid = form.is_valid()
    sort = (form.cleaned_data.get("sort") if valid else "") or codes[0]
    descending = "sort" not in request.GET or bool(valid and form.cleaned_data.get("descending"))
    return form.month_or(Month.current()), form, valid, sort, descending


def _city_board(request):
    month, form, valid, sort, descending = _city_sort(request)
    return selectors.dashboard(selectors.Place(), month), form, valid, sort, descending


@rule_required("dashboards.view_city")
@require_GET
def city(request):
    month, form, valid, sort, descending = _city_sort(request)

    def build(as_of):
        board = selectors.dashboard(selectors.Place(), month, as_of=as_of)
        assert board.breakdown is not None
        return {
            "board": board,
            "sort": sort,
            "descending": descending,
            "rows": selectors.ranked(board.breakdown, sort, descending=descending),
        }

    return _render_board(
        request,
        "dashboards/city.html",
        build=build,
        page={"form": form, "sort": sort, "descending": descending},
        status=200 if valid else 400,
    )


def _download(board, kind: str, request):
    if kind == "xlsx":
        return xlsx_response(
            *documents.sheets(board), file_name=documents.file_name(board), actor=request.user, what="dashboards.export"
        )
    response = HttpResponse(documents.pdf_bytes(board), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{safe_file_name(documents.file_name(board))}.pdf")
    access_log(actor=request.user, action="export", what="dashboards.export")
    return response


@rule_required("dashboards.view_district")
@require_GET
def district_export(request, kind: str):
    board, _form, valid = _district_board(request)
    if not valid:
        return redirect(reverse("dashboards:district"))
    return _download(board, kind, request)


@rule_required("dashboards.view_city")
@require_GET
def city_export(request, kind: str):
    board, _form, valid, _sort, _descending = _city_board(request)
    if not valid:
        return redirect(reverse("dashboards:city"))
    return _download(board, kind, request)


@rule_required("dashboards.drill_down")
@require_GET
def families(request, code: str):
    """The families behind one of the centre's figures, from the registry, through her own scope."""
    indicator = next((i for i in indicators() if i.code == code and i.families is not None), None)
    if indicator is None:
        raise Http404
    form = PeriodForm(request.GET)
    month = form.month_or(Month.current())
    place = selectors.own_place(request.user)
    assert place.centre is not None and indicator.families is not None
    rows = family_list_rows(request.user).filter(indicator.families(month, [place.centre.pk]))
    page = CappedPaginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    access_log(actor=request.user, action="view", what="dashboards.family_list", row_count=len(page.object_list))
    context = {"indicator": indicator, "month": month, "page": page, "place": place, "form": form}
    return render(request, "dashboards/families.html", context, status=200 if form.is_valid() else 400)


# --- Monthly reports -------------------------------------------------------------------------------


@rule_required("dashboards.view_reports")
@require_GET
def reports(request):
    form = PeriodForm(request.GET)
    month = form.month_or(Month.current().shifted(-1))
    place = selectors.own_place(request.user)
    context = {
        "form": form,
        "month": month,
        "reports": selectors.latest_versions(request.user, month),
        "rebuild_form": RebuildForm(initial={"scope": place.scope, "month": month}),
        "place": place,
        "can_rebuild": month < Month.current(),
    }
    return render(request, "dashboards/reports.html", context, status=200 if form.is_valid() else 400)


@rule_required("dashboards.view_reports")
@require_GET
def report(request, pk: int):
    found = get_visible_or_404(selectors.reports_for(request.user), request.user, pk=pk)
    context = {
        "report": found,
        "versions": selectors.versions_of(found).order_by("-version"),
        "files": found.files.all(),
        "latest": selectors.latest_version(found),
        "place": selectors.Place(found.district),
    }
    return render(request, "dashboards/report.html", context)


@rule_required("dashboards.view_reports")
@require_GET
def report_file(request, pk: int):
    file = get_visible_or_404(ReportFile.objects.select_related("report__district"), request.user, pk=pk)
    place = selectors.Place(file.report.district)
    name = f"{place.name} {file.report.period} v{file.report.version} {file.language}"
    return private_file_response(
        file.file, actor=request.user, what="dashboards.report_file", target=file.report, download_name=name
    )


@rule_required("dashboards.approve_report")
def approve(request, pk: int):
    found = get_visible_or_404(selectors.reports_for(request.user), request.user, pk=pk)
    done = reverse("dashboards:report", args=[found.pk])
    return modal_form(
        request,
        form=ApprovalForm(request.POST or None),
        modal=Modal(
            title=gettext_lazy("Approve the report"),
            action=reverse("dashboards:approve", args=[found.pk]),
            cancel_url=done,
            submit=gettext_lazy("Approve"),
            intro=_("Version %(version)s of %(month)s") % {"version": found.version, "month": found.period.label},
        ),
        save=lambda data: report_approve(actor=request.user, report=found, **data),
        event="reportChanged",
        done_url=done,
    )


@rule_required("dashboards.rebuild_report")
def rebuild(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RebuildForm(request.POST)
    if not form.is_valid():
        return render(request, "dashboards/_build.html", {"errors": form.errors, "build": None}, status=400)
    try:
        build = report_rebuild_request(actor=request.user, scope=form.cleaned_data["scope"], month=form.cleaned_data["month"])
    except DomainError as error:
        return render(request, "dashboards/_build.html", {"refusal": error.message, "build": None}, status=400)
    if request.htmx:
        return render(request, "dashboards/_build.html", {"build": build})
    messages.success(request, _("The report is being built."))
    return redirect(reverse("dashboards:build", args=[build.pk]))


@rule_required("dashboards.rebuild_report")
@require_GET
def build(request, pk: int):
    found = get_visible_or_404(selectors.builds_for(request.user), request.user, pk=pk)
    return render_page_or_partial(request, "dashboards/build.html", {"build": found}, partial="progress")
