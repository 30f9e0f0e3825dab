"""The scratch database ``make bench`` measures on: created, migrated, seeded (or topped up), analysed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DB_NAME = "otbasy_bench"
HOST = "127.0.0.1"


class BenchError(Exception):
    """A step failed: the message says which and why."""


def say(message: str) -> None:
    print(message, flush=True)


def drop_hint(server_url: str = "postgres://postgres@127.0.0.1:5432/otbasy", name: str = DB_NAME) -> str:
    """The psql command that drops the scratch database (the password, if any, left out)."""
    parts = urlsplit(server_url)
    netloc = parts.netloc.replace(f":{parts.password}@", "@") if parts.password else parts.netloc
    return f'psql "postgresql://{netloc}/postgres" -c "drop database {name}"'


def scratch_url(server_url: str, name: str = DB_NAME) -> str:
    """DATABASE_URL with the database name swapped for the scratch one (user, host, options kept)."""
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(scheme="postgresql", path=f"/{name}"))


def maintenance_conninfo(server_url: str) -> str:
    # libpq understands postgres:// and postgresql:// URLs; Django's reader also allows pgsql://.
    return make_conninfo(urlunsplit(urlsplit(server_url)._replace(scheme="postgresql")), dbname="postgres")


def database_exists(server_url: str, name: str = DB_NAME) -> bool:
    with psycopg.connect(maintenance_conninfo(server_url), autocommit=True) as connection:
        return connection.execute("select 1 from pg_database where datname = %s", [name]).fetchone() is not None


def family_count(db_url: str) -> int:
    """Families in the scratch database; 0 when it has no families table yet."""
    with psycopg.connect(db_url, autocommit=True) as connection:
        try:
            return connection.execute("select count(*) from families_family").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0


def recreate_database(server_url: str, name: str = DB_NAME) -> None:
    # CREATE/DROP DATABASE cannot run in a transaction, hence autocommit; FORCE ends the sessions a
    # previous run (or a psql left open) still has on it.
    with psycopg.connect(maintenance_conninfo(server_url), autocommit=True) as connection:
        connection.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("create database {}").format(sql.Identifier(name)))


def drop_database(server_url: str, name: str = DB_NAME) -> None:
    with psycopg.connect(maintenance_conninfo(server_url), autocommit=True) as connection:
        connection.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


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


def run_step(db_url: str, *arguments: str) -> None:
    say(f"-- manage.py {' '.join(arguments)}")
    started = time.monotonic()
    if manage(db_url, *arguments).returncode != 0:
        raise BenchError(f"manage.py {' '.join(arguments)} failed (output above)")
    say(f"   done in {time.monotonic() - started:.1f} s")


def prepare_database(server_url: str, families: int, reuse: bool, name: str = DB_NAME) -> str:
    """Creates, migrates and seeds the scratch database — or, with ``reuse``, migrates the one there and
    lets ``seed_demo`` top it up (the families missing, and the demo rows of apps added since) — then
    vacuums and analyses it. Returns its URL."""
    db_url = scratch_url(server_url, name)
    say(f"== Scratch database {name} on {urlsplit(server_url).hostname}:{urlsplit(server_url).port or 5432}")
    if reuse and database_exists(server_url, name):
        say(f"   --reuse: it holds {family_count(db_url)} families; migrating it and topping the demo data up")
    else:
        recreate_database(server_url, name)
        say("   created")
    run_step(db_url, "migrate", "--noinput", "-v", "0")
    run_step(db_url, "seed_demo", "--families", str(families))
    vacuum_and_analyze(db_url)
    return db_url


def vacuum_and_analyze(db_url: str) -> None:
    """A vacuum with fresh planner statistics, as autovacuum would have run on a database that grew
    over months: right after a bulk load the statistics are missing, the visibility map is empty and
    the GIN indexes' pending entries unmerged, and the plans and reads measured would be ones no user
    gets."""
    say("-- VACUUM (ANALYZE)")
    with psycopg.connect(db_url, autocommit=True) as connection:
        connection.execute("vacuum (analyze)")
