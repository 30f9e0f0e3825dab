import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from audit.models import AuditEvent
from families.models import CategoryChange, CategoryThresholds, Family
from families.tasks import recompute_categories
from families.timeline import timeline_for
from tests.factories import RegistrarFactory
from tests.families.factories import family_with_children, years_ago

pytestmark = pytest.mark.django_db


def at_noon(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12, 0), tzinfo=timezone.get_current_timezone()), tick=False)


def test_the_daily_task_notices_a_child_turning_18(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    # The eldest turns 18 tomorrow.
    family = family_with_children(3, 6, 10, (18, -1), registrar=registrar)
    assert family.is_large
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert family.large_until == tomorrow

    with at_noon(tomorrow):
        changed = recompute_categories.delay().get()

        family.refresh_from_db()
        assert changed == 1
        assert not family.is_large and family.large_until is None
        change = CategoryChange.objects.get(family=family)
        assert (change.category, change.gained, change.by, change.on) == ("large", False, None, tomorrow)
        assert AuditEvent.objects.filter(action="family.categories_changed", target_id=str(family.pk), actor=None).exists()
        assert any(
            "large" in str(entry.title) or "Көпбалалы" in str(entry.title) or "көпбалалы" in str(entry.title)
            for entry in timeline_for(family, registrar)
        )

        client.force_login(registrar)
        changes_page = client.get("/kk/families/changes/")
        assert [c.family for c in changes_page.context["changes"]] == [family]


def test_running_the_task_again_the_same_day_changes_nothing(almaly):
    family_with_children(3, 6, 10, (18, -1), registrar=RegistrarFactory(centre=almaly))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with at_noon(tomorrow):
        assert recompute_categories.delay().get() == 1
        assert recompute_categories.delay().get() == 0
    assert CategoryChange.objects.count() == 1


def test_a_new_poverty_line_makes_families_low_income_from_its_date(almaly):
    family = family_with_children(3, registrar=RegistrarFactory(centre=almaly), monthly_income=120000)  # 40,000 per person
    assert not family.is_low_income
    next_month = timezone.localdate() + dt.timedelta(days=31)
    CategoryThresholds.objects.create(valid_from=next_month, poverty_line=45000)

    assert recompute_categories.delay().get() == 0
    with at_noon(next_month):
        assert recompute_categories.delay().get() == 1
    assert Family.objects.get(pk=family.pk).is_low_income


def test_the_daily_recomputation_is_scheduled_in_the_database_for_administrators_to_edit():
    task = PeriodicTask.objects.get(task="families.tasks.recompute_categories")
    assert (task.crontab.hour, task.crontab.minute, task.enabled) == ("0", "15", True)


def test_the_date_a_family_stops_being_large_is_shown_on_its_page(client, almaly):
    registrar = RegistrarFactory(centre=almaly)
    family = family_with_children(3, 6, 10, (17, 100), registrar=registrar)
    client.force_login(registrar)
    page = client.get(f"/ru/families/{family.pk}/").content.decode()
    stops = (years_ago(17, 100).replace(year=years_ago(17, 100).year + 18)).strftime("%d.%m.%Y")
    assert f"перестанет считаться многодетной {stops}" in page
    assert "4 ребёнка до 18 лет" in page
