import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from families.models import CategoryThresholds
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    client.force_login(AdministratorFactory())
    return client


def test_the_thresholds_in_force_can_be_neither_changed_nor_deleted(admin):
    in_force = CategoryThresholds.on(timezone.localdate())
    url = f"/admin/families/categorythresholds/{in_force.pk}/"
    assert admin.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    admin.post(
        f"{url}change/",
        {
            "valid_from": in_force.valid_from,
            "poverty_line": "1",
            "large_family_children": 4,
            "child_age_limit": 18,
            "student_age_limit": 23,
        },
    )
    in_force.refresh_from_db()
    assert in_force.poverty_line != Decimal("1")


def test_new_thresholds_from_a_later_date_are_added_and_may_be_corrected_until_then(admin):
    starts = timezone.localdate() + dt.timedelta(days=30)
    data = {
        "valid_from": starts.isoformat(),
        "poverty_line": "60000",
        "large_family_children": 4,
        "child_age_limit": 18,
        "student_age_limit": 23,
    }
    assert admin.post("/admin/families/categorythresholds/add/", data).status_code == 302
    planned = CategoryThresholds.objects.get(valid_from=starts)
    assert (
        admin.post(f"/admin/families/categorythresholds/{planned.pk}/change/", data | {"poverty_line": "61000"}).status_code
        == 302
    )
    planned.refresh_from_db()
    assert planned.poverty_line == Decimal("61000")
    assert admin.post(f"/admin/families/categorythresholds/{planned.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not CategoryThresholds.objects.filter(pk=planned.pk).exists()
