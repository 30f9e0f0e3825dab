"""seed_demo on a working day: the demo of ``make run`` as its logins find it (seeded once for the
module: these tests only read it, or change it inside their own transaction)."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from centres.models import Centre
from core.i18n import in_languages
from families.categories import Category
from families.messages import message_context
from families.models import AppealStep, CategoryChange, Family, TimelineEntry, Visit
from families.timeline import MESSAGE_KINDS, message_entry
from notifications.models import Notification
from notifications.services import notification_deliver, notification_retry
from tests.helpers import kept_for_the_module

pytestmark = pytest.mark.django_db


# A Tuesday at 13:30 in Almaty: the centres have been open since 9:00.
WORKING_DAY = dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo_day(django_db_setup, django_db_blocker):
    """The demo of ``make run`` (200 families), seeded in the middle of a working day, which stands
    still for the module's tests."""
    with time_machine.travel(WORKING_DAY, tick=False), kept_for_the_module(django_db_blocker):
        call_command("seed_demo", families=200, skip=["dashboards"], stdout=io.StringIO())
        yield


def test_every_centre_has_a_day_of_visits_and_the_registrars_a_queue(demo_day):
    today = timezone.localdate()
    for centre in Centre.objects.all():
        visits = Visit.objects.filter(centre=centre, arrived_at__date=today)
        assert visits.count() >= 5, centre
        assert all(visit.arrived_at <= timezone.now() for visit in visits)
    registrars = Visit.objects.filter(centre__staff__username="registrar", arrived_at__date=today)
    assert registrars.filter(status=Visit.Status.WAITING).exists() and registrars.filter(status=Visit.Status.SERVED).exists()


def test_the_messages_are_settled_rows_of_the_outbox_sent_or_failed_never_waiting(demo_day):
    messages = Notification.objects.select_related("template")
    assert set(messages.values_list("status", flat=True)) == {Notification.Status.SENT, Notification.Status.FAILED}
    assert not messages.filter(scheduled_for__gt=timezone.now()).exists()
    assert set(messages.filter(status="failed").values_list("channel", "failure").distinct()) >= {
        ("sms", "gateway"),
        ("sms", "rejected"),
    }
    assert messages.filter(channel="email", status="sent").exists()
    assert not messages.filter(status="failed", last_error="").exists()
    for message in messages.filter(status="sent", channel="sms"):
        # what the outbox itself would have sent
        assert message.body == message.template.render("sms_text", message.language, message.context)


def test_every_family_was_told_of_its_registration_in_her_language_as_the_registry_tells_her(demo_day):
    for family in Family.objects.select_related("mother", "centre"):
        message = Notification.objects.get(idempotency_key=f"family_registered:{family.pk}")
        expected = message_context(family, centre=family.centre)
        assert (message.language, message.context, message.recipient) == (family.language, expected, family)
        assert message.to == (family.email if family.notify_by == "email" else str(family.phone))


def test_each_message_is_on_the_timeline_as_the_registry_writes_it_when_the_outbox_settles_it(demo_day):
    entries = {entry.ref: entry for entry in TimelineEntry.objects.filter(kind__in=MESSAGE_KINDS.values())}
    messages = Notification.objects.select_related("template")
    assert len(entries) == messages.count()
    for message in messages:
        entry = entries[f"notifications.notification:{message.pk}"]
        expected = message_entry(message, what=in_languages(lambda m=message: m.template.description), at=entry.at)
        assert (entry.family_id, entry.kind, entry.at, entry.params) == (
            expected["family_id"],
            expected["kind"],
            expected["at"],
            expected["params"],
        )


def test_a_failed_demo_message_can_be_sent_again(demo_day):
    failed = Notification.objects.filter(status="failed", channel="sms").first()

    notification_retry(actor=User.objects.get(username="head"), notification=failed)
    notification_deliver(notification_id=failed.pk)

    failed.refresh_from_db()
    assert failed.status == Notification.Status.SENT


def test_the_categories_changed_lately_in_the_registrars_district_and_each_change_is_on_the_timeline(demo_day):
    since = timezone.localdate() - dt.timedelta(days=30)
    registrar = User.objects.get(username="registrar")
    assert CategoryChange.objects.visible_to(registrar).filter(on__gte=since).count() >= 3
    refs = set(TimelineEntry.objects.filter(kind__startswith="families.category_").values_list("ref", flat=True))
    assert refs == {f"families.categorychange:{pk}" for pk in CategoryChange.objects.values_list("pk", flat=True)}


def test_the_category_changes_lead_to_the_categories_each_family_holds(demo_day):
    for family in Family.objects.prefetch_related("category_changes"):
        last = {}
        for change in sorted(family.category_changes.all(), key=lambda change: (change.on, change.at)):
            assert change.on > family.created_at.date() and change.at <= timezone.now()
            assert last.get(change.category) != change.gained  # a change changes something
            last[change.category] = change.gained
        for category, gained in last.items():
            assert getattr(family, Category(category).flag) == gained, (family.pk, category)


def test_the_changes_staff_caused_are_theirs_and_the_daily_checks_are_nobodys(demo_day):
    changes = CategoryChange.objects.select_related("by")
    assert changes.filter(by__isnull=True).exists() and changes.filter(by__isnull=False).exists()
    for change in changes.filter(by__isnull=True):
        assert timezone.localtime(change.at).time() == dt.time(0, 15)
    assert {change.by.role for change in changes.filter(by__isnull=False)} <= {"registrar", "centre_head", "administrator"}


def test_a_referral_leaves_the_appeals_referred_step_without_a_comment(demo_day):
    assert AppealStep.objects.filter(to_status="referred").exists()
    assert not AppealStep.objects.filter(to_status="referred").exclude(comment="").exists()


def test_the_demo_logins_pages_have_something_to_show(demo_day, client):
    with time_machine.travel(WORKING_DAY, tick=False):
        client.force_login(User.objects.get(username="registrar"))
        today = client.get("/kk/families/today/").context
        changes = client.get("/kk/families/changes/").context["changes"]
        client.force_login(User.objects.get(username="head"))
        log = client.get("/kk/messages/", {"status": "failed"})

    assert today["waiting"] >= 1 and len(today["visits"]) > today["waiting"]
    assert len(changes) >= 3
    failed = list(log.context["page"])
    assert failed and f"/kk/messages/{failed[0].pk}/retry/" in log.content.decode()
