"""The production build as docker-compose's `web` service makes it: collectstatic under the production
profile, then gunicorn serving pages and the manifest-hashed files of that build."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, database_url_of_test_db, free_port, wait_for_port
from tests.helpers import PRODUCTION_ENV, clean_environment

HOST = "otbasy.almaty.kz"


@pytest.fixture(scope="module")
def static_build(tmp_path_factory) -> Path:
    static_root = tmp_path_factory.mktemp("staticfiles")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=clean_environment() | PRODUCTION_ENV | {"STATIC_ROOT": str(static_root)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return static_root


@pytest.fixture
def gunicorn(db, settings, static_build, tmp_path):
    """gunicorn on a free port with the production settings, the test database and that build."""
    port = free_port()
    env = PRODUCTION_ENV | {
        "STATIC_ROOT": str(static_build),
        "DATABASE_URL": database_url_of_test_db(),
        "REDIS_URL": settings.REDIS_URL,
    }
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "otbasy.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=clean_environment() | env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, up=True, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.seek(0)
        print(log.read())  # shown by pytest when the test failed
        log.close()


def get(base_url: str, path: str) -> requests.Response:
    """A request as the TLS proxy forwards it."""
    return requests.get(base_url + path, headers={"Host": HOST, "X-Forwarded-Proto": "https"}, timeout=30, allow_redirects=False)


def test_collectstatic_under_the_production_profile_writes_a_manifest_of_hashed_names(static_build):
    manifest = (static_build / "staticfiles.json").read_text()
    assert re.search(r'"vendor/chart.js/chart.umd.min.js": "vendor/chart.js/chart.umd.min.[0-9a-f]{12}.js"', manifest)


def test_every_source_map_a_vendored_file_names_is_vendored_with_it():
    for path in (ROOT / "static" / "vendor").rglob("*"):
        if path.is_file() and path.suffix in (".js", ".css"):
            for name in re.findall(r"[#@] sourceMappingURL=(\S+?)(?:\s|\*/|$)", path.read_text(encoding="utf-8")):
                assert (path.parent / name).is_file(), f"{path.relative_to(ROOT)} names {name}"


def test_gunicorn_serves_a_page_that_links_the_hashed_files_of_the_build(gunicorn):
    response = get(gunicorn, "/kk/")
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert re.search(r'src="/static/js/otbasy\.[0-9a-f]{12}\.js"', response.text)
    assert re.search(r'href="/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css"', response.text)


def test_gunicorn_serves_a_hashed_static_file_with_the_bytes_of_the_source(gunicorn):
    hashed = re.search(r'src="(/static/js/otbasy\.[0-9a-f]{12}\.js)"', get(gunicorn, "/kk/").text).group(1)
    response = get(gunicorn, hashed)
    assert response.status_code == 200
    assert response.content == (ROOT / "static" / "js" / "otbasy.js").read_bytes()
    # A hashed name never changes content, so browsers may keep it for good.
    assert "immutable" in response.headers["Cache-Control"]


def test_the_admins_stylesheets_and_what_they_import_are_served_from_the_build(gunicorn, static_build):
    manifest = json.loads((static_build / "staticfiles.json").read_text())["paths"]
    forms = get(gunicorn, "/static/" + manifest["admin/css/forms.css"])
    assert forms.status_code == 200
    imported = re.search(r'@import url\("([^"]+)"\)', forms.text).group(1)
    assert re.fullmatch(r"widgets\.[0-9a-f]{12}\.css", imported)
    assert get(gunicorn, "/static/admin/css/" + imported).status_code == 200


def test_the_browsers_favicon_request_is_sent_to_the_hashed_icon(gunicorn):
    response = get(gunicorn, "/favicon.ico")
    assert response.status_code == 302
    assert re.fullmatch(r"/static/favicon\.[0-9a-f]{12}\.svg", response.headers["Location"])
    assert get(gunicorn, response.headers["Location"]).headers["Content-Type"] == "image/svg+xml"
