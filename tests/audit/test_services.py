import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AccessEvent, AppendOnlyError, AuditEvent
from audit.services import access_log, audit_log
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
