"""Row locks that give up. A service that locks a row (``select_for_update``) waits at most
``settings.LOCK_TIMEOUT_MS`` for a transaction that holds it, then refuses with "try again" in the user's
language — instead of keeping a web worker waiting forever behind a stuck transaction.

    with lock_timeout():
        appeal = Appeal.objects.select_for_update().get(pk=pk)

Inside the service's transaction (the setting lasts until it ends). On PostgreSQL only: SQLite, the
embedded default, has no row locks to wait for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

BUSY = _("Someone else is saving this record at this very moment. Please try again in a few seconds.")
# PostgreSQL's SQLSTATE for "could not obtain lock" (lock_not_available).
_LOCK_NOT_AVAILABLE = "55P03"


@contextmanager
def lock_timeout() -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{settings.LOCK_TIMEOUT_MS}ms"])
    try:
        yield
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise DomainError(BUSY) from error
        raise
