"""Which pages to measure: every app declares its own in its ``PortalAppConfig.bench``
(``core.extensions.BenchEndpoint``), and ``manage.py bench_paths`` — run against the scratch database
like migrate and seed_demo — picks their paths from the seeded data and prints them as JSON."""

from __future__ import annotations

import json

from benchlib.database import BenchError, manage
from benchlib.measure import Endpoint

# Measured first, with the registrar's session as before: every ratio in the table is against it.
TRIVIAL = Endpoint("trivial page (/robots.txt)", ["/robots.txt"], "registrar")


def app_endpoints(db_url: str, count: int, seed: int | None) -> list[Endpoint]:
    arguments = ["bench_paths", "--count", str(count)] + (["--seed", str(seed)] if seed is not None else [])
    done = manage(db_url, *arguments, capture=True)
    if done.returncode != 0:
        raise BenchError(f"manage.py bench_paths failed:\n{done.stderr}")
    try:
        declared = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise BenchError(f"manage.py bench_paths printed no JSON ({error}):\n{done.stdout[:500]}") from None
    return [
        Endpoint(item["label"], item["paths"], item["username"], item.get("at_both_sizes", False))
        for item in declared
        if item["paths"]
    ]


def extra_endpoints(paths: list[str], username: str) -> list[Endpoint]:
    """The pages named with --also, asked by the same user as the trivial page."""
    return [Endpoint(path, [path], username) for path in paths]
