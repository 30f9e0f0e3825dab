"""The thresholds in force on a day: kept by each process, forgotten as soon as they change."""

import datetime as dt

import pytest
from django.utils import timezone

from families.models import CategoryThresholds

pytestmark = pytest.mark.django_db


def test_the_thresholds_are_asked_of_the_database_once_and_then_kept(django_assert_num_queries):
    today = timezone.localdate()
    with django_assert_num_queries(1):
        first = CategoryThresholds.on(today)
        again = CategoryThresholds.on(today)
    assert again.pk == first.pk


def test_thresholds_saved_are_in_force_at_once():
    today = timezone.localdate()
    in_force = CategoryThresholds.on(today)

    newer = CategoryThresholds.objects.create(valid_from=in_force.valid_from + dt.timedelta(days=1), poverty_line=99_000)

    assert CategoryThresholds.on(newer.valid_from).pk == newer.pk
    assert CategoryThresholds.on(in_force.valid_from).pk == in_force.pk


def test_thresholds_deleted_are_no_longer_in_force():
    today = timezone.localdate()
    planned = CategoryThresholds.objects.create(valid_from=today + dt.timedelta(days=30), poverty_line=99_000)
    assert CategoryThresholds.on(planned.valid_from).pk == planned.pk

    planned.delete()

    assert CategoryThresholds.on(planned.valid_from).pk != planned.pk


def test_a_day_before_every_threshold_has_none():
    earliest = CategoryThresholds.objects.order_by("valid_from").first()
    with pytest.raises(CategoryThresholds.DoesNotExist):
        CategoryThresholds.on(earliest.valid_from - dt.timedelta(days=1))
