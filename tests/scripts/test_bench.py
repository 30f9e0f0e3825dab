"""scripts/bench.py (make bench): its table and its command line. The measuring itself needs a
seeded scratch database and gunicorn: `make bench` is its own test."""

import dataclasses
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from benchlib.endpoints import TRIVIAL, extra_endpoints
from benchlib.measure import Endpoint, Result, summarize
from benchlib.report import Setup, report

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def result(label, rps, *, username="registrar", statuses=None, missing=False) -> Result:
    endpoint = Endpoint(label, [f"/{label}/"], username)
    return Result(
        endpoint, rps=rps, p50_ms=1000 / rps, p95_ms=2000 / rps, statuses=Counter(statuses or {200: 10}), missing=missing
    )


def test_the_table_gives_each_endpoint_against_the_trivial_page_and_who_asked():
    table = report(
        [result("trivial", 400), result("list", 100), result("public", 200, username=None)], Setup(100_000, 2, 4, 400, rounds=4)
    )
    lines = table.splitlines()

    assert lines[3] == "| list | registrar | 100.0 | 10.0 | 20.0 | 0.25× | 4.00× | 4.00× |"
    assert lines[4].startswith("| public | anonymous | 200.0 |") and "| 0.50× |" in lines[4]
    assert "N = 100 000 families; gunicorn: 2 sync workers" in table and "in 4 rounds (every endpoint in turn)" in table


def test_the_rounds_of_an_endpoint_are_summed_up_together():
    measured = Result(Endpoint("list", ["/a/", "/b/"], "registrar"))
    measured.samples = [("/a/", 200, 0.010)] * 50 + [("/b/", 200, 0.030)] * 50 + [("/b/", 500, 0.050)] * 2
    measured.wall = 0.6 + 0.42  # two rounds

    summarize(measured)

    assert round(measured.rps) == 100 and measured.p50_ms == pytest.approx(20.0, abs=10.0)
    assert measured.errors == 2 and measured.failed_paths == ["/b/"]


def test_errors_and_missing_pages_are_noted_under_the_table():
    failing = result("page", 50, statuses={200: 8, 500: 2})
    failing.failed_paths = ["/page/"]
    table = report([result("trivial", 400), failing, result("later", 1, missing=True)], Setup(10, 1, 1, 10))

    assert "| page ⚠ 2 errors | registrar |" in table
    assert "- page: 2 non-200 answers (500×2), e.g. /page/" in table
    assert "| later | registrar | not there (404) |" in table and "- later: /later/ answered 404, not measured." in table


def test_pages_named_on_the_command_line_are_asked_as_the_trivial_page_is():
    assert extra_endpoints(["/kk/", "/healthz"], TRIVIAL.username) == [
        Endpoint("/kk/", ["/kk/"], "registrar"),
        Endpoint("/healthz", ["/healthz"], "registrar"),
    ]


@pytest.mark.parametrize(
    ("arguments", "complaint"), [(["--also", "kk/"], "starting with '/'"), (["--requests", "2"], "at least --concurrency")]
)
def test_the_command_line_refuses_what_it_cannot_measure(arguments, complaint):
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / "bench.py"), *arguments],
        capture_output=True,
        text=True,
        env={"DATABASE_URL": "x", "REDIS_URL": "y"},
    )
    assert done.returncode == 2 and complaint in done.stderr


def test_the_bench_serves_with_as_many_gunicorn_workers_as_the_production_image():
    import re

    import bench

    root = SCRIPTS.parent
    image = re.search(r'"--workers", "(\d+)"', (root / "Dockerfile").read_text())
    compose = re.search(r"--workers \$\{WEB_WORKERS:-(\d+)\}", (root / "docker-compose.yml").read_text())
    assert image and compose
    assert bench.parse_args([]).workers == int(image.group(1)) == int(compose.group(1))


def test_a_page_measured_at_a_second_size_is_compared_under_the_table_with_its_time_at_the_first():
    dashboard = result("city dashboard", 50)  # p50 20 ms at the first size
    smaller = Result(
        dataclasses.replace(dashboard.endpoint, label="city dashboard — 10 000 families", port=8001), rps=40, p50_ms=16
    )

    table = report([result("trivial", 400), dashboard, smaller], Setup(100_000, 3, 4, 400))

    assert "| city dashboard — 10 000 families | registrar | 40.0 |" in table
    assert "- city dashboard: p50 20.0 ms here, 16.0 ms at 10 000 families (+25 %)" in table


def test_the_pages_that_must_not_grow_with_the_registry_are_declared_so_and_the_second_size_is_an_option():
    import bench

    from core.extensions import contributions

    assert [e.label for e in contributions("bench") if e.at_both_sizes] == ["city dashboard (the city official)"]
    assert bench.parse_args(["--second-size", "10000"]).second_size == 10_000 and bench.parse_args([]).second_size is None


def test_each_round_goes_on_with_the_paths_where_the_warm_up_and_the_last_round_stopped():
    import http.server
    import threading

    from benchlib.measure import WARMUP_REQUESTS, measure_round, prepare

    asked: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        paths = [f"/family/{number}/" for number in range(100)]
        measured = prepare(server.server_port, {}, Endpoint("first openings", paths, None), concurrency=2)
        for _round in range(2):
            measure_round(server.server_port, {}, measured, 10, concurrency=2)
    finally:
        server.shutdown()
        server.server_close()
    # the probe, the warm-up, then two rounds of ten: no path twice
    assert sorted(asked) == sorted(paths[: 1 + WARMUP_REQUESTS + 20])
    assert len(measured.samples) == 20
