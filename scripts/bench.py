"""`make bench`: how fast are the portal's busiest pages with a realistic registry?

How it works:

1. A scratch PostgreSQL database (otbasy_bench) is created, migrated and seeded with N demo families
   by `seed_demo` — or, with --reuse, the one left by an earlier run is migrated and `seed_demo` tops it
   up (its steps add only what is missing: the families short of N, the demo rows of apps added since).
   Then ANALYZE, as autovacuum would have done on a database that grew over months.
2. The pages come from the apps: each app's `PortalAppConfig.bench` declares `BenchEndpoint(label,
   paths, username)`, `paths` naming a function `(rng, count) -> list[str]` that picks targets from the
   seeded data (`families/bench.py`). This script does not set Django up itself: it asks
   `manage.py bench_paths` (run against the scratch database, like migrate) for the endpoints as JSON,
   so that it measures a server it holds no connections to.
3. gunicorn serves the scratch database; every distinct demo user of the endpoints signs in through
   the login form (her own cookies); endpoints with username None are asked by an anonymous client.
4. Each endpoint gets warm-up requests, then N requests over M client threads taking its paths in
   turn, in rounds: each round asks every endpoint in turn, so that a load that comes and goes on a
   shared machine weighs on all of them alike. The trivial page (/robots.txt, no database, with the
   registrar's session) is one of them, and every figure is also given as a ratio to it, so that
   figures compare between machines.

The result is a Markdown table, printed and written to bench-results/latest.md. Any non-200 answer
is an error: it is reported and the script exits with status 1. Standard library and psycopg only.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import sys

import psycopg

# scripts/ is on the path when this file runs: its parts are in scripts/benchlib.
from benchlib.client import sign_in
from benchlib.database import BASE_DIR, DB_NAME, BenchError, drop_database, drop_hint, family_count, prepare_database, say
from benchlib.endpoints import TRIVIAL, app_endpoints, extra_endpoints
from benchlib.measure import WARMUP_REQUESTS, Endpoint, Result, measure_round, prepare, summarize
from benchlib.report import Setup, report, thousands
from benchlib.server import RESULTS_DIR, Server


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got {text}")
    return value


def _data_arguments(parser: argparse.ArgumentParser) -> None:
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
        help=f"keep {DB_NAME} if it exists: migrate it and let seed_demo top it up (families short of N, demo rows of apps added since)",
    )
    parser.add_argument(
        "--targets", type=positive, default=50, help="targets (families, names, IINs) each endpoint picks (default: %(default)s)"
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed for picking the targets (default: a new pick each run)"
    )
    keep = parser.add_mutually_exclusive_group()
    keep.add_argument(
        "--keep-db", action="store_true", default=True, help=f"leave {DB_NAME} in place after the run (the default)"
    )
    keep.add_argument("--drop-db", dest="keep_db", action="store_false", help=f"drop {DB_NAME} at the end")
    parser.add_argument(
        "--second-size",
        type=positive,
        default=None,
        metavar="M",
        help=f"also measure the pages that must not grow with the registry (the city dashboard) against a second "
        f"scratch database of M families ({DB_NAME}_M, kept and reused like the first), served beside the first in the "
        f"same rounds; the table gets their rows at M families and the difference",
    )


def _load_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--requests",
        type=positive,
        default=400,
        help=f"measured requests per page, after {WARMUP_REQUESTS} warm-up requests (default: %(default)s)",
    )
    parser.add_argument(
        "--concurrency", type=positive, default=4, help="client threads, each with its own connection (default: %(default)s)"
    )
    parser.add_argument(
        "--rounds",
        type=positive,
        default=4,
        help="rounds the requests of each page are split into, every page in turn in each round (default: %(default)s)",
    )
    # As many as the production image starts (Dockerfile, docker-compose's WEB_WORKERS): the bench
    # measures the server as it is deployed.
    parser.add_argument("--workers", type=positive, default=3, help="gunicorn workers (default: %(default)s, as in production)")
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="PATH",
        help="also measure this page, as the registrar (e.g. /kk/ or /healthz); may be repeated",
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] + " Needs DATABASE_URL (the PostgreSQL server to create the "
        f'scratch database {DB_NAME} on) and REDIS_URL; `make bench BENCH_ARGS="..."` sets both.',
        epilog=f"The scratch database is kept after the run, so that --reuse can skip the slow seeding. "
        f"Drop it with: {drop_hint()} (for make bench's default server), or finish a run with --reuse --drop-db.",
    )
    _data_arguments(parser)
    _load_arguments(parser)
    args = parser.parse_args(argv)
    if args.requests < args.concurrency * args.rounds:
        parser.error("--requests must be at least --concurrency times --rounds")
    for variable in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(variable):
            parser.error(f"environment variable {variable} is not set (make bench sets it)")
    for path in args.also:
        if not path.startswith("/"):
            parser.error(f"--also expects a path starting with '/', got {path!r}")
    return args


def interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


Cookies = dict[tuple[int, str | None], dict[str, str]]


def sessions(port: int, endpoints: list[Endpoint]) -> Cookies:
    """The cookies of every demo user the endpoints name, on the server that answers each (signed in once
    each); none for anonymous."""
    users = sorted({(e.port or port, e.username) for e in endpoints if e.username})
    anonymous = {(e.port or port, None): {} for e in endpoints}
    return anonymous | {(server, username): sign_in(server, username) for server, username in users}


def measure_all(port: int, cookies: Cookies, endpoints: list[Endpoint], args: argparse.Namespace) -> list[Result]:
    """Every endpoint warmed up, then measured in rounds, each round asking every endpoint in turn."""
    per_round = args.requests // args.rounds
    say(
        f"== Measuring: {WARMUP_REQUESTS} warm-up, then {per_round * args.rounds} requests each over "
        f"{args.concurrency} threads, in {args.rounds} rounds"
    )
    results = [prepare(e.port or port, cookies[(e.port or port, e.username)], e, args.concurrency) for e in endpoints]
    for _round in range(args.rounds):
        for result in results:
            server = result.endpoint.port or port
            measure_round(server, cookies[(server, result.endpoint.username)], result, per_round, args.concurrency)
    return [summarize(result) for result in results]


def run(args: argparse.Namespace, server_url: str) -> tuple[list[Result], int]:
    """Prepares the database(s), serves them and measures every endpoint; returns the results and N."""
    db_url = prepare_database(server_url, args.families, args.reuse)
    say(f"== Asking the apps for their endpoints ({args.targets} targets each)")
    endpoints = [TRIVIAL, *app_endpoints(db_url, args.targets, args.seed), *extra_endpoints(args.also, TRIVIAL.username)]
    second_url = None
    if args.second_size:
        second_url = prepare_database(server_url, args.second_size, args.reuse, name=second_name(args.second_size))
        second = [e for e in app_endpoints(second_url, args.targets, args.seed) if e.at_both_sizes]
    say(f"== Starting gunicorn ({args.workers} workers{' each, for both databases' if second_url else ''})")
    servers = [Server(db_url, args.workers)]
    if second_url:
        servers.append(Server(second_url, args.workers, log_name=f"gunicorn-{args.second_size}.log"))
    try:
        for server in servers:
            server.wait_until_up()
            say(f"   serving on http://127.0.0.1:{server.port} (log: {server.log_path.relative_to(BASE_DIR)})")
        if second_url:
            at = f" — {thousands(args.second_size)} families"
            endpoints += [dataclasses.replace(e, label=e.label + at, port=servers[1].port) for e in second]
        port = servers[0].port
        results = measure_all(port, sessions(port, endpoints), endpoints, args)
    finally:
        say("== Stopping gunicorn")
        for server in servers:
            server.stop()
    return results, family_count(db_url)


def second_name(size: int) -> str:
    return f"{DB_NAME}_{size}"


def publish(results: list[Result], args: argparse.Namespace, families: int, server_url: str) -> int:
    """Prints and writes the table; the exit status (1 if any page failed or was missing)."""
    if results[0].missing or results[0].errors:
        say("bench: the trivial page itself failed; the ratios mean nothing")
    table = report(
        results, Setup(families, args.workers, args.concurrency, args.requests // args.rounds * args.rounds, args.rounds)
    )
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "latest.md").write_text(table, encoding="utf-8")
    say("\n" + table)
    kept = f"; the scratch database {DB_NAME} is kept — drop it with: {drop_hint(server_url)})" if args.keep_db else ")"
    say(f"(written to {(RESULTS_DIR / 'latest.md').relative_to(BASE_DIR)}{kept}")
    if any(result.errors for result in results):
        say(f"Errors: the server's side of them is in {(RESULTS_DIR / 'gunicorn.log').relative_to(BASE_DIR)}.")
    return 1 if any(result.errors or result.missing for result in results) else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # gunicorn runs in its own session (see Server): a `kill` of the bench must stop it like Ctrl+C does.
    signal.signal(signal.SIGTERM, interrupted)
    server_url = os.environ["DATABASE_URL"]
    try:
        results, families = run(args, server_url)
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
        if not args.keep_db:
            say(f"== Dropping {DB_NAME}")
            drop_database(server_url)
            if args.second_size:
                drop_database(server_url, second_name(args.second_size))
    return publish(results, args, families, server_url)


if __name__ == "__main__":
    sys.exit(main())
