"""The pages: a mother applies from her cabinet (a forged or oversized file is refused and nothing is
kept), another mother's document is a 404, the reviewer's page shows no IIN, phone, address or name,
and the ranking and balance pages cost the same queries for 1 application as for 25."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from grants.models import Application, Document, Status
from tests.factories import GrantOfficerFactory, MotherUserFactory
from tests.grants.factories import FIELDS, brought_to, eligible_family, officer_for, reviewer_with_iin, scored
from tests.uploads import EXE, hostile, scan, upload

pytestmark = pytest.mark.django_db


def form_data(round_, **extra):
    return {"round": round_.pk, **{k: str(v) for k, v in FIELDS.items()}, **extra}


@pytest.fixture
def mother(almaly):
    user = MotherUserFactory(language="ru")
    eligible_family(registrar__centre=almaly, mother_account=user, language="ru")
    return user


def test_a_mother_applies_and_submits_from_her_cabinet_with_her_business_plan(client, mother, round_):
    client.force_login(mother)
    data = form_data(round_, submit="on", plan=upload("plan.pdf", scan("pdf"), "application/pdf"))
    response = client.post(reverse("grants:apply"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get(family=mother.family)
    assert application.status == Status.SUBMITTED
    assert application.documents.get().file.name.startswith("private/")
    with translation.override("ru"):
        url = reverse("grants:my_applications")
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Подана" in page


@pytest.mark.parametrize(
    "file",
    [
        lambda: upload("plan.pdf", EXE, "application/pdf"),
        lambda: hostile("picture.svg"),
        lambda: upload("plan.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1), "application/pdf"),
    ],
    ids=["exe-renamed-pdf", "svg-with-script", "over-10-mb"],
)
def test_a_forged_or_oversized_file_is_refused_and_nothing_is_kept(client, mother, round_, settings, file):
    client.force_login(mother)
    response = client.post(reverse("grants:apply"), form_data(round_, plan=file()))
    assert response.status_code == 400
    assert not Application.objects.exists() and not Document.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_an_amount_over_the_cap_is_refused_on_its_field_in_her_language(client, mother, round_):
    client.force_login(mother)
    data = form_data(round_, requested_amount="600000", plan=upload("plan.pdf", scan("pdf"), "application/pdf"))
    response = client.post(reverse("grants:apply"), data)
    assert response.status_code == 400
    assert "Программа даёт не более" in response.content.decode() or "555" in response.content.decode()
    assert not Application.objects.exists()


def test_a_negative_own_contribution_is_refused_on_its_field_in_her_language_when_she_applies_or_edits(client, mother, round_):
    client.force_login(mother)
    with translation.override("ru"):  # her language
        apply = reverse("grants:apply")
    plan = upload("plan.pdf", scan("pdf"), "application/pdf")
    refused = client.post(apply, form_data(round_, own_contribution="-1", plan=plan))
    assert refused.status_code == 400
    assert "Значение должно быть не меньше 0." in refused.content.decode()
    assert not Application.objects.exists()

    client.post(apply, form_data(round_, plan=upload("plan.pdf", scan("pdf"), "application/pdf")))
    application = Application.objects.get(family=mother.family)
    with translation.override("ru"):
        edit = reverse("grants:edit_mine", args=[application.pk])
    changed = {key: value for key, value in form_data(round_).items() if key != "round"}
    refused = client.post(edit, changed | {"own_contribution": "-1"})
    assert refused.status_code == 400
    assert "Значение должно быть не меньше 0." in refused.content.decode()
    application.refresh_from_db()
    assert application.own_contribution == FIELDS["own_contribution"]


def test_another_mothers_document_is_a_404(client, round_, almaly):
    application = brought_to(Status.SUBMITTED, round_)
    client.force_login(MotherUserFactory())
    assert client.get(reverse("grants:document", args=[application.documents.get().pk])).status_code == 404


def test_the_reviewer_sees_the_application_without_iin_phone_address_or_name(client, round_):
    application = brought_to(Status.UNDER_REVIEW, round_)
    reviewer = reviewer_with_iin()
    from grants import services

    services.review_assign(actor=officer_for(application), application=application, reviewer=reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    family = application.family
    assert application.business_idea in page
    for secret in (family.mother.iin, str(family.phone)[-7:], family.address, family.mother.last_name):
        assert secret not in page


def test_an_officer_approves_through_the_modal_within_the_allocation(client, round_):
    application = brought_to("scored", round_)
    client.force_login(officer_for(application))
    response = client.post(reverse("grants:approve", args=[application.pk]), {"amount": "450000"}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (Status.APPROVED, Decimal(450_000))


def _queries(client, url, *, kept: bool = False) -> list[str]:
    """The queries of one request to ``url``: of the page built afresh, or (``kept``) of the page whose
    ranking table the cache kept from the request before."""
    client.get(url)  # the session's first request of the minute writes its "last seen"
    if not kept:
        cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    # Not the session, which the cleared cache sends to the database once (core.sessions).
    return [query["sql"] for query in context.captured_queries if "django_session" not in query["sql"]]


def _ranking_numbers(client, round_) -> list[str]:
    return re.findall(r">(G-\d+)</a>", client.get(reverse("grants:ranking", args=[round_.pk])).content.decode())


@pytest.mark.parametrize("page", ["ranking", "balance"])
def test_the_ranking_and_balance_pages_cost_the_same_queries_for_1_and_25_applications(client, round_, almaly, page):
    first = brought_to("scored", round_, eligible_family(registrar__centre=almaly))
    officer = officer_for(first)
    client.force_login(officer)
    url = reverse("grants:ranking", args=[round_.pk]) if page == "ranking" else reverse("grants:balance")
    one = _queries(client, url)
    for _ in range(24):
        application = brought_to(Status.UNDER_REVIEW, round_, eligible_family(registrar__centre=almaly))
        scored(application, officer=officer)
    many = _queries(client, url)
    assert len(many) == len(one), "\n".join(many)
    # The session and the user, the page's data in one query (ranking: the round, its stage moves and its ranked
    # applications; balance: budgets, allocations, the sums paid), the menu's badge counts.
    assert len(one) <= 8


def test_a_ranking_kept_in_the_cache_costs_no_ranking_query_and_is_ranked_again_once_a_score_commits(
    client, round_, almaly, django_capture_on_commit_callbacks
):
    first = brought_to("scored", round_, eligible_family(registrar__centre=almaly))  # 8 of 10 on every criterion
    second = brought_to(Status.UNDER_REVIEW, round_, eligible_family(registrar__centre=almaly))
    officer = officer_for(first)
    with django_capture_on_commit_callbacks(execute=True):
        scored(second, officer=officer, score=6)
    client.force_login(officer)
    url = reverse("grants:ranking", args=[round_.pk])
    built, kept = _queries(client, url), _queries(client, url, kept=True)
    assert len(kept) == len(built) - 1
    assert not any("grants_review" in sql for sql in kept)
    assert _ranking_numbers(client, round_) == [first.number, second.number]

    with django_capture_on_commit_callbacks() as committing:
        scored(first, officer=officer, score=2)  # first's average falls to 5
    # Until the score commits, the kept table is shown: it is the cache's, not ranked again.
    assert _ranking_numbers(client, round_) == [first.number, second.number]
    for callback in committing:
        callback()
    assert _ranking_numbers(client, round_) == [second.number, first.number]


def test_a_kept_ranking_is_each_scope_s_own_and_follows_a_family_that_moves_district(
    client, round_, almaly, bostandyk, django_capture_on_commit_callbacks
):
    application = brought_to("scored", round_, eligible_family(registrar__centre=almaly))
    here, there = officer_for(application), GrantOfficerFactory(centre=bostandyk)
    client.force_login(here)
    assert _ranking_numbers(client, round_) == [application.number]
    client.force_login(there)
    assert _ranking_numbers(client, round_) == []

    family = application.family
    family.district = bostandyk.district
    with django_capture_on_commit_callbacks(execute=True):
        family.save(update_fields=["district"])
    assert _ranking_numbers(client, round_) == [application.number]
    client.force_login(here)
    assert _ranking_numbers(client, round_) == []


def test_the_ranking_is_shown_a_page_at_a_time_with_the_ranks_running_on(client, round_, almaly, monkeypatch):
    monkeypatch.setattr("grants.selectors.RANKING_PER_PAGE", 2)
    applications = [brought_to("scored", round_, eligible_family(registrar__centre=almaly)) for _ in range(3)]
    client.force_login(officer_for(applications[0]))

    second = client.get(reverse("grants:ranking", args=[round_.pk]), {"page": 2}).content.decode()

    ranks = re.findall(r'<tr>\s*<td data-label="[^"]*">(\d+)</td>', second)
    assert ranks == ["3"] and len(re.findall(r'href="/[a-z]{2}/grants/\d+/"', second)) == 1


def test_the_commission_pack_lists_the_ranked_applications_as_pdf_and_excel_without_names(client, round_):
    from io import BytesIO

    from openpyxl import load_workbook

    from grants.models import Round

    application = brought_to("scored", round_)
    Round.objects.filter(pk=round_.pk).update(stage=Round.Stage.DECISION)
    from tests.grants.factories import commission_member

    client.force_login(commission_member())
    pdf = client.get(reverse("grants:pack_pdf", args=[round_.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("grants:pack_xlsx", args=[round_.pk]))
    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert rows[1][1] == application.number
    assert application.family.mother.last_name not in str(rows)


def test_the_ranking_and_the_commission_pack_mark_the_scores_given_before_an_amendment(client, round_, almaly):
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from grants import services
    from grants.models import Round

    amended = brought_to("scored", round_, eligible_family(registrar__centre=almaly))
    officer = officer_for(amended)
    services.application_amend(actor=officer, application=amended, comment="Сома", requested_amount=Decimal(450_000))
    scored(amended, officer=officer, score=6)  # given to the amended version: not marked
    untouched = brought_to("scored", round_, eligible_family(registrar__centre=almaly))
    client.force_login(officer)
    with translation.override("ru"):
        ranking = client.get(reverse("grants:ranking", args=[round_.pk])).content.decode()
    rows = {number: row for row in re.findall(r"<tr>.*?</tr>", ranking) for number in re.findall(r">(G-\d+)</a>", row)}

    Round.objects.filter(pk=round_.pk).update(stage=Round.Stage.DECISION)
    from tests.grants.factories import commission_member

    client.force_login(commission_member())
    with translation.override("ru"):
        pdf = client.get(reverse("grants:pack_pdf", args=[round_.pk]))
        xlsx = client.get(reverse("grants:pack_xlsx", args=[round_.pk]))
    sheet = list(load_workbook(BytesIO(xlsx.content)).active.values)
    column = sheet[0].index("Оценки за прежнюю версию")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)

    assert ranking.count('data-testid="earlier-scores"') == 1
    assert "1 оценка дана за прежнюю версию" in rows[amended.number]
    assert "earlier-scores" not in rows[untouched.number]
    assert {row[1]: row[column] for row in sheet[1:]} == {amended.number: 1, untouched.number: 0}
    assert "1 оценка дана за прежнюю версию" in text


def test_the_officer_records_a_tranche_through_the_modal_and_the_overdue_list_and_funnel_show(client, round_):
    application = brought_to(Status.AGREEMENT, round_, approved=Decimal(400_000))
    client.force_login(officer_for(application))
    url = reverse("grants:tranche", args=[application.pk])
    today = timezone.localdate().isoformat()
    too_much = client.post(url, {"amount": "400001", "paid_on": today}, headers={"HX-Request": "true"})
    assert too_much.status_code == 400
    assert client.post(url, {"amount": "400000", "paid_on": today}, headers={"HX-Request": "true"}).status_code == 204
    application.refresh_from_db()
    assert (application.status, application.disbursed) == (Status.MONITORING, Decimal(400_000))
    assert client.get(reverse("grants:overdue")).status_code == 200
    funnel = client.get(reverse("grants:funnel"), {"round": round_.pk})
    assert funnel.status_code == 200
    assert [value for _label, value in funnel.context["steps"]][:4] == [1, 1, 1, 1]


def test_a_saved_draft_is_submitted_from_her_cabinet(client, mother, round_):
    client.force_login(mother)
    data = form_data(round_, plan=upload("plan.pdf", scan("pdf"), "application/pdf"))
    assert client.post(reverse("grants:apply"), data).status_code == 302
    application = Application.objects.get(family=mother.family)
    assert application.status == Status.DRAFT
    assert client.post(reverse("grants:submit_mine", args=[application.pk])).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    other = MotherUserFactory()
    client.force_login(other)
    assert client.post(reverse("grants:submit_mine", args=[application.pk])).status_code == 404


def test_she_edits_her_saved_draft_and_submits_it_with_a_new_plan_and_a_submitted_one_is_no_longer_editable(
    client, mother, round_
):
    client.force_login(mother)
    client.post(reverse("grants:apply"), form_data(round_, plan=upload("plan.pdf", scan("pdf"), "application/pdf")))
    application = Application.objects.get(family=mother.family)
    url = reverse("grants:edit_mine", args=[application.pk])
    assert 'data-testid="edit"' in client.get(reverse("grants:my_applications")).content.decode()
    assert "Тігін цехы" in client.get(url).content.decode()  # what she saved, in the form

    changed = {key: value for key, value in form_data(round_).items() if key != "round"} | {"business_idea": "Наубайхана"}
    refused = client.post(url, changed | {"requested_amount": "99999999"})
    saved = client.post(url, changed | {"submit": "on", "plan": upload("plan.pdf", scan("pdf"), "application/pdf")})

    assert refused.status_code == 400 and "Наубайхана" in refused.content.decode()  # nothing she typed is lost
    assert saved.status_code == 302
    application.refresh_from_db()
    assert (application.business_idea, application.status) == ("Наубайхана", Status.SUBMITTED)
    assert application.documents.count() == 2  # the first plan and the new one
    assert client.get(url).status_code == 404
    client.force_login(MotherUserFactory())
    assert client.get(url).status_code == 404
