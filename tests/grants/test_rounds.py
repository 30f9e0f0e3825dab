"""A round's stage, moved one step forward by the grant officer: each step's guard, no skipping and no
going back, nobody else, one audit row per move, and the commission told once when the round reaches
the decision."""

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from core.errors import DomainError
from grants import services
from grants.models import Round, RoundMove, Status
from notifications.models import Notification
from tests.factories import (
    AdministratorFactory,
    CentreHeadFactory,
    CommissionMemberFactory,
    GrantOfficerFactory,
    GrantReviewerFactory,
    MotherUserFactory,
    RegistrarFactory,
)
from tests.grants.factories import brought_to, officer_for, scored

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def officer(almaly):
    return GrantOfficerFactory(centre=almaly)


def at(round_: Round, stage: str, *, closed_days_ago: int = 1) -> Round:
    """The round at ``stage`` with its window over (as an administrator would have left it)."""
    Round.objects.filter(pk=round_.pk).update(stage=stage, closes_on=timezone.localdate() - dt.timedelta(days=closed_days_ago))
    round_.refresh_from_db()
    return round_


def english(call):
    with translation.override("en"), pytest.raises(DomainError) as refusal:
        call()
    return str(refusal.value.message)


def test_an_open_round_goes_to_review_only_once_its_last_day_is_over_in_almaty(round_, officer):
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(closes_on=today)
    # 20:00 UTC the day before is 01:00 on the last day in Almaty (UTC+5); 19:30 UTC on the last day is
    # already the next day there.
    evening_before = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(20, 0), tzinfo=dt.UTC)
    after_midnight = dt.datetime.combine(today, dt.time(19, 30), tzinfo=dt.UTC)

    with time_machine.travel(evening_before, tick=False):
        message = english(lambda: services.round_move(actor=officer, round_=round_, stage="review"))
    with time_machine.travel(after_midnight, tick=False):
        services.round_move(actor=officer, round_=round_, stage="review")

    assert "takes applications until" in message
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.REVIEW


def test_a_round_whose_window_is_still_open_stays_open(round_, officer):
    message = english(lambda: services.round_move(actor=officer, round_=round_, stage="review"))
    assert "it goes to review from the next day" in message
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.OPEN and not RoundMove.objects.exists()


def test_review_to_decision_is_refused_while_applications_under_review_have_no_submitted_score(round_, officer):
    first, second = brought_to(Status.UNDER_REVIEW, round_), brought_to(Status.UNDER_REVIEW, round_)
    at(round_, Round.Stage.REVIEW)

    message = english(lambda: services.round_move(actor=officer, round_=round_, stage="decision"))
    scored(first, officer=officer_for(first))
    one_left = english(lambda: services.round_move(actor=officer, round_=round_, stage="decision"))
    scored(second, officer=officer_for(second))
    services.round_move(actor=officer, round_=round_, stage="decision")

    assert message == "2 applications under review have no submitted score yet."
    assert one_left == "1 application under review has no submitted score yet."
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.DECISION


def test_review_to_decision_is_refused_while_an_application_awaits_the_eligibility_check(round_, officer):
    brought_to(Status.SUBMITTED, round_)
    at(round_, Round.Stage.REVIEW)
    message = english(lambda: services.round_move(actor=officer, round_=round_, stage="decision"))
    assert message == "1 application of the round has not been through the eligibility check yet."


def test_decision_to_closed_is_refused_while_an_application_is_under_review_and_the_reserve_list_is_a_decision(round_, officer):
    waiting = brought_to("scored", round_)
    brought_to(Status.RESERVE, round_)
    at(round_, Round.Stage.DECISION)

    message = english(lambda: services.round_move(actor=officer, round_=round_, stage="closed"))
    services.application_move(actor=officer_for(waiting), application=waiting, name="reject", comment="Балл төмен")
    services.round_move(actor=officer, round_=round_, stage="closed")

    assert message == "1 application of the round still awaits the commission's decision."
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.CLOSED


@pytest.mark.parametrize(
    ("stage", "target"),
    [("open", "decision"), ("review", "closed"), ("review", "open"), ("decision", "review"), ("closed", "decision")],
    ids=["skip-review", "skip-decision", "back-to-open", "back-to-review", "after-closed"],
)
def test_a_round_moves_one_stage_forward_only(round_, officer, stage, target):
    at(round_, stage)
    with pytest.raises(DomainError):
        services.round_move(actor=officer, round_=round_, stage=target)
    round_.refresh_from_db()
    assert round_.stage == stage and not RoundMove.objects.exists()


@pytest.mark.parametrize(
    "make",
    [
        CommissionMemberFactory,
        AdministratorFactory,
        GrantReviewerFactory,
        MotherUserFactory,
        lambda: RegistrarFactory(),
        lambda: CentreHeadFactory(),
    ],
    ids=["commission_member", "administrator", "reviewer", "mother", "registrar", "centre_head"],
)
def test_only_the_grant_officer_moves_a_round(round_, make):
    at(round_, Round.Stage.OPEN)
    with pytest.raises(DomainError):
        services.round_move(actor=make(), round_=round_, stage="review")
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.OPEN


def test_a_move_leaves_its_row_with_the_comment_and_an_audit_row(round_, officer):
    at(round_, Round.Stage.OPEN)
    services.round_move(actor=officer, round_=round_, stage="review", comment="Қабылдау аяқталды")

    move = RoundMove.objects.get()
    assert (move.source, move.target, move.actor, move.comment) == ("open", "review", officer, "Қабылдау аяқталды")
    event = AuditEvent.objects.get(action="grant.round_move")
    assert (event.actor, event.target_id, event.data) == (officer, str(round_.pk), {"from": "open", "to": "review"})
    assert event.changed_fields == ["stage"]


def test_the_commission_members_are_told_once_when_the_round_reaches_the_decision_and_no_mother_is_named(round_, officer):
    application = brought_to("scored", round_)
    members = [CommissionMemberFactory(language="kk"), CommissionMemberFactory(language="ru")]
    CommissionMemberFactory(is_active=False)
    at(round_, Round.Stage.REVIEW)

    services.round_move(actor=officer, round_=round_, stage="decision")
    # An administrator puts it back in the admin and the officer moves it again: nothing more is sent.
    at(round_, Round.Stage.REVIEW)
    services.round_move(actor=officer, round_=round_, stage="decision")

    sent = Notification.objects.filter(template__key="grant_round_decision").order_by("recipient_id")
    assert [n.recipient_id for n in sent] == [m.pk for m in members]
    assert [n.context["round"] for n in sent] == ["2026 — I кезең", "2026 — I этап"]
    assert sent[0].context["count"] == "1" and sent[0].context["link"].endswith(f"/grants/rounds/{round_.pk}/")
    mother = application.family.mother
    for notification in sent:
        text = notification.template.render("email_body", notification.language, notification.context)
        assert mother.last_name not in text and mother.iin not in text and application.number not in text


def test_the_officer_moves_a_round_from_the_rounds_page_and_a_refusal_stays_in_the_modal(client, round_, officer):
    brought_to(Status.UNDER_REVIEW, round_)
    at(round_, Round.Stage.OPEN)
    client.force_login(officer)
    url = reverse("grants:round_move", args=[round_.pk])

    rounds = client.get(reverse("grants:rounds")).content.decode()
    opened = client.get(url, headers=HTMX)
    moved = client.post(url, {"stage": "review", "comment": ""}, headers=HTMX)
    with translation.override("ru"):
        refused = client.post(reverse("grants:round_move", args=[round_.pk]), {"stage": "decision"}, headers=HTMX)

    assert f'href="{url}"' in rounds
    assert opened.status_code == 200 and 'value="review"' in opened.content.decode()
    assert moved.status_code == 204 and "roundsChanged" in json.loads(moved["HX-Trigger"])
    assert refused.status_code == 400 and "ещё нет ни одной поданной оценки" in refused.content.decode()
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.REVIEW
    assert 'data-testid="round-moves"' in client.get(reverse("grants:ranking", args=[round_.pk])).content.decode()


def test_a_closed_round_offers_no_move_and_its_form_says_why(client, round_, officer):
    at(round_, Round.Stage.CLOSED)
    client.force_login(officer)
    with translation.override("ru"):
        rounds = client.get(reverse("grants:rounds")).content.decode()
        opened = client.get(reverse("grants:round_move", args=[round_.pk]))
    assert 'data-testid="move-round"' not in rounds
    assert opened.status_code == 403 and "Этап закрыт" in opened.content.decode()
