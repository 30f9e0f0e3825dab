"""The grant officer's, the reviewers' and the commission's pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from audit.services import access_log, access_log_many
from core.errors import DomainError, show_on_form
from core.htmx import Modal, modal_form, render_cached_partial, render_page_or_partial
from core.permissions import require, rule_required
from core.roles import Role
from core.scoping import get_visible_or_404, scope_for
from core.xlsx import xlsx_response
from grants import freshness, pack, selectors, services
from grants.filters import ApplicationFilter
from grants.forms import ApproveForm, AssignForm, CommentForm, RoundMoveForm, ScoreForm, TrancheForm, VisitForm
from grants.models import Application, MonitoringVisit, Review, Round, Status
from grants.views.amendments import amendment_modal
from grants.workflow import MOVES, OWN_SERVICE, moves_from

PAGE = 50


def _application(request, pk: int) -> Application:
    return get_visible_or_404(
        Application.objects.select_related("family__mother", "family__centre", "programme", "round", "district"),
        request.user,
        pk=pk,
    )


@rule_required("grants.run_applications")
@require_safe
def applications(request):
    rows = Application.objects.visible_to(request.user).select_related("family__mother", "programme", "round", "district")
    filters = ApplicationFilter(request.GET or None, queryset=rows, user=request.user)
    context = {"filter": filters, "applications": filters.qs[:PAGE], "Status": Status}
    return render_page_or_partial(request, "grants/applications.html", context, partial="rows")


@rule_required("grants.view_application")
@require_safe
def application(request, pk: int):
    """The application: the staff's full page; a reviewer's and a commission member's without the
    mother's IIN, phone or address (``redacted``)."""
    application = _application(request, pk)
    access_log(actor=request.user, action="view", what="grants.application", target=application.family)
    context = {
        "application": application,
        "redacted": request.user.role != Role.GRANT_OFFICER,
        "moves": [m for m in moves_from(application.status, request.user.role) if m.name not in ("submit", "pay", "monitor")],
        "reviews": selectors.reviews_for(request.user, application),
        "transitions": application.transitions.select_related("actor"),
        "diff": selectors.version_diff(application),
        "amendment": selectors.latest_amendment(application),
    }
    return render(request, "grants/application.html", context)


def _application_modal(request, application, *, form, action: str, title, submit, save):
    """The one shape of every step taken on an application page: a modal form, then the page refreshes."""
    return modal_form(
        request,
        form=form,
        modal=Modal(
            title=title, action=action, cancel_url=application.get_absolute_url(), submit=submit, intro=application.number
        ),
        save=save,
        event="applicationChanged",
        done_url=application.get_absolute_url(),
    )


@rule_required("grants.decide")
def move(request, pk: int, name: str):
    application = _application(request, pk)
    step = MOVES.get(name)
    if step is None or name in ("submit", "pay", "monitor", "approve"):
        raise Http404
    if name in OWN_SERVICE:
        save = lambda data: services.application_check(actor=request.user, application=application)  # noqa: E731
    else:
        save = lambda data: services.application_move(actor=request.user, application=application, name=name, **data)  # noqa: E731
    return _application_modal(
        request,
        application,
        form=CommentForm(request.POST or None),
        action=reverse("grants:move", args=[application.pk, name]),
        title=str(step.label),
        submit=str(step.label),
        save=save,
    )


@rule_required("grants.decide")
def approve(request, pk: int):
    application = _application(request, pk)
    return _application_modal(
        request,
        application,
        form=ApproveForm(request.POST or None, initial={"amount": application.requested_amount}),
        action=reverse("grants:approve", args=[application.pk]),
        title=_("Approve the grant"),
        submit=_("Approve"),
        save=lambda data: services.application_approve(actor=request.user, application=application, **data),
    )


@rule_required("grants.run_applications")
def assign(request, pk: int):
    application = _application(request, pk)
    return _application_modal(
        request,
        application,
        form=AssignForm(request.POST or None),
        action=reverse("grants:assign", args=[application.pk]),
        title=_("Assign a reviewer"),
        submit=_("Assign"),
        save=lambda data: services.review_assign(actor=request.user, application=application, **data),
    )


@rule_required("grants.run_applications")
def amend(request, pk: int):
    """The grant officer amends an application she sees (with the mother, or on her written request)."""
    application = _application(request, pk)
    return amendment_modal(
        request,
        application,
        action=reverse("grants:amend", args=[application.pk]),
        back=application.get_absolute_url(),
        event="applicationChanged",
    )


@rule_required("grants.view_rounds")
@require_safe
def rounds(request):
    stages = [Round.Stage.DECISION] if request.user.role == Role.COMMISSION_MEMBER else list(Round.Stage)
    context = {"rounds": Round.objects.all().filter(stage__in=stages).select_related("programme")}
    return render(request, "grants/rounds.html", context)


@rule_required("grants.view_rounds")
@require_safe
def ranking(request, pk: int):
    """The round's ranked applications, a page at a time: the table is kept in the cache for everyone
    of her scope until something it shows changes (``grants.freshness``)."""
    round_ = _round_before(request, pk)
    context = {"round": round_, "moves": round_.moves.select_related("actor")}

    def build() -> dict:
        return context | {"page": selectors.ranking_page(request.user, round_, request.GET.get("page"))}

    if request.htmx:  # the stage's refresh after a move picks its part from the whole page
        return render(request, "grants/ranking.html", build())
    return render_cached_partial(
        request,
        "grants/ranking.html",
        partial="ranking",
        key=f"{request.get_full_path()}|{scope_for(request.user)!r}|{freshness.tokens(round_.pk)}",
        build=build,
        page=context,
        seconds=freshness.RANKING_SECONDS,
    )


@rule_required("grants.move_round")
def round_move(request, pk: int):
    """The round one stage forward, confirmed in a modal (the guards' refusals shown in it)."""
    round_ = get_object_or_404(Round.objects.select_related("programme"), pk=pk)
    if request.method != "POST":
        require(request.user, "grants.move_round", round_)
    following = round_.next_stage
    back = reverse("grants:ranking", args=[round_.pk])
    return modal_form(
        request,
        form=RoundMoveForm(request.POST or None, initial={"stage": following}),
        modal=Modal(
            title=_("Move the round to the stage “%(stage)s”") % {"stage": following.label if following else "—"},
            action=reverse("grants:round_move", args=[round_.pk]),
            cancel_url=back,
            submit=_("Move the round"),
            intro=f"{round_.name} · {round_.programme.name}",
            body_template="grants/_round_move_text.html",
        ),
        save=lambda data: services.round_move(actor=request.user, round_=round_, **data),
        event="roundsChanged",
        done_url=back,
        context={"round": round_, "following": following},
    )


@rule_required("grants.run_applications")
@require_safe
def balance(request):
    year = timezone.localdate().year
    return render(request, "grants/balance.html", {"year": year, "budgets": selectors.balance(year)})


@rule_required("grants.review")
@require_safe
def my_reviews(request):
    reviews = Review.objects.filter(reviewer=request.user).select_related("application__programme", "application__round")
    return render(request, "grants/my_reviews.html", {"reviews": reviews})


@rule_required("grants.review")
def score(request, pk: int):
    review = get_visible_or_404(
        Review.objects.select_related("application__programme", "application__round"), request.user, pk=pk, reviewer=request.user
    )
    application = review.application
    form = ScoreForm(request.POST or None, application=application)
    return modal_form(
        request,
        form=form,
        modal=Modal(
            title=_("Score the application"),
            action=reverse("grants:score", args=[review.pk]),
            cancel_url=reverse("grants:my_reviews"),
            submit=_("Submit the scores"),
            intro=f"{application.number} · {application.business_idea}",
        ),
        save=lambda data: services.review_submit(
            actor=request.user, review=review, scores=form.scores(), declared=data["declared"], comment=data["comment"]
        ),
        event="reviewsChanged",
        done_url=reverse("grants:my_reviews"),
    )


def _round_before(request, pk: int) -> Round:
    """The round, if it is before this user (a commission member sees only rounds at decision)."""
    round_ = get_object_or_404(Round.objects.select_related("programme"), pk=pk)
    if request.user.role == Role.COMMISSION_MEMBER and round_.stage != Round.Stage.DECISION:
        raise Http404
    return round_


def _ranked_round(request, pk: int):
    round_ = _round_before(request, pk)
    return round_, selectors.ranking(request.user, round_)


@rule_required("grants.view_rounds")
@require_safe
def pack_pdf(request, pk: int):
    round_, ranked = _ranked_round(request, pk)
    access_log_many(actor=request.user, action="export", what="grants.export", model=Application, ids=[a.pk for a in ranked])
    response = HttpResponse(pack.pack_pdf(round_, ranked), content_type="application/pdf")
    name = _("Commission pack")
    response["Content-Disposition"] = content_disposition_header(True, f"{name} {round_.pk}.pdf")
    return response


@rule_required("grants.view_rounds")
@require_safe
def pack_xlsx(request, pk: int):
    round_, ranked = _ranked_round(request, pk)
    name = _("Commission pack")
    return xlsx_response(
        pack.pack_sheet(round_, ranked), file_name=f"{name} {round_.pk}", actor=request.user, what="grants.export"
    )


@rule_required("grants.run_applications")
def tranche(request, pk: int):
    application = _application(request, pk)
    return _application_modal(
        request,
        application,
        form=TrancheForm(request.POST or None, initial={"paid_on": timezone.localdate()}),
        action=reverse("grants:tranche", args=[application.pk]),
        title=_("Record a tranche"),
        submit=_("Record the tranche"),
        save=lambda data: services.tranche_record(actor=request.user, application=application, **data),
    )


@rule_required("grants.run_applications")
def visit(request, pk: int):
    """A monitoring visit's outcome; its photo is a private file (a page of its own: a file goes in)."""
    visit = get_visible_or_404(MonitoringVisit.objects.select_related("application"), request.user, pk=pk)
    form = VisitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(actor=request.user, visit=visit, **form.cleaned_data)
        except DomainError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("The visit is recorded."))
            return redirect("grants:overdue")
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/visit.html", {"form": form, "visit": visit}, status=status)


@rule_required("grants.run_applications")
@require_safe
def overdue(request):
    return render(request, "grants/overdue.html", {"visits": selectors.overdue_visits(request.user)[:PAGE]})


@rule_required("grants.run_applications")
@require_safe
def funnel(request):
    rounds = list(Round.objects.all().select_related("programme"))
    chosen = next((r for r in rounds if str(r.pk) == request.GET.get("round")), None)
    year = timezone.localdate().year if chosen is None else None
    counts = selectors.funnel(round_=chosen, year=year)
    labels = selectors.funnel_labels()
    context = {
        "rounds": rounds,
        "chosen": chosen,
        "year": year,
        "steps": [(labels[k], counts[k]) for k in selectors.FUNNEL_STEPS],
    }
    return render(request, "grants/funnel.html", context)
