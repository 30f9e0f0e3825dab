"""The bench's Markdown table: each endpoint against the trivial page of the same run."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from urllib.parse import unquote

from benchlib.measure import WARMUP_REQUESTS, Result, describe_errors

HEADER = [
    "| endpoint | as | req/s | p50 ms | p95 ms | req/s vs trivial | p50 vs trivial | p95 vs trivial |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
]


@dataclass(frozen=True)
class Setup:
    """What the figures were measured with, for the line under the table."""

    families: int
    workers: int
    concurrency: int
    requests: int
    rounds: int = 1


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}×" if baseline else "—"


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", " ")  # 100 000, as people write it in Almaty


def row(result: Result, baseline: Result) -> str:
    label, who = result.endpoint.label, result.endpoint.username or "anonymous"
    if result.missing:
        return f"| {label} | {who} | not there (404) | | | | | |"
    if result.errors:
        label += f" ⚠ {result.errors} errors"
    return (
        f"| {label} | {who} | {result.rps:.1f} | {result.p50_ms:.1f} | {result.p95_ms:.1f} | "
        f"{ratio(result.rps, baseline.rps)} | {ratio(result.p50_ms, baseline.p50_ms)} | {ratio(result.p95_ms, baseline.p95_ms)} |"
    )


def notes(results: list[Result]) -> list[str]:
    found = [
        f"{r.endpoint.label}: {r.errors} non-200 answers ({describe_errors(r.statuses)}), e.g. {unquote(r.failed_paths[0])}"
        for r in results
        if r.errors
    ]
    return found + [
        f"{r.endpoint.label}: {unquote(r.endpoint.paths[0])} answered 404, not measured." for r in results if r.missing
    ]


def size_comparisons(results: list[Result]) -> list[str]:
    """For a page measured at both sizes (--second-size): its p50 at the second size against the first."""
    first = {result.endpoint.label: result for result in results if not result.endpoint.port}
    lines = []
    for result in results:
        if result.endpoint.port and (main := first.get(result.endpoint.label.rsplit(" — ", 1)[0])) and result.p50_ms:
            change = (main.p50_ms / result.p50_ms - 1) * 100
            lines.append(
                f"{main.endpoint.label}: p50 {main.p50_ms:.1f} ms here, {result.p50_ms:.1f} ms at"
                f" {result.endpoint.label.rsplit(' — ', 1)[1]} ({change:+.0f} %)"
            )
    return lines


def report(results: list[Result], setup: Setup) -> str:
    """The table (the first result is the trivial page), the setup, and what went wrong if anything did."""
    lines = HEADER + [row(result, results[0]) for result in results]
    lines += [
        "",
        f"N = {thousands(setup.families)} families; gunicorn: {setup.workers} sync workers; client concurrency: "
        f"{setup.concurrency}; {setup.requests} requests per endpoint after {WARMUP_REQUESTS} warm-up, "
        f"in {setup.rounds} round{'s' if setup.rounds != 1 else ''} (every endpoint in turn); "
        f"{os.cpu_count()} CPUs; {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z}.",
    ]
    if compared := size_comparisons(results):
        lines += [""] + [f"- {line}" for line in compared]
    if found := notes(results):
        lines += [""] + [f"- {note}" for note in found]
    return "\n".join(lines) + "\n"
