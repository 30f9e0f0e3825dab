"""Marking a month stale happens inside every write the figures count (a visit, a booking, an
appointment…): two writers of the same month must not wait for each other on it. Real transactions on
PostgreSQL, on two connections: the first holds its mark uncommitted while the second marks the same
month under a lock timeout."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from core.months import Month
from dashboards.models import StaleMonth
from dashboards.services import rollups_refresh, stale_mark

pytestmark = pytest.mark.django_db(transaction=True)
NOVEMBER = Month(2026, 11)


def second_writer_while_the_first_holds_its_mark(mark) -> Exception | None:
    """The first writer marks NOVEMBER and keeps its transaction open; the second marks it too, giving
    up after 1 s of waiting. Returns what the second got (None: it did not wait)."""
    held, done = threading.Event(), threading.Event()

    def first():
        try:
            with transaction.atomic():
                mark()
                held.set()
                done.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert held.wait(10)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("set local lock_timeout = '1s'")
            mark()
    except OperationalError as error:
        return error
    finally:
        done.set()
        thread.join()
    return None


def test_two_writers_of_the_same_month_do_not_wait_for_each_other_and_both_marks_count():
    assert second_writer_while_the_first_holds_its_mark(lambda: stale_mark([NOVEMBER])) is None

    assert StaleMonth.objects.filter(month=NOVEMBER.first_day).count() == 2
    assert rollups_refresh() == [NOVEMBER] and not StaleMonth.objects.exists()


def test_without_append_only_marks_the_second_writer_waits_for_the_first():
    def upsert():  # the shape marks had before: one row per month, updated by every writer
        with connection.cursor() as cursor:
            cursor.execute(
                "insert into dashboards_stalemonth (month, marked_at) values (%s, now()) "
                "on conflict (month) do update set marked_at = excluded.marked_at",
                [NOVEMBER.first_day],
            )

    with connection.cursor() as cursor:
        cursor.execute("create unique index stale_month_once on dashboards_stalemonth (month)")
    try:
        assert "lock timeout" in str(second_writer_while_the_first_holds_its_mark(upsert))
    finally:
        with connection.cursor() as cursor:
            cursor.execute("drop index stale_month_once")
