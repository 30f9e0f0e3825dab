"""The audit API: the helpers every service calls to leave a trace. Pass codes, ids and field names,
not values.

- ``audit_log``: someone (or the system) changed a record;
- ``access_log`` / ``access_log_many``: someone viewed, exported or printed personal data;
- ``record_change``: both at once, for a change to a person's file;
- ``security_log``: a refused sign-in or request (``audit.middleware`` and ``accounts.signals``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from audit.models import AccessEvent, AuditEvent, SecurityEvent


def _target(target: models.Model | None) -> dict:
    if target is None:
        return {}
    return {"target_type": ContentType.objects.get_for_model(target, for_concrete_model=False), "target_id": str(target.pk)}


def _actor(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _centre_id(actor) -> int | None:
    return getattr(_actor(actor), "centre_id", None)


def audit_log(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    changed_fields: Iterable[str] = (),
    data: dict | None = None,
) -> AuditEvent:
    """Record that ``actor`` (None for the system) did ``action`` to ``target``.

    ``data`` is for codes and ids only (a status moving from "open" to "resolved"); never put personal
    data or free text in it.
    """
    return AuditEvent.objects.create(
        actor=_actor(actor),
        action=action,
        changed_fields=sorted(set(changed_fields)),
        data=data or {},
        **_target(target),
    )


def access_log(
    *,
    actor,
    action: str,
    what: str,
    target: models.Model | None = None,
    row_count: int | None = None,
) -> AccessEvent:
    """Record that ``actor`` viewed or exported personal data (``what`` names the page or export, a code
    that ``core.extensions.access_labels`` puts in words), and from which centre."""
    with _read_logged():
        return AccessEvent.objects.create(
            actor=_actor(actor), centre_id=_centre_id(actor), action=action, what=what, row_count=row_count, **_target(target)
        )


def access_log_many(*, actor, action: str, what: str, model: type[models.Model], ids: Iterable) -> int:
    """One access-log row per record of ``model`` (an export of thousands of families), written in bulk,
    so that each record's own history shows it."""
    target_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    who = {"actor": _actor(actor), "centre_id": _centre_id(actor)}
    rows = [AccessEvent(**who, action=action, what=what, target_type=target_type, target_id=str(pk)) for pk in ids]
    with _read_logged():
        AccessEvent.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@contextmanager
def _read_logged() -> Iterator[None]:
    """A read's access-log rows, written on their own (a page or an export that changed nothing), commit
    without waiting for PostgreSQL to flush its write-ahead log to disk (``synchronous_commit = off`` for
    that transaction alone): the flush is most of what logging a read costs (1.5 to 3 ms a page on the
    bench machine). The rows are visible at once and the database stays consistent; a crash of the
    database server can lose the last fraction of a second of them (three times ``wal_writer_delay``,
    0.6 s by default), never a change nor its audit row. Rows written inside a transaction that changes
    something commit with it, as it commits. ``ACCESS_LOG_SYNCHRONOUS_COMMIT`` makes every row wait."""
    if connection.vendor != "postgresql" or connection.in_atomic_block or settings.ACCESS_LOG_SYNCHRONOUS_COMMIT:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def record_change(
    *,
    actor,
    subject: models.Model,
    action: str,
    target: models.Model | None = None,
    changed_fields: Iterable[str] = (),
    data: dict | None = None,
) -> None:
    """A change to someone's personal data: an audit row for the record changed (``target``, or the
    ``subject`` itself) and an access-log row for the ``subject`` whose file it is (a family), so that
    "who looked at this family" lists changes too. Every service that writes personal data calls it."""
    audit_log(actor=actor, action=action, target=target or subject, changed_fields=changed_fields, data=data)
    access_log(actor=actor, action=AccessEvent.Action.CHANGE, what=action, target=subject)


def security_log(
    *,
    kind: str,
    actor=None,
    target: models.Model | None = None,
    method: str = "",
    path: str = "",
    ip_address: str | None = None,
) -> SecurityEvent:
    """Record a refused sign-in or request. ``path`` is the path alone: pass no query string."""
    return SecurityEvent.objects.create(
        kind=kind, actor=_actor(actor), method=method[:8], path=path[:200], ip_address=ip_address or None, **_target(target)
    )
