import datetime as dt

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from notifications import sms
from tests.factories import AdministratorFactory, CentreHeadFactory, RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db
HTMX = {"hx-request": "true"}


@pytest.fixture
def head(client, almaly):
    user = CentreHeadFactory(centre=almaly)
    client.force_login(user)
    client.get("/kk/")  # the session settles before anything is counted
    return user


@pytest.fixture
def family(almaly):
    return FamilyFactory(registrar=RegistrarFactory(centre=almaly), mother__last_name="Нұрланова", phone="+77015551234")


def failed(family, **fields):
    return NotificationFactory(
        family=family, centre=family.centre, status="failed", attempts=5, failure="gateway", last_error="HTTP 503", **fields
    )


def test_a_centre_head_sees_the_messages_of_her_centre_with_masked_numbers(client, head, family, bostandyk):
    ours = NotificationFactory(family=family, centre=head.centre)
    NotificationFactory(centre=bostandyk, to="+77019998877")

    response = client.get("/ru/messages/")

    assert list(response.context["page"]) == [ours]
    page = response.content.decode()
    assert "Журнал доставки" in page and "Нұрланова" in page
    assert "+7701***1234" in page and "+77015551234" not in page


def test_the_log_is_in_kazakh_too(client, head, family):
    failed(family)
    page = client.get("/kk/messages/").content.decode()
    assert "Жеткізу журналы" in page and "Қайта жіберу" in page


def test_filters_narrow_the_log_and_nonsense_in_them_is_ignored(client, head, family):
    lost = failed(family)
    NotificationFactory(family=family, centre=head.centre, status="sent", sent_at=timezone.now())

    assert list(client.get("/kk/messages/", {"status": "failed"}).context["page"]) == [lost]
    assert len(client.get("/kk/messages/", {"status": "lost", "since": "yesterday", "page": "x"}).context["page"]) == 2
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert list(client.get("/kk/messages/", {"since": tomorrow}).context["page"]) == []


def test_an_administrator_may_not_open_the_log_of_messages_to_families(client, almaly, family):
    # Issue 9, item 4: administrators keep reference data (message wording in the admin), not the
    # phone numbers and texts sent to mothers.
    NotificationFactory(family=family, centre=almaly)
    client.force_login(AdministratorFactory())
    assert client.get("/en/messages/").status_code == 403
    assert client.get("/en/messages/summary/").status_code == 403


def test_a_registrar_may_not_open_the_log(client, almaly):
    client.force_login(RegistrarFactory(centre=almaly))
    assert client.get("/kk/messages/").status_code == 403


@pytest.mark.parametrize("count", [1, 25])
def test_the_log_costs_the_same_for_one_row_or_twenty_five(client, head, family, django_assert_num_queries, count):
    for _ in range(count):
        failed(family)
    # the user; the count; the page of messages with their templates and centres; the records
    # they went to, for the links (one query per kind of record: here families)
    with django_assert_num_queries(4):
        response = client.get("/kk/messages/")
    assert len(response.context["page"]) == count


def test_sending_a_failed_message_again_refreshes_its_row_in_place(client, head, family, django_capture_on_commit_callbacks):
    notification = failed(family)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ru/messages/{notification.pk}/retry/", headers=HTMX)

    assert response.status_code == 200
    row = response.content.decode()
    assert row.lstrip().startswith(f'<tr id="notification-{notification.pk}"') and "<html" not in row
    assert "в очереди" in row  # the row as it was when the answer left: queued again
    notification.refresh_from_db()
    assert notification.status == "sent" and len(sms.outbox) == 1
    assert AuditEvent.objects.filter(action="notification.retry", actor=head).count() == 1


def test_without_htmx_sending_again_returns_to_the_filtered_log(client, head, family):
    notification = failed(family)
    response = client.post(f"/kk/messages/{notification.pk}/retry/", {"next": "/kk/messages/?status=failed"})
    assert response.status_code == 302 and response["Location"] == "/kk/messages/?status=failed"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_row_past_the_thousandth_message_is_named_without_a_thousands_separator(client, head, family, language):
    # The demo alone writes hundreds of thousands: "notification-12 345" would be no id, and the row
    # "send again" swaps would not be found.
    row = failed(family, pk=12345)

    page = client.get(f"/{language}/messages/").content.decode()

    assert f'id="notification-{row.pk}"' in page and f'hx-target="#notification-{row.pk}"' in page


def test_sending_again_never_redirects_off_the_site(client, head, family):
    notification = failed(family)
    response = client.post(f"/kk/messages/{notification.pk}/retry/", {"next": "https://evil.example/"})
    assert response["Location"] == "/kk/messages/"


def test_a_message_that_did_not_fail_is_not_sent_again_and_the_row_says_why(client, head, family):
    notification = NotificationFactory(family=family, centre=head.centre, status="sent", sent_at=timezone.now())
    response = client.post(f"/ru/messages/{notification.pk}/retry/", headers=HTMX)
    assert response.status_code == 400
    assert "Повторно можно отправить только сообщение, которое не удалось доставить." in response.content.decode()
    notification.refresh_from_db()
    assert notification.status == "sent" and sms.outbox == []


def test_another_centres_message_is_not_found(client, head, bostandyk):
    theirs = NotificationFactory(centre=bostandyk, status="failed")
    assert client.post(f"/kk/messages/{theirs.pk}/retry/", headers=HTMX).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "failed"


def test_retry_accepts_only_post(client, head, family):
    assert client.get(f"/kk/messages/{failed(family).pk}/retry/").status_code == 405


def test_the_monthly_summary_counts_each_channel_and_its_delivery_rate(client, head, family, bostandyk):
    now = timezone.now()
    for status in ("sent", "sent", "sent", "failed"):
        NotificationFactory(family=family, centre=head.centre, status=status, sent_at=now if status == "sent" else None)
    NotificationFactory(family=family, centre=head.centre, channel="email", to="a@example.kz")  # still waiting
    NotificationFactory(centre=bostandyk, status="failed")  # another centre's
    NotificationFactory(
        family=family, centre=head.centre, status="sent", sent_at=now, scheduled_for=now - dt.timedelta(days=62)
    )  # another month

    response = client.get("/ru/messages/summary/")

    rows = {row.channel: (row.sent, row.failed, row.waiting) for row in response.context["rows"]}
    assert rows == {"sms": (3, 1, 0), "email": (0, 0, 1)}
    page = response.content.decode()
    assert '<td class="text-end" data-testid="rate-sms">75%</td>' in page
    assert '<td class="text-end" data-testid="rate-email">—</td>' in page


def test_a_month_that_is_not_a_month_shows_the_current_one(client, head):
    response = client.get("/kk/messages/summary/", {"month": "2026-13"})
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1999-12"])
@pytest.mark.parametrize(("language", "message"), [("kk", "аралығындағы айды таңдаңыз"), ("ru", "Выберите месяц от 01.2020 до")])
def test_a_month_out_of_bounds_is_refused_with_a_message_not_a_500(client, head, month, language, message):
    response = client.get(f"/{language}/messages/summary/", {"month": month})

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and 'value="' + month + '"' in page
    assert response.context["month"] == timezone.localdate().replace(day=1)


def test_a_long_log_is_paged_and_the_pages_keep_the_filters(client, head, family):
    for _ in range(51):
        failed(family)
    page = client.get("/ru/messages/", {"status": "failed"}).content.decode()
    assert "Страница 1 из 2" in page
    assert 'href="?status=failed&amp;page=2"' in page


def test_a_failed_message_shows_the_reason_in_her_language_first_and_the_gateways_words_after(client, head, family):
    NotificationFactory(
        family=family, centre=family.centre, status="failed", failure="rejected", last_error="SMSC error 6: message is denied"
    )

    page = client.get("/kk/messages/").content.decode()

    reason, gateway = page.index("Шлюз хабарламаны қабылдамады"), page.index("SMSC error 6: message is denied")
    assert reason < gateway
    assert 'Шлюз жауабы: <span lang="en">SMSC error 6: message is denied</span>' in page


def test_a_message_waiting_for_another_try_says_so_before_the_gateways_words(client, head, family):
    NotificationFactory(family=family, centre=head.centre, status="pending", attempts=1, last_error="HTTP 503")

    page = client.get("/ru/messages/").content.decode()

    assert page.index("Последняя попытка не удалась") < page.index('<span lang="en">HTTP 503</span>')


@pytest.mark.parametrize(("language", "heading"), [("kk", "Хабарламалар: 2026 ж. қараша"), ("ru", "Сообщения: Ноябрь 2026 г.")])
def test_the_monthly_summary_names_the_month_the_languages_way(client, head, language, heading):
    page = client.get(f"/{language}/messages/summary/", {"month": "2026-11"}).content.decode()
    assert heading in page
