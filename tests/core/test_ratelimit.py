import datetime as dt

import pytest
from django.core.cache import cache

from core import ratelimit

HOUR = dt.timedelta(hours=1)


def test_hits_within_the_limit_pass_and_the_next_one_does_not():
    assert [ratelimit.hit("demo", "asel@example.kz", limit=2, window=HOUR) for _ in range(3)] == [True, True, False]


def test_each_identity_and_each_scope_has_its_own_count():
    assert ratelimit.hit("demo", "a", limit=1, window=HOUR)
    assert ratelimit.hit("demo", "b", limit=1, window=HOUR)
    assert ratelimit.hit("other", "a", limit=1, window=HOUR)


def test_the_cache_never_holds_the_identity_in_clear(monkeypatch):
    keys = []
    monkeypatch.setattr(cache, "add", lambda key, *args, **kwargs: keys.append(key))
    monkeypatch.setattr(cache, "incr", lambda key, *args, **kwargs: 1)
    ratelimit.hit("demo", "asel@example.kz", limit=1, window=HOUR)
    assert keys and all("asel" not in key for key in keys)


def test_without_the_cache_the_action_is_let_through_and_logged(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "add", broken)
    with caplog.at_level("WARNING", logger="core.ratelimit"):
        assert ratelimit.hit("demo", "a", limit=1, window=HOUR)
    assert "cache is unavailable" in caplog.text


@pytest.fixture(autouse=True)
def _empty_counts():
    cache.clear()
