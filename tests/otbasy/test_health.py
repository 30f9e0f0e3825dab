import pytest

from otbasy.celery import app

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_part_up_with_200(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_healthz_has_no_language_prefix_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_while_the_broker_is_stopped_and_200_when_it_is_back(client, disposable_redis, monkeypatch):
    monkeypatch.setitem(app.conf, "broker_url", disposable_redis.url)
    assert client.get("/healthz").status_code == 200

    disposable_redis.stop()
    down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json()["status"] == "error"
    assert "Broker unreachable" in down.json()["checks"]["broker"]
    assert down.json()["checks"]["database"] == "ok"

    disposable_redis.start()
    assert client.get("/healthz").status_code == 200
