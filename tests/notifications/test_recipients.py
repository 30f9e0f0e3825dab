"""Who a message goes to: the caller names a recipient (a mother's family, a member of staff, a bare
number); when the message falls due, a recipient with a record is asked again where and whether she
wants it, a bare number never. The centre the caller names is the one whose head sees the message."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone, translation

from accounts.models import User
from families.messages import recipient_for
from families.models import Family, TimelineEntry
from families.services import consent_withdraw
from notifications import sms
from notifications.models import Notification
from notifications.recipients import Recipient
from notifications.services import notification_deliver, notifications_sweep, notify
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import FamilyFactory

pytestmark = pytest.mark.django_db
CONTEXT = {"name": "Әсел", "centre": "Алмалы", "centre_phone": "8 727 272 02 02"}


@pytest.fixture
def family(almaly):
    return FamilyFactory(registrar=RegistrarFactory(centre=almaly), mother__last_name="Нұрланова", phone="+77015551234")


def send_to(recipient, *, centre, key="family_registered", idempotency_key="event:1", **extra) -> Notification:
    """Queues a message to ``recipient`` (nothing leaves until the test delivers it)."""
    return notify(key=key, recipient=recipient, centre=centre, context=CONTEXT | extra, idempotency_key=idempotency_key)


def deliver(notification) -> Notification:
    notification_deliver(notification_id=notification.pk)
    return Notification.objects.get(pk=notification.pk)


def test_a_member_of_staff_with_an_email_address_is_written_to_by_email(almaly):
    head = CentreHeadFactory(centre=almaly, email="head@example.kz", phone="+77015550000", language="ru")

    notification = deliver(send_to(head.notification_recipient(), centre=almaly))

    assert [(m.to, m.subject) for m in mail.outbox] == [(["head@example.kz"], "Добро пожаловать в центр «Бақытты отбасы»")]
    assert sms.outbox == []
    assert (notification.channel, notification.recipient_type, notification.recipient_id) == (
        "email",
        ContentType.objects.get_for_model(User),
        head.pk,
    )
    assert notification.recipient_name == head.get_full_name()


def test_a_member_of_staff_without_one_gets_an_sms(almaly):
    head = CentreHeadFactory(centre=almaly, email="", phone="+77015550000")

    notification = deliver(send_to(head.notification_recipient(), centre=almaly))

    assert [m.to for m in sms.outbox] == ["+77015550000"] and mail.outbox == []
    assert notification.channel == "sms"


def test_a_member_of_staff_who_gave_an_email_address_after_the_message_was_queued_gets_it_by_email(almaly):
    head = CentreHeadFactory(centre=almaly, email="", phone="+77015550000")
    notification = send_to(head.notification_recipient(), centre=almaly)
    head.email = "head@example.kz"
    head.save()

    notification = deliver(notification)

    assert [m.to for m in mail.outbox] == [["head@example.kz"]] and sms.outbox == []
    assert (notification.channel, notification.to) == ("email", "head@example.kz")


def test_a_bare_number_is_sent_to_as_given_and_never_looked_up_again(almaly, family):
    notification = send_to(Recipient.phone("+77015551234", language="ru"), centre=almaly)
    family.phone = "+77770001122"  # the family that had this number changes hers: nothing to do with it
    family.save()

    notification = deliver(notification)

    assert [m.to for m in sms.outbox] == ["+77015551234"]
    assert sms.outbox[0].text.startswith("Әсел, вы зарегистрированы")
    assert (notification.recipient_type, notification.recipient_id, notification.recipient_name) == (None, None, "")
    assert TimelineEntry.objects.filter(family=family).count() == 0


def test_a_mother_who_changed_her_number_after_the_message_was_queued_gets_it_at_the_new_one(family):
    notification = send_to(recipient_for(family), centre=family.centre)
    family.phone = "+77770001122"
    family.save()

    notification = deliver(notification)

    assert [m.to for m in sms.outbox] == ["+77770001122"] and notification.to == "+77770001122"


def test_a_mother_who_chose_email_after_the_message_was_queued_gets_an_email(family):
    notification = send_to(recipient_for(family), centre=family.centre)
    family.notify_by, family.email = "email", "asel@example.kz"
    family.save()

    notification = deliver(notification)

    assert [m.to for m in mail.outbox] == [["asel@example.kz"]] and sms.outbox == []
    assert (notification.channel, notification.to) == ("email", "asel@example.kz")


def test_a_mother_who_refused_reminders_after_they_were_queued_gets_none_but_essential_messages_still_go(
    family, settled, django_capture_on_commit_callbacks
):
    reminder = send_to(recipient_for(family), centre=family.centre)
    essential = send_to(
        recipient_for(family), centre=family.centre, key="appeal_resolved", idempotency_key="event:2", kind="балабақша"
    )
    family.optional_messages = False
    family.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_sweep() == 2  # the sweeper's path: claimed, then attempted

    statuses = dict(Notification.objects.values_list("pk", "status"))
    assert statuses == {reminder.pk: "cancelled", essential.pk: "sent"}
    assert len(sms.outbox) == 1 and "балабақша" in sms.outbox[0].text
    assert sorted(settled) == ["cancelled", "sent"]
    assert list(TimelineEntry.objects.filter(family=family).values_list("kind", flat=True)) == ["families.sms_sent"]


def test_the_delivery_log_names_each_recipient_and_links_a_family_to_her_page(client, almaly, family):
    head = CentreHeadFactory(centre=almaly, email="", phone="+77015550000")
    send_to(recipient_for(family), centre=almaly, idempotency_key="event:1")
    send_to(head.notification_recipient(), centre=almaly, idempotency_key="event:2")
    send_to(Recipient.phone("+77015559999", language="kk"), centre=almaly, idempotency_key="event:3")
    client.force_login(head)

    page = client.get("/kk/messages/").content.decode()

    with translation.override("kk"):
        link = Family.objects.get().get_absolute_url()
    assert f'<a href="{link}">{family.mother.full_name}</a>' in page
    assert f'">{head.get_full_name()}<div' in page  # staff have no page to link to: no <a> around the name
    assert '">—<div' in page  # a bare number has no name


def test_a_message_is_in_the_log_of_the_centre_it_is_about_not_of_the_familys_home_centre(client, almaly, bostandyk, family):
    """A mother of Almaly booked at the Bostandyk centre: its head sees the message, Almaly's does not."""
    notification = send_to(recipient_for(family), centre=bostandyk)

    client.force_login(CentreHeadFactory(centre=bostandyk))
    assert list(client.get("/kk/messages/").context["page"]) == [notification]
    client.force_login(CentreHeadFactory(centre=almaly))
    assert list(client.get("/kk/messages/").context["page"]) == []


def test_a_mother_who_withdrew_her_consent_after_messages_were_queued_gets_none_of_them_essential_or_not(
    family, settled, django_capture_on_commit_callbacks
):
    send_to(recipient_for(family), centre=family.centre)
    send_to(recipient_for(family), centre=family.centre, key="appeal_resolved", idempotency_key="event:2", kind="балабақша")
    consent_withdraw(actor=RegistrarFactory(centre=family.centre), family=family, on=timezone.localdate())

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_sweep() == 2

    assert set(Notification.objects.values_list("status", flat=True)) == {"cancelled"}
    assert sms.outbox == [] and sorted(settled) == ["cancelled", "cancelled"]
