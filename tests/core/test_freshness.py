"""The tokens of pages kept in the cache: the same until replaced, replaced only once the change
commits, and new at every call when the cache does not answer."""

from unittest import mock

import pytest
from redis.exceptions import ConnectionError as RedisDown

from core import freshness

pytestmark = pytest.mark.django_db


def test_a_token_stays_the_same_until_it_is_replaced_and_a_replaced_one_is_new():
    first = freshness.tokens("test:a", "test:b")
    assert freshness.tokens("test:a", "test:b") == first
    other_b = freshness.tokens("test:b")

    freshness.replace(["test:a"])

    again = freshness.tokens("test:a", "test:b")
    assert again != first and again.split(":")[1] == other_b


def test_a_token_is_replaced_only_once_the_change_commits(django_capture_on_commit_callbacks):
    before = freshness.tokens("test:a")
    with django_capture_on_commit_callbacks() as committing:
        freshness.replace_on_commit(["test:a", "test:a"])
    assert freshness.tokens("test:a") == before
    assert len(committing) == 1
    committing[0]()
    assert freshness.tokens("test:a") != before


def test_without_a_cache_that_answers_every_call_gets_a_new_token_and_a_replacement_is_no_error():
    down = mock.Mock(**{name: mock.Mock(side_effect=RedisDown("down")) for name in ("get", "get_many", "add", "set_many")})
    with mock.patch("core.freshness.cache", down):
        assert freshness.tokens("test:a") != freshness.tokens("test:a")
        freshness.replace(["test:a"])
