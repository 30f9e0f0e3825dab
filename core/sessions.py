"""The session store (``SESSION_ENGINE``): sessions live in the database, and each is also kept in the
cache (Redis in production) for at most ``CACHED_FOR``, so that a signed-in request reads hers without
a query.

Django's own ``cached_db`` store is not used as it is: its ``load`` writes to the cache outside any
``try``, and its ``exists`` and ``delete`` ask the cache too, so that with Redis unreachable every
signed-in page, every sign-in and every sign-out would fail. Here every use of the cache is guarded:
without it, sessions are read from and written to the database alone, as with the ``db`` store.

The database stays the truth. ``exists`` asks it alone (``accounts.services.user_session_record`` tells
the sessions that ended from those still running by it). A session ended while the cache is unreachable
(a sign-out, ``accounts.services.user_sessions_end``) loses its database row at once but keeps the copy
the cache cannot be told to drop; should the cache come back with its data, that copy expires at most
``CACHED_FOR`` after it was written — before the outage began — which is why the copies are kept so
briefly. Each request of a busy desk still reads its session from the cache: it is written again at
the first request after the copy expires, and whenever the session changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.contrib.sessions.models import Session
from django.core.cache.backends.base import BaseCache

logger = logging.getLogger(__name__)

KEY_PREFIX = CachedDBStore.cache_key_prefix
CACHED_FOR = 60  # seconds


class SessionStore(CachedDBStore):
    # Django's, which its type stubs leave out.
    _cache: BaseCache
    _session: dict[str, Any]
    _get_session_from_db: Callable[[], Session | None]

    def load(self) -> dict[str, Any]:
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            logger.warning("Session read from the database: the cache is unavailable", exc_info=True)
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        self._keep(data, self.get_expiry_age(expiry=stored.expire_date))
        return data

    def exists(self, session_key: str) -> bool:
        return DBStore.exists(self, session_key)

    def save(self, must_create: bool = False) -> None:
        DBStore.save(self, must_create)
        self._keep(self._session, self.get_expiry_age())

    def delete(self, session_key: str | None = None) -> None:
        DBStore.delete(self, session_key)
        session_key = session_key or self.session_key
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            logger.warning("Session ended in the database only: the cache is unavailable", exc_info=True)

    def _keep(self, data: dict[str, Any], expiry_age: int) -> None:
        try:
            self._cache.set(self.cache_key, data, min(expiry_age, CACHED_FOR))
        except Exception:
            logger.warning("Session not kept in the cache: the cache is unavailable", exc_info=True)
