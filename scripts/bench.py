"""`make bench`: how fast are the hot pages with a realistic registry?

Seeds a scratch PostgreSQL database with N demo families, serves it with gunicorn, signs in as the
demo registrar of the Almaly centre and measures, in one run against the same server:

    trivial page               /robots.txt (no database)
    family list                /kk/families/
    search by name             /kk/families/?q=<last name + first 3 letters of the first name>
    search by a misspelt name  /kk/families/?q=<last name with one vowel changed>
    search by IIN              /kk/families/?q=<IIN>
    family page                /kk/families/<id>/

The result is a Markdown table (requests per second, p50/p95 latency, and each page against the
trivial one), printed and written to bench-results/latest.md. Comparing with the trivial page
served by the same server in the same run makes the figures comparable between machines.

Any non-200 answer is an error: it is reported and the script exits with status 1.
Standard library only, plus psycopg and Django from the virtualenv.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import html.parser
import http.client
import http.cookies
import itertools
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
RESULTS_DIR = BASE_DIR / "bench-results"
DB_NAME = "otbasy_bench"
USERNAME, PASSWORD = "registrar", "otbasy-demo"  # created by seed_demo; a registrar of the Almaly centre
DISTRICT = "almaly"
HOST = "127.0.0.1"
WARMUP_REQUESTS = 20
REQUEST_TIMEOUT = 60.0


def drop_hint(server_url: str = "postgres://postgres@127.0.0.1:5432/otbasy") -> str:
    """The psql command that drops the scratch database (the password, if any, left out)."""
    parts = urlsplit(server_url)
    netloc = parts.netloc.replace(f":{parts.password}@", "@") if parts.password else parts.netloc
    return f'psql "postgresql://{netloc}/postgres" -c "drop database {DB_NAME}"'


def say(message: str) -> None:
    print(message, flush=True)


# --- Command line -------------------------------------------------------------------------------------


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got {text}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] + " Needs DATABASE_URL (the PostgreSQL server to create the "
        f'scratch database {DB_NAME} on) and REDIS_URL; `make bench BENCH_ARGS="..."` sets both.',
        epilog=f"The scratch database is kept after the run, so that --reuse can skip the slow seeding. "
        f"Drop it with: {drop_hint()} (for make bench's default server), or finish a run with --reuse --drop-db.",
    )
    parser.add_argument(
        "--families",
        type=positive,
        default=100_000,
        metavar="N",
        help="demo families to seed (default: %(default)s; seeding 100 000 takes minutes)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help=f"keep {DB_NAME} as it is when it already holds at least N families (quick re-runs); migrations are still applied",
    )
    parser.add_argument(
        "--requests",
        type=positive,
        default=400,
        help=f"measured requests per page, after {WARMUP_REQUESTS} warm-up requests (default: %(default)s)",
    )
    parser.add_argument(
        "--concurrency", type=positive, default=4, help="client threads, each with its own connection (default: %(default)s)"
    )
    parser.add_argument("--workers", type=positive, default=2, help="gunicorn workers (default: %(default)s)")
    parser.add_argument(
        "--targets",
        type=positive,
        default=50,
        help="random Almaly families whose names, IINs and pages are requested in turn (default: %(default)s)",
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed for picking the families (default: a new pick each run)"
    )
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="PATH",
        help="also measure this page (e.g. /kk/ or /healthz); may be repeated",
    )
    keep = parser.add_mutually_exclusive_group()
    keep.add_argument(
        "--keep-db", action="store_true", default=True, help=f"leave {DB_NAME} in place after the run (the default)"
    )
    keep.add_argument("--drop-db", dest="keep_db", action="store_false", help=f"drop {DB_NAME} at the end")
    args = parser.parse_args(argv)
    if args.requests < args.concurrency:
        parser.error("--requests must be at least --concurrency")
    for variable in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(variable):
            parser.error(f"environment variable {variable} is not set (make bench sets it)")
    for path in args.also:
        if not path.startswith("/"):
            parser.error(f"--also expects a path starting with '/', got {path!r}")
    return args


# --- The scratch database -----------------------------------------------------------------------------


def scratch_url(server_url: str) -> str:
    """DATABASE_URL with the database name swapped for the scratch one (user, host, options kept)."""
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(scheme="postgresql", path=f"/{DB_NAME}"))


def maintenance_conninfo(server_url: str) -> str:
    # libpq understands postgres:// and postgresql:// URLs; Django's reader also allows pgsql://.
    return make_conninfo(urlunsplit(urlsplit(server_url)._replace(scheme="postgresql")), dbname="postgres")


def database_exists(server_url: str) -> bool:
    with psycopg.connect(maintenance_conninfo(server_url), autocommit=True) as connection:
        return connection.execute("select 1 from pg_database where datname = %s", [DB_NAME]).fetchone() is not None


def family_count(db_url: str) -> int:
    """Families in the scratch database; 0 when it has no families table yet."""
    with psycopg.connect(db_url, autocommit=True) as connection:
        try:
            return connection.execute("select count(*) from families_family").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0


def recreate_database(server_url: str) -> None:
    # CREATE/DROP DATABASE cannot run in a transaction, hence autocommit; FORCE ends the sessions a
    # previous run (or a psql left open) still has on it.
    with psycopg.connect(maintenance_conninfo(server_url), autocommit=True) as connection:
        connection.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(DB_NAME)))
        connection.execute(sql.SQL("create database {}").format(sql.Identifier(DB_NAME)))


def drop_database(server_url: str) -> None:
    with psycopg.connect(maintenance_conninfo(server_url), autocommit=True) as connection:
        connection.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(DB_NAME)))


def django_env(db_url: str) -> dict[str, str]:
    """The environment of manage.py and gunicorn: the scratch database, the development profile."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        REDIS_URL=os.environ["REDIS_URL"],
        DJANGO_ENV="development",
        # A DEBUG=true left in the shell would record every query and skew the figures.
        DEBUG="false",
        ALLOWED_HOSTS=HOST,
        LOG_LEVEL="WARNING",
    )
    return env


def manage(db_url: str, *arguments: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *arguments],
        cwd=BASE_DIR,
        env=django_env(db_url),
        text=True,
        capture_output=capture,
    )


def prepare_database(server_url: str, families: int, reuse: bool) -> str:
    """Creates, migrates and seeds the scratch database (or reuses it); returns its URL."""
    db_url = scratch_url(server_url)
    say(f"== Scratch database {DB_NAME} on {urlsplit(server_url).hostname}:{urlsplit(server_url).port or 5432}")
    if reuse and database_exists(server_url):
        found = family_count(db_url)
        if found >= families:
            say(f"   --reuse: it holds {found} families (≥ {families}); not reseeding, applying any new migrations")
            run_step(db_url, "migrate", "--noinput", "-v", "0")
            analyze(db_url)
            return db_url
        say(f"   --reuse: it holds only {found} families (< {families}); recreating it")
    recreate_database(server_url)
    say("   created")
    run_step(db_url, "migrate", "--noinput", "-v", "0")
    run_step(db_url, "seed_demo", "--families", str(families))
    analyze(db_url)
    return db_url


def analyze(db_url: str) -> None:
    """Fresh planner statistics, as autovacuum would have gathered on a database that grew over months
    (right after a bulk load they are missing, and the plans measured would be ones no user gets)."""
    say("-- ANALYZE")
    with psycopg.connect(db_url, autocommit=True) as connection:
        connection.execute("analyze")


def run_step(db_url: str, *arguments: str) -> None:
    say(f"-- manage.py {' '.join(arguments)}")
    started = time.monotonic()
    if manage(db_url, *arguments).returncode != 0:
        raise BenchError(f"manage.py {' '.join(arguments)} failed (output above)")
    say(f"   done in {time.monotonic() - started:.1f} s")


# --- Targets, picked with the ORM ----------------------------------------------------------------------


@dataclasses.dataclass
class Targets:
    names: list[str]
    iins: list[str]
    family_ids: list[int]


def pick_targets(db_url: str, count: int, seed: int | None) -> Targets:
    """Random families the registrar sees (her centre's district): their names, IINs and ids."""
    os.environ.update(DJANGO_SETTINGS_MODULE="otbasy.settings", DATABASE_URL=db_url, DJANGO_ENV="development")
    sys.path.insert(0, str(BASE_DIR))
    import django  # only now: the settings read DATABASE_URL when they are imported

    django.setup()
    from django.db import connections

    from families.models import Family

    visible = Family.objects.filter(district__code=DISTRICT)
    # Sample the ids in Python, so that --seed gives the same families on the same data.
    ids = sorted(visible.values_list("pk", flat=True))
    if not ids:
        raise BenchError(f"no families in district {DISTRICT!r}: nothing for {USERNAME} to search for")
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))
    families = visible.filter(pk__in=chosen).select_related("mother")
    by_id = {family.pk: family for family in families}
    ordered = [by_id[pk] for pk in chosen]
    connections.close_all()
    return Targets(
        names=[f"{f.mother.last_name} {f.mother.first_name[:3]}" for f in ordered],
        iins=[f.mother.iin for f in ordered if f.mother.iin],
        family_ids=[f.pk for f in ordered],
    )


# --- gunicorn -----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn in its own session: a Ctrl+C in the terminal reaches only the bench, which then stops
    gunicorn itself, after the measurement it was serving has been abandoned."""

    def __init__(self, db_url: str, workers: int) -> None:
        self.port = free_port()
        self.log_path = RESULTS_DIR / "gunicorn.log"
        RESULTS_DIR.mkdir(exist_ok=True)
        self.log = self.log_path.open("w")
        # No control socket: gunicorn 27 would otherwise take over ~/.gunicorn/gunicorn.ctl, the one
        # another gunicorn on this machine may be using.
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "otbasy.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(workers),
                "--no-control-socket",
            ],
            cwd=BASE_DIR,
            env=django_env(db_url),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", "/healthz")
                connection.getresponse().read()  # any HTTP answer means a worker is serving
                connection.close()
                return
            except OSError:
                time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # gunicorn's graceful shutdown
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def log_tail(self, lines: int = 30) -> str:
        self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


# --- HTTP client --------------------------------------------------------------------------------------


class Client:
    """One persistent connection and its own cookies. gunicorn's sync workers close the connection
    after each answer; http.client then reconnects by itself on the next request."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPResponse, bytes]:
        headers = {"User-Agent": "otbasy-bench", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A connection the server had already closed: open a new one, once (GETs only: they
                # can safely be sent twice).
                self.connection.close()
                if attempt == 2 or method != "GET":
                    raise
        self.remember_cookies(response)
        return response.status, response, content

    def get(self, path: str) -> tuple[int, bytes]:
        status, _, content = self.request("GET", path)
        return status, content

    def remember_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)  # Django deletes a cookie by expiring it
                else:
                    self.cookies[name] = morsel.value

    def close(self) -> None:
        self.connection.close()


class CsrfFieldFinder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.token: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        fields = dict(attrs)
        if tag == "input" and fields.get("name") == "csrfmiddlewaretoken":
            self.token = fields.get("value")


def sign_in(port: int) -> dict[str, str]:
    """Signs in through the login form like a browser; returns the cookies (sessionid, csrftoken...)."""
    client = Client(port)
    login_path = "/kk/accounts/login/"
    status, page = client.get(login_path)
    if status != 200:
        raise BenchError(f"GET {login_path} answered {status}")
    finder = CsrfFieldFinder()
    finder.feed(page.decode("utf-8", errors="replace"))
    if not finder.token or "csrftoken" not in client.cookies:
        raise BenchError(f"no CSRF token on {login_path}")
    form = urlencode({"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": finder.token})
    status, response, _ = client.request(
        "POST",
        login_path,
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            # Django checks the Referer of a POST only over HTTPS, but a browser sends it anyway.
            "Referer": f"http://{HOST}:{port}{login_path}",
        },
    )
    if status != 302 or "sessionid" not in client.cookies:
        hint = " (wrong password, or locked out by axes?)" if status == 200 else ""
        raise BenchError(f"signing in as {USERNAME} failed: POST {login_path} answered {status}{hint}")
    status, _ = client.get("/kk/accounts/profile/")  # a page only a signed-in user gets
    if status != 200:
        raise BenchError(f"signed in as {USERNAME}, but the profile page answered {status}")
    say(f"   signed in as {USERNAME} (redirected to {response.getheader('Location')})")
    client.close()
    return client.cookies


# --- Measuring ----------------------------------------------------------------------------------------


@dataclasses.dataclass
class Endpoint:
    name: str
    paths: list[str]  # requested in turn


@dataclasses.dataclass
class Result:
    endpoint: Endpoint
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    statuses: Counter = dataclasses.field(default_factory=Counter)
    failed_paths: list[str] = dataclasses.field(default_factory=list)
    missing: bool = False  # answered 404 to the probe: the page is not there (yet)

    @property
    def errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status != 200)


def run_requests(
    port: int, cookies: dict[str, str], paths: list[str], total: int, concurrency: int
) -> tuple[float, list[tuple[str, int, float]]]:
    """`total` GETs over `concurrency` threads, taking the paths in turn. Returns the wall time and
    (path, status, seconds) per request; status 0 stands for a connection error."""
    counter = itertools.count()
    lock = threading.Lock()
    samples: list[tuple[str, int, float]] = []
    start = threading.Barrier(concurrency + 1)  # all clients connect first, then start together

    def worker() -> None:
        client = Client(port, cookies)
        mine: list[tuple[str, int, float]] = []
        start.wait()
        while True:
            with lock:
                index = next(counter)
            if index >= total:
                break
            path = paths[index % len(paths)]
            began = time.perf_counter()
            try:
                status, _ = client.get(path)
            except (OSError, http.client.HTTPException):
                status = 0
                client.close()
            mine.append((path, status, time.perf_counter() - began))
        client.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, samples


def describe_errors(statuses: Counter) -> str:
    """ "302×3, no answer×1": the non-200 statuses and how often each came."""
    return ", ".join(f"{status or 'no answer'}×{count}" for status, count in sorted(statuses.items()) if status != 200)


def probe(port: int, cookies: dict[str, str], path: str) -> int:
    client = Client(port, cookies)
    try:
        return client.get(path)[0]
    finally:
        client.close()


def measure(port: int, cookies: dict[str, str], endpoint: Endpoint, requests: int, concurrency: int) -> Result:
    result = Result(endpoint)
    if probe(port, cookies, endpoint.paths[0]) == 404:
        result.missing = True
        say(f"   {endpoint.name}: {unquote(endpoint.paths[0])} answers 404 — not there yet, skipped")
        return result
    run_requests(port, cookies, endpoint.paths, WARMUP_REQUESTS, min(concurrency, WARMUP_REQUESTS))
    wall, samples = run_requests(port, cookies, endpoint.paths, requests, concurrency)
    latencies_ms = sorted(seconds * 1000 for _, _, seconds in samples)
    result.rps = len(samples) / wall
    # Inclusive quantiles: p95 of 400 samples lies between the 380th and 381st latency.
    cuts = statistics.quantiles(latencies_ms, n=100, method="inclusive")
    result.p50_ms, result.p95_ms = cuts[49], cuts[94]
    result.statuses = Counter(status for _, status, _ in samples)
    result.failed_paths = sorted({path for path, status, _ in samples if status != 200})
    line = f"   {endpoint.name}: {result.rps:.1f} req/s, p50 {result.p50_ms:.1f} ms, p95 {result.p95_ms:.1f} ms"
    if result.errors:
        line += f" — {result.errors} ERRORS: {describe_errors(result.statuses)}"
    say(line)
    return result


def baseline() -> Endpoint:
    return Endpoint("trivial page (/robots.txt)", ["/robots.txt"])


# A misspelling a registrar makes: one vowel of the last name heard as another.
_VOWEL_SWAPS = str.maketrans("аоеиұуәөыі", "оаиеуұөәіы")


def misspell(last_name: str) -> str:
    for index in range(2, len(last_name)):
        swapped = last_name[index].translate(_VOWEL_SWAPS)
        if swapped != last_name[index]:
            return last_name[:index] + swapped + last_name[index + 1 :]
    return last_name + "а"


def endpoints(targets: Targets, extra_paths: list[str]) -> list[Endpoint]:
    pages = [
        Endpoint("family list", ["/kk/families/"]),
        Endpoint("search by name", [f"/kk/families/?q={quote(name)}" for name in targets.names]),
        Endpoint("search by a misspelt name", [f"/kk/families/?q={quote(misspell(name.split()[0]))}" for name in targets.names]),
        Endpoint("search by IIN", [f"/kk/families/?q={iin}" for iin in targets.iins]),
        Endpoint("family page", [f"/kk/families/{pk}/" for pk in targets.family_ids]),
    ]
    pages += [Endpoint(path, [path]) for path in extra_paths]
    return [page for page in pages if page.paths]


# --- Report -------------------------------------------------------------------------------------------


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}×" if baseline else "—"


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", " ")  # 100 000, as people write it in Almaty


def report(results: list[Result], args: argparse.Namespace, families: int) -> str:
    baseline = results[0]
    lines = [
        "| endpoint | req/s | p50 ms | p95 ms | req/s vs trivial | p50 vs trivial | p95 vs trivial |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        name = result.endpoint.name
        if result.missing:
            lines.append(f"| {name} | not there (404) | | | | | |")
            continue
        if result.errors:
            name += f" ⚠ {result.errors} errors"
        lines.append(
            f"| {name} | {result.rps:.1f} | {result.p50_ms:.1f} | {result.p95_ms:.1f} | "
            f"{ratio(result.rps, baseline.rps)} | {ratio(result.p50_ms, baseline.p50_ms)} | {ratio(result.p95_ms, baseline.p95_ms)} |"
        )
    lines += [
        "",
        f"N = {thousands(families)} families (district {DISTRICT}: searched as {USERNAME}); gunicorn: {args.workers} sync workers; "
        f"client concurrency: {args.concurrency}; {args.requests} requests per endpoint after {WARMUP_REQUESTS} warm-up; "
        f"{os.cpu_count()} CPUs; {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z}.",
    ]
    notes = [
        f"{r.endpoint.name}: {r.errors} non-200 answers ({describe_errors(r.statuses)}), e.g. {unquote(r.failed_paths[0])}"
        for r in results
        if r.errors
    ]
    notes += [f"{r.endpoint.name}: {unquote(r.endpoint.paths[0])} answered 404, not measured." for r in results if r.missing]
    if notes:
        lines += [""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


# --- Main ---------------------------------------------------------------------------------------------


class BenchError(Exception):
    """A step failed: the message says which and why."""


def interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # gunicorn runs in its own session (see Server): a `kill` of the bench must stop it like Ctrl+C does.
    signal.signal(signal.SIGTERM, interrupted)
    server_url = os.environ["DATABASE_URL"]
    server: Server | None = None
    try:
        db_url = prepare_database(server_url, args.families, args.reuse)
        families = family_count(db_url)

        say(f"== Picking {args.targets} random families of {DISTRICT}")
        targets = pick_targets(db_url, args.targets, args.seed)
        say(f"   {len(targets.family_ids)} families, {len(targets.iins)} IINs, e.g. {targets.names[0]!r}")

        say(f"== Starting gunicorn ({args.workers} workers)")
        server = Server(db_url, args.workers)
        server.wait_until_up()
        say(f"   serving on http://{HOST}:{server.port} (log: {server.log_path.relative_to(BASE_DIR)})")
        cookies = sign_in(server.port)

        say(f"== Measuring: {WARMUP_REQUESTS} warm-up, then {args.requests} requests over {args.concurrency} threads each")
        pages = [baseline(), *endpoints(targets, args.also)]
        results = [measure(server.port, cookies, page, args.requests, args.concurrency) for page in pages]
    except BenchError as error:
        say(f"bench: {error}")
        return 1
    except psycopg.OperationalError as error:
        say(f"bench: cannot reach PostgreSQL: {error}")
        return 1
    except KeyboardInterrupt:
        say("bench: interrupted")
        return 130
    finally:
        if server is not None:
            say("== Stopping gunicorn")
            server.stop()
        if not args.keep_db:
            say(f"== Dropping {DB_NAME}")
            drop_database(server_url)

    if results[0].missing or results[0].errors:
        say("bench: the trivial page itself failed; the ratios mean nothing")
    table = report(results, args, families)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "latest.md").write_text(table, encoding="utf-8")
    say("")
    say(table)
    say(
        f"(written to {(RESULTS_DIR / 'latest.md').relative_to(BASE_DIR)}"
        + (f"; the scratch database {DB_NAME} is kept — drop it with: {drop_hint(server_url)})" if args.keep_db else ")")
    )
    failed = any(result.errors or result.missing for result in results)
    if any(result.errors for result in results):
        say(f"Errors: the server's side of them is in {(RESULTS_DIR / 'gunicorn.log').relative_to(BASE_DIR)}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
