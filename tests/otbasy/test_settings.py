"""The settings as a process sees them: each case starts a fresh interpreter with its own environment."""

import json
import subprocess
import sys

import pytest
from django.db import connection

from tests.conftest import ROOT
from tests.helpers import PRODUCTION_ENV, clean_environment


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean_environment() | env, capture_output=True, text=True, timeout=120
    )


def settings_seen_with(**env: str) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
        "'cache': s.CACHES['default']['BACKEND'], 'broker': s.CELERY_BROKER_URL, 'tz': s.TIME_ZONE, 'use_tz': s.USE_TZ}))"
    )
    result = run(code, DJANGO_SETTINGS_MODULE="otbasy.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_database_url_the_portal_uses_the_embedded_sqlite_file(tmp_path):
    seen = settings_seen_with(OTBASY_DATA_DIR=str(tmp_path))
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["name"] == str(tmp_path / "otbasy.sqlite3")


def test_without_redis_url_tasks_go_through_files_and_the_cache_is_on_disk(tmp_path):
    seen = settings_seen_with(OTBASY_DATA_DIR=str(tmp_path))
    assert seen["broker"] == "filesystem://localhost/"
    assert seen["cache"] == "django.core.cache.backends.filebased.FileBasedCache"


def test_with_database_and_redis_urls_the_portal_uses_postgres_and_redis():
    seen = settings_seen_with(DATABASE_URL="postgres://u@db:5432/otbasy", REDIS_URL="redis://cache:6379/2")
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["name"] == "otbasy"
    assert seen["broker"] == "redis://cache:6379/2"
    assert seen["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_the_clock_is_almaty_time_and_timezone_aware():
    seen = settings_seen_with()
    assert (seen["tz"], seen["use_tz"]) == ("Asia/Almaty", True)


def test_a_misconfigured_variable_stops_the_process_and_names_it():
    result = run("import django; django.setup()", DJANGO_SETTINGS_MODULE="otbasy.settings", STAFF_IDLE_MINUTES="half an hour")
    assert result.returncode != 0
    assert "STAFF_IDLE_MINUTES='half an hour' is invalid" in result.stderr


def test_production_refuses_to_start_without_a_database():
    env = PRODUCTION_ENV | {"DATABASE_URL": ""}
    result = run("import django; django.setup()", DJANGO_SETTINGS_MODULE="otbasy.settings", **env)
    assert result.returncode != 0
    assert "DATABASE_URL is required" in result.stderr


def test_production_refuses_debug():
    result = run("import django; django.setup()", DJANGO_SETTINGS_MODULE="otbasy.settings", **PRODUCTION_ENV, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG=true is not allowed" in result.stderr


def test_the_production_profile_passes_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean_environment() | PRODUCTION_ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_secret_key_of_env_example():
    lines = (ROOT / ".env.example").read_text().splitlines()
    placeholder = next(line.split("=", 1)[1] for line in lines if line.startswith("SECRET_KEY="))
    env = PRODUCTION_ENV | {"SECRET_KEY": placeholder}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=clean_environment() | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is a placeholder" in result.stderr


def test_production_accepts_an_explicit_console_email_url():
    env = PRODUCTION_ENV | {"EMAIL_URL": "consolemail://"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    result = run(code, DJANGO_SETTINGS_MODULE="otbasy.settings", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


def test_a_staff_session_lasts_twelve_hours_unless_staff_session_hours_says_otherwise():
    code = "import django; django.setup(); from django.conf import settings; print(settings.STAFF_SESSION_LIFETIME)"
    assert run(code, DJANGO_SETTINGS_MODULE="otbasy.settings").stdout.strip() == "12:00:00"
    assert run(code, DJANGO_SETTINGS_MODULE="otbasy.settings", STAFF_SESSION_HOURS="8").stdout.strip() == "8:00:00"


def two_factor_required_with(**env: str) -> str:
    code = "import django; django.setup(); from django.conf import settings; print(settings.STAFF_2FA_REQUIRED)"
    result = run(code, DJANGO_SETTINGS_MODULE="otbasy.settings", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_staff_need_a_second_factor_in_production_and_not_in_the_demo(tmp_path):
    assert two_factor_required_with(**PRODUCTION_ENV) == "True"
    assert two_factor_required_with(DJANGO_ENV="development", OTBASY_DATA_DIR=str(tmp_path)) == "False"
    assert two_factor_required_with(DJANGO_ENV="development", OTBASY_DATA_DIR=str(tmp_path), STAFF_2FA_REQUIRED="true") == "True"


def url_of_the_test_database() -> str:
    database = connection.settings_dict
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


def printed_by_a_fresh_process(code: str, database_url: str, **env: str) -> str:
    """The last line ``code`` prints in a fresh process with the portal's settings on ``database_url``."""
    result = run(code, DJANGO_SETTINGS_MODULE="otbasy.settings", DATABASE_URL=database_url, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def statements_prepared_after_six_runs(database_url: str, **env: str) -> list[str]:
    """The statements PostgreSQL holds prepared for a fresh process's connection once it has run one
    query six times (with six different values)."""
    code = (
        "import django, json; django.setup(); from django.db import connection; from accounts.models import User\n"
        "for pk in range(6): User.objects.filter(pk=-pk).exists()\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SELECT statement FROM pg_prepared_statements')\n"
        "    print(json.dumps([row[0] for row in cursor.fetchall()]))"
    )
    return json.loads(printed_by_a_fresh_process(code, database_url, **env))


@pytest.mark.django_db
def test_a_query_a_connection_has_run_five_times_is_prepared_unless_database_prepared_statements_is_false():
    url = url_of_the_test_database()

    prepared = statements_prepared_after_six_runs(url)
    assert [statement for statement in prepared if '"accounts_user"' in statement], prepared
    assert statements_prepared_after_six_runs(url, DATABASE_PREPARED_STATEMENTS="false") == []


def jit_setting_of_a_fresh_connection(database_url: str, **env: str) -> str:
    code = (
        "import django; django.setup(); from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SHOW jit')\n"
        "    print(cursor.fetchone()[0])"
    )
    return printed_by_a_fresh_process(code, database_url, **env)


@pytest.mark.django_db
def test_the_portals_connections_run_without_jit_compilation_unless_database_jit_is_true():
    url = url_of_the_test_database()

    assert jit_setting_of_a_fresh_connection(url) == "off"
    assert jit_setting_of_a_fresh_connection(url, DATABASE_JIT="true") == "on"
