"""No Docker engine runs here, so the compose file and Dockerfile are checked by reading them."""

import re

import pytest
import yaml

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgres_16_redis_7_web_worker_and_beat(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


def test_the_web_service_migrates_and_collects_static_files_before_gunicorn_starts(compose):
    command = " ".join(compose["services"]["web"]["command"])
    assert command.index("migrate") < command.index("collectstatic") < command.index("gunicorn")


def test_the_worker_and_beat_run_celery_with_the_database_scheduler(compose):
    assert "worker" in compose["services"]["worker"]["command"]
    beat = compose["services"]["beat"]["command"]
    assert "beat" in beat and "django_celery_beat.schedulers:DatabaseScheduler" in beat


def test_every_long_running_service_has_a_health_check(compose):
    for name in ("db", "redis", "web", "worker", "beat"):
        assert compose["services"][name]["healthcheck"]["test"], name


def test_the_app_services_wait_for_healthy_database_and_redis(compose):
    for name in ("web", "worker", "beat"):
        depends = compose["services"][name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_the_database_and_uploaded_files_live_in_volumes(compose):
    assert {"pgdata", "media"} <= set(compose["volumes"])


def test_the_app_services_run_the_production_profile(compose):
    for name in ("web", "worker", "beat"):
        assert compose["services"][name]["environment"]["DJANGO_ENV"] == "production"


def test_the_image_serves_with_gunicorn_as_a_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "gunicorn" in dockerfile
    assert "\nUSER " in dockerfile


def test_the_image_compiles_its_catalogs_without_production_secrets():
    """The build has no SECRET_KEY or DATABASE_URL: a step that loads the production settings fails."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    for line in dockerfile.splitlines():
        if "manage.py" in line:
            assert "DJANGO_ENV=development" in line, line


def test_secrets_in_env_stay_out_of_the_image_and_the_repository():
    assert ".env" in (ROOT / ".dockerignore").read_text().split()
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def compose_value(raw) -> str:
    """A compose value as docker-compose resolves it when the variable is not set: `${NAME:-default}` → default."""
    match = re.fullmatch(r"\$\{\w+:-(?P<default>[^}]*)\}", str(raw))
    return match["default"] if match else str(raw)


def env_example() -> dict:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_the_web_service_counts_the_tls_proxy_in_front_of_it(compose):
    assert compose_value(compose["services"]["web"]["environment"]["PROXY_COUNT"]) == "1"
    assert env_example()["PROXY_COUNT"] == "1"


def test_gunicorn_is_published_only_to_the_proxy_on_the_host(compose):
    """Whoever reaches gunicorn directly could forge the X-Forwarded-For the proxy count trusts."""
    assert compose["services"]["web"]["ports"] == ["127.0.0.1:8000:8000"]


def test_redis_never_evicts_keys_so_the_broker_never_drops_a_task(compose):
    command = compose["services"]["redis"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"
    assert command[command.index("--appendonly") + 1] == "yes"  # and queued tasks survive a restart
