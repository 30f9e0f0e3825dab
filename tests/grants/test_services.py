"""The application's text and its life: drafts, submission, frozen versions and amendments, and the
money (budget, allocation, tranches, monitoring visits)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import DomainError
from families.models import TimelineEntry
from grants import selectors, services
from grants.models import Allocation, ApplicationVersion, Budget, MonitoringVisit, Status
from notifications.models import Notification
from tests.grants.factories import brought_to, draft, officer_for, plan_pdf

pytestmark = pytest.mark.django_db


def test_a_draft_asking_more_than_the_cap_is_refused_and_nothing_is_saved(round_):
    with pytest.raises(DomainError) as refusal:
        draft(round_, requested_amount=Decimal(555_001))
    assert refusal.value.field == "requested_amount"
    assert not round_.applications.exists()


def test_the_database_refuses_an_amount_over_the_cap_written_past_the_service(round_):
    application = draft(round_)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(application).objects.filter(pk=application.pk).update(requested_amount=Decimal(600_000))


def test_an_application_is_not_submitted_without_its_business_plan(round_):
    application = draft(round_)
    with pytest.raises(DomainError) as refusal:
        services.application_submit(actor=application.created_by, application=application)
    assert refusal.value.field == "documents"
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_submitting_freezes_the_first_version_and_records_district_and_iin(round_):
    application = brought_to(Status.SUBMITTED, round_)
    assert application.district_id == application.family.district_id
    assert application.applicant_iin == application.family.mother.iin
    assert ApplicationVersion.objects.get(application=application).number == 1
    with pytest.raises(DomainError):
        services.application_update(actor=application.created_by, application=application, business_idea="Басқа")


def test_a_version_once_written_is_never_changed_in_the_database(round_):
    version = brought_to(Status.SUBMITTED, round_).versions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationVersion.objects.filter(pk=version.pk).update(comment="changed")


def test_an_amendment_is_a_new_version_and_the_diff_names_the_changed_fields(round_):
    application = brought_to(Status.UNDER_REVIEW, round_)
    officer = officer_for(application)
    services.application_amend(
        actor=officer, application=application, comment="Сома түзетілді", requested_amount=Decimal(450_000), expected_jobs=3
    )
    assert list(application.versions.values_list("number", flat=True)) == [1, 2]
    assert application.versions.get(number=1).data["requested_amount"] == "500000"
    diff = selectors.version_diff(application)
    assert [(old, new) for _, old, new in diff] == [("500000", "450000"), ("2", "3")]


def test_a_document_is_added_to_a_draft_only(round_):
    application = brought_to(Status.SUBMITTED, round_)
    with pytest.raises(DomainError):
        services.document_add(actor=application.created_by, application=application, kind="plan", file=plan_pdf())
    assert application.documents.count() == 1


def test_every_move_leaves_a_transition_an_audit_row_a_timeline_entry_and_her_message(round_):
    application = brought_to(Status.UNDER_REVIEW, round_)
    moves = list(application.transitions.values_list("name", flat=True))
    assert moves == ["submit", "check", "confirm_eligible"]
    assert AuditEvent.objects.filter(action__in=["grant.submit", "grant.check", "grant.confirm_eligible"]).count() == 3
    assert TimelineEntry.objects.filter(family=application.family, kind="grants.moved").count() == 3
    assert Notification.objects.filter(template__key="grant_status_changed").count() == 3


def approve(application, amount):
    return services.application_approve(actor=officer_for(application), application=application, amount=Decimal(amount))


def test_approving_spends_from_the_budget_and_the_district_allocation(round_):
    application = brought_to(Status.APPROVED, round_, approved=Decimal(400_000))
    budget = Budget.objects.get(pk=round_.budget_id)
    allocation = Allocation.objects.get(budget=budget, district=application.district)
    assert (budget.approved, allocation.approved) == (400_000, 400_000)
    assert selectors.spent(budget) == 400_000


def test_an_approval_over_the_district_allocation_is_refused(almaly):
    from tests.grants.factories import open_round

    round_ = open_round(districts=[almaly.district], allocation=Decimal(300_000))
    application = brought_to("scored", round_)
    with pytest.raises(DomainError) as refusal:
        approve(application, 300_001)
    assert refusal.value.field == "amount"
    application.refresh_from_db()
    assert (application.status, application.approved_amount) == (Status.UNDER_REVIEW, None)


def test_an_approval_over_the_programme_budget_is_refused(almaly):
    from tests.grants.factories import open_round

    round_ = open_round(districts=[almaly.district], amount=Decimal(200_000))
    application = brought_to("scored", round_)
    with pytest.raises(DomainError):
        approve(application, 250_000)
    assert Budget.objects.get(pk=round_.budget_id).approved == 0


def test_the_database_refuses_an_overspend_that_gets_past_the_service(almaly):
    from tests.grants.factories import open_round

    round_ = open_round(districts=[almaly.district], allocation=Decimal(300_000))
    application = brought_to("scored", round_)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(application).objects.filter(pk=application.pk).update(status=Status.APPROVED, approved_amount=Decimal(400_000))


def test_the_database_refuses_an_approval_in_a_district_without_allocation(round_, bostandyk):
    application = brought_to("scored", round_)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(application).objects.filter(pk=application.pk).update(
            district=bostandyk.district, status=Status.APPROVED, approved_amount=Decimal(1000)
        )


def test_rejecting_after_approval_is_impossible_and_withdrawal_gives_no_money_back_twice(round_):
    application = brought_to(Status.APPROVED, round_)
    with pytest.raises(DomainError):
        services.application_move(actor=officer_for(application), application=application, name="reject", comment="Жоқ")


def test_tranches_never_exceed_the_approved_amount_and_the_first_schedules_the_visits(round_):
    application = brought_to(Status.AGREEMENT, round_, approved=Decimal(400_000))
    officer = officer_for(application)
    paid = timezone.localdate() - dt.timedelta(days=1)
    services.tranche_record(actor=officer, application=application, amount=Decimal(100_000), paid_on=paid)
    application.refresh_from_db()
    assert (application.status, application.disbursed) == (Status.DISBURSED, 100_000)
    assert list(MonitoringVisit.objects.filter(application=application).values_list("months", flat=True)) == [6, 12]
    with pytest.raises(DomainError):
        services.tranche_record(actor=officer, application=application, amount=Decimal(300_001), paid_on=paid)
    services.tranche_record(actor=officer, application=application, amount=Decimal(300_000), paid_on=paid)
    application.refresh_from_db()
    assert (application.status, application.disbursed) == (Status.MONITORING, 400_000)


def test_the_database_refuses_tranches_over_the_approved_amount(round_):
    application = brought_to(Status.DISBURSED, round_, approved=Decimal(400_000))
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO grants_tranche (application_id, amount, paid_on, recorded_by_id, recorded_at) "
            "SELECT id, 300000, CURRENT_DATE, created_by_id, NOW() FROM grants_application WHERE id = %s",
            [application.pk],
        )


def test_a_monitoring_visit_is_recorded_once_and_the_overdue_list_shows_the_rest(round_):
    application = brought_to(Status.MONITORING, round_)
    officer = officer_for(application)
    six, twelve = MonitoringVisit.objects.filter(application=application)
    services.visit_record(
        actor=officer, visit=six, done_on=timezone.localdate(), operating=True, jobs_created=2, revenue_band="lt200"
    )
    with pytest.raises(DomainError):
        services.visit_record(
            actor=officer, visit=six, done_on=timezone.localdate(), operating=True, jobs_created=2, revenue_band="lt200"
        )
    later = twelve.due_on + dt.timedelta(days=1)
    assert list(selectors.overdue_visits(officer, today=later)) == [twelve]


def test_the_reminder_task_tells_the_centres_officer_once_per_visit(round_):
    from grants.services.reminders import visits_remind

    application = brought_to(Status.MONITORING, round_)
    officer_for(application)
    soon = MonitoringVisit.objects.get(application=application, months=6).due_on
    assert visits_remind(today=soon) == 1
    assert visits_remind(today=soon) == 0
    assert Notification.objects.filter(template__key="grant_visit_due").count() >= 1
