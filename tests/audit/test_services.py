import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AccessEvent, AppendOnlyError, AuditEvent
from audit.services import access_log, access_log_many, audit_log
from tests.factories import RegistrarFactory

pytestmark = pytest.mark.django_db


def test_audit_log_records_who_did_what_to_which_record_and_which_fields():
    registrar = RegistrarFactory()
    event = audit_log(actor=registrar, action="user.update", target=registrar, changed_fields=["phone", "language", "phone"])
    event.refresh_from_db()
    assert event.actor == registrar
    assert event.action == "user.update"
    assert (event.target_type.model, event.target_id) == ("user", str(registrar.pk))
    assert event.changed_fields == ["language", "phone"]
    assert event.at is not None


def test_the_system_is_recorded_as_no_actor():
    event = audit_log(actor=None, action="families.recompute")
    assert event.actor is None


def test_access_log_records_a_read_of_personal_data():
    registrar = RegistrarFactory()
    entry = access_log(actor=registrar, action=AccessEvent.Action.EXPORT, what="families.export", row_count=25)
    assert (entry.actor, entry.action, entry.what, entry.row_count) == (registrar, "export", "families.export", 25)


def _synchronous_commit_at_each_access_log_insert(log) -> list[str]:
    """What ``synchronous_commit`` was in force as each INSERT of access-log rows ran."""
    seen = []

    def look(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "audit_accessevent"'):
            context["cursor"].execute("SHOW synchronous_commit")
            seen.append(context["cursor"].fetchone()[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(look):
        log()
    return seen


def _show_synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def _read() -> None:
    access_log(actor=None, action=AccessEvent.Action.VIEW, what="families.family_detail")


@pytest.mark.django_db(transaction=True)
def test_a_read_logged_on_its_own_commits_without_waiting_for_the_disk_and_the_connection_goes_on_waiting():
    assert _synchronous_commit_at_each_access_log_insert(_read) == ["off"]
    assert AccessEvent.objects.count() == 1
    assert _show_synchronous_commit() == "on"


@pytest.mark.django_db(transaction=True)
def test_an_export_logged_on_its_own_commits_its_rows_without_waiting_for_the_disk():
    def export():
        access_log_many(actor=None, action=AccessEvent.Action.EXPORT, what="families.export", model=AccessEvent, ids=[1, 2, 3])

    assert _synchronous_commit_at_each_access_log_insert(export) == ["off"]
    assert AccessEvent.objects.count() == 3
    assert _show_synchronous_commit() == "on"


@pytest.mark.django_db(transaction=True)
def test_a_read_logged_inside_a_transaction_that_changes_something_commits_as_the_change_does():
    def change_and_read():
        with transaction.atomic():
            audit_log(actor=None, action="x.y")
            _read()

    assert _synchronous_commit_at_each_access_log_insert(change_and_read) == ["on"]
    assert (AuditEvent.objects.count(), AccessEvent.objects.count()) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_the_setting_makes_every_read_wait_for_the_disk(settings):
    settings.ACCESS_LOG_SYNCHRONOUS_COMMIT = True
    assert _synchronous_commit_at_each_access_log_insert(_read) == ["on"]
    assert AccessEvent.objects.count() == 1


def test_audit_rows_cannot_be_changed_or_deleted_through_the_application():
    event = audit_log(actor=None, action="x.y")
    event.action = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="rewritten")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.all().delete()


def test_the_database_refuses_to_rewrite_the_logs_even_with_raw_sql():
    event = audit_log(actor=None, action="x.y")
    access_log(actor=None, action=AccessEvent.Action.VIEW, what="families.family_detail")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'rewritten' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accessevent")
    event.refresh_from_db()
    assert event.action == "x.y"
    assert AccessEvent.objects.count() == 1


def test_the_admin_can_read_the_logs_but_not_add_change_or_delete(admin_client):
    audit_log(actor=None, action="x.y")
    assert admin_client.get("/admin/audit/auditevent/").status_code == 200
    assert admin_client.get("/admin/audit/auditevent/add/").status_code == 403
    event = AuditEvent.objects.get(action="x.y")
    page = admin_client.get(f"/admin/audit/auditevent/{event.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
