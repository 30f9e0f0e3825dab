"""The suite itself: plain `pytest` runs it as `make test` does, and test modules share helpers through
conftest.py and helper modules, never by importing each other."""

import ast
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def test_the_suite_runs_under_the_test_profile():
    assert settings.DJANGO_ENV == "test"
    assert settings.SMS_BACKEND == "locmem" and settings.CELERY_TASK_ALWAYS_EAGER is True
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_plain_pytest_without_the_makefiles_variables_selects_the_test_profile():
    env = {name: value for name, value in os.environ.items() if name not in ("DJANGO_ENV", "DATABASE_URL", "REDIS_URL")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", f"{__file__}::test_the_suite_runs_under_the_test_profile"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_test_module_imports_another():
    offenders = []
    for path in TESTS.rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-1].startswith("test_"):
                offenders.append(f"{path.relative_to(ROOT)} imports {node.module}")
    assert offenders == []


def test_each_xdist_worker_empties_a_redis_database_of_its_own_and_not_the_runs():
    from tests.conftest import redis_url_of_worker

    assert [redis_url_of_worker("redis://127.0.0.1:6379/15", f"gw{n}") for n in range(3)] == [
        "redis://127.0.0.1:6379/14",
        "redis://127.0.0.1:6379/13",
        "redis://127.0.0.1:6379/12",
    ]
    assert redis_url_of_worker("redis://cache:6379", "gw0") == "redis://cache:6379/15"
