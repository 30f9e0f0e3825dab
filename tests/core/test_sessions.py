"""The session store (core.sessions): read from the cache while it answers, from the database without it."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core import sessions
from tests.factories import RegistrarFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

PAGE = "/kk/accounts/profile/"
# Nothing listens on port 1: each use of this cache fails at once with "connection refused".
UNREACHABLE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def session_queries(client, path=PAGE) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries if "django_session" in query["sql"]]


def signed_out(client) -> bool:
    response = client.get(PAGE)
    return response.status_code == 302 and response["Location"].startswith("/kk/accounts/login/")


def test_a_signed_in_page_reads_her_session_from_the_cache_without_a_query(almaly):
    client = Client()
    sign_in(client, RegistrarFactory(centre=almaly).username)
    client.get(PAGE)  # the first page after signing in notes when she was last seen: a write
    assert session_queries(client) == []
    # The database still holds it: the cache only keeps a copy.
    assert Session.objects.filter(session_key=client.session.session_key).exists()


def test_a_session_missing_from_the_cache_is_read_from_the_database_and_kept_again(almaly):
    client = Client()
    sign_in(client, RegistrarFactory(centre=almaly).username)
    client.get(PAGE)
    caches["default"].delete(sessions.KEY_PREFIX + client.session.session_key)
    assert len(session_queries(client)) == 1
    assert session_queries(client) == []


def test_the_cached_copy_is_kept_at_most_a_minute(almaly):
    client = Client()
    sign_in(client, RegistrarFactory(centre=almaly).username)
    client.get(PAGE)
    cache = caches["default"]
    key = cache.make_and_validate_key(sessions.KEY_PREFIX + client.session.session_key)
    assert 0 < cache._cache.get_client(key).ttl(key) <= sessions.CACHED_FOR


def test_a_session_ended_elsewhere_is_dropped_from_the_cache_too(almaly):
    registrar = RegistrarFactory(centre=almaly)
    client = Client()
    sign_in(client, registrar.username)
    assert client.get(PAGE).status_code == 200  # her session is now in the cache
    registrar.is_active = False
    registrar.save()  # accounts.receivers end her sessions through the store
    assert caches["default"].get(sessions.KEY_PREFIX + client.cookies["sessionid"].value) is None
    assert signed_out(client)


def test_without_the_cache_she_signs_in_works_and_signs_out_on_the_database_alone(almaly, caplog):
    registrar = RegistrarFactory(centre=almaly)
    client = Client()
    with override_settings(CACHES=UNREACHABLE), caplog.at_level("WARNING", logger="core.sessions"):
        response = sign_in(client, registrar.username)
        assert response.status_code == 302 and "/accounts/login/" not in response["Location"]
        assert len(session_queries(client)) >= 1  # read from the database
        key = client.cookies["sessionid"].value
        assert Session.objects.filter(session_key=key).exists()
        client.post("/kk/accounts/logout/")
        assert not Session.objects.filter(session_key=key).exists()
        assert signed_out(client)
    assert "the cache is unavailable" in caplog.text
