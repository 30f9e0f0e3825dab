"""The grants' monthly figures against the records counted independently in the test."""

import pytest

from core.extensions import contributions
from core.months import Month
from grants.models import Application, MonitoringVisit, Status, Tranche
from tests.grants.factories import brought_to, eligible_family

pytestmark = pytest.mark.django_db


def figure(code: str, month: Month) -> dict[int, int]:
    indicator = next(i for i in contributions("indicators") if i.code == code)
    return {centre: value for _district, centre, value in indicator.count(month)}


def test_the_grants_figures_count_the_months_records_at_the_familys_centre(round_, almaly):
    brought_to(Status.SUBMITTED, round_, eligible_family(registrar__centre=almaly))
    brought_to(Status.APPROVED, round_, eligible_family(registrar__centre=almaly))
    brought_to(Status.MONITORING, round_, eligible_family(registrar__centre=almaly))
    month = Month.current()
    submitted = Application.objects.filter(submitted_at__isnull=False).count()
    approved = Application.objects.filter(approved_amount__isnull=False)
    paid = sum(t.amount for t in Tranche.objects.all())
    assert figure("grants.applications", month) == {almaly.pk: submitted} == {almaly.pk: 3}
    assert figure("grants.approvals", month) == {almaly.pk: approved.count()}
    assert figure("grants.approved_amount", month) == {almaly.pk: sum(a.approved_amount for a in approved)}
    assert figure("grants.disbursed", month) == {almaly.pk: paid}
    assert figure("grants.businesses_opened", month) == {}
    visit = MonitoringVisit.objects.get(months=6)
    MonitoringVisit.objects.filter(pk=visit.pk).update(done_on=visit.due_on.replace(day=1), operating=True)
    assert figure("grants.businesses_opened", Month.of(visit.due_on)) == {almaly.pk: 1}
