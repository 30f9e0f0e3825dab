"""Measuring the endpoints: each is probed and warmed up, then measured in rounds — every endpoint in
turn, N requests over M client threads (each with its own connection) per round — so that a load
that comes and goes on a shared machine weighs on every endpoint alike; then requests per second and
the latency quantiles over all its rounds."""

from __future__ import annotations

import dataclasses
import http.client
import itertools
import statistics
import threading
import time
from collections import Counter
from urllib.parse import unquote

from benchlib.client import Client
from benchlib.database import say

WARMUP_REQUESTS = 20

Sample = tuple[str, int, float]  # path, status (0: no answer), seconds


@dataclasses.dataclass
class Endpoint:
    label: str
    paths: list[str]  # requested in turn
    username: str | None  # the demo user who asks; None: anonymous
    at_both_sizes: bool = False  # also measured against the registry of --second-size families
    port: int = 0  # the server that answers (0: the main one)


@dataclasses.dataclass
class Result:
    endpoint: Endpoint
    # Requests sent so far (the probe, the warm-up, the rounds): each run goes on with the paths where
    # the last one stopped, so that an endpoint with more paths than requests asks for none twice.
    asked: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    statuses: Counter = dataclasses.field(default_factory=Counter)
    failed_paths: list[str] = dataclasses.field(default_factory=list)
    missing: bool = False  # answered 404 to the probe: the page is not there (yet)
    wall: float = 0.0  # seconds spent in its rounds
    samples: list[Sample] = dataclasses.field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status != 200)


class _Run:
    """`total` GETs shared by the client threads, taking the paths in turn from the `first`."""

    def __init__(self, port: int, cookies: dict[str, str], paths: list[str], total: int, concurrency: int, first: int) -> None:
        self.port, self.cookies, self.paths, self.end = port, cookies, paths, first + total
        self.counter = itertools.count(first)
        self.lock = threading.Lock()
        self.samples: list[Sample] = []
        self.start = threading.Barrier(concurrency + 1)  # all clients connect first, then start together
        self.threads = [threading.Thread(target=self.worker, daemon=True) for _ in range(concurrency)]

    def worker(self) -> None:
        client = Client(self.port, self.cookies)
        mine: list[Sample] = []
        self.start.wait()
        while (index := self.next_index()) < self.end:
            path = self.paths[index % len(self.paths)]
            began = time.perf_counter()
            try:
                status, _ = client.get(path)
            except (OSError, http.client.HTTPException):
                status = 0
                client.close()
            mine.append((path, status, time.perf_counter() - began))
        client.close()
        with self.lock:
            self.samples.extend(mine)

    def next_index(self) -> int:
        with self.lock:
            return next(self.counter)

    def __call__(self) -> tuple[float, list[Sample]]:
        for thread in self.threads:
            thread.start()
        self.start.wait()
        began = time.perf_counter()
        for thread in self.threads:
            thread.join()
        return time.perf_counter() - began, self.samples


def run_requests(
    port: int, cookies: dict[str, str], paths: list[str], total: int, concurrency: int, first: int = 0
) -> tuple[float, list[Sample]]:
    """The wall time and the samples of `total` GETs over `concurrency` threads, from the `first` path on."""
    return _Run(port, cookies, paths, total, concurrency, first)()


def describe_errors(statuses: Counter) -> str:
    """ "302×3, no answer×1": the non-200 statuses and how often each came."""
    return ", ".join(f"{status or 'no answer'}×{count}" for status, count in sorted(statuses.items()) if status != 200)


def probe(port: int, cookies: dict[str, str], path: str) -> int:
    client = Client(port, cookies)
    try:
        return client.get(path)[0]
    finally:
        client.close()


def prepare(port: int, cookies: dict[str, str], endpoint: Endpoint, concurrency: int) -> Result:
    """Probes the endpoint (a 404 marks it missing) and warms it up."""
    result = Result(endpoint, asked=1)
    if probe(port, cookies, endpoint.paths[0]) == 404:
        result.missing = True
        say(f"   {endpoint.label}: {unquote(endpoint.paths[0])} answers 404 — not there yet, skipped")
        return result
    run_requests(port, cookies, endpoint.paths, WARMUP_REQUESTS, min(concurrency, WARMUP_REQUESTS), first=result.asked)
    result.asked += WARMUP_REQUESTS
    return result


def measure_round(port: int, cookies: dict[str, str], result: Result, requests: int, concurrency: int) -> None:
    if not result.missing:
        wall, samples = run_requests(port, cookies, result.endpoint.paths, requests, concurrency, first=result.asked)
        result.asked += requests
        result.wall += wall
        result.samples += samples


def summarize(result: Result) -> Result:
    """Requests per second and latency quantiles over all the rounds; says them."""
    if result.missing:
        return result
    latencies_ms = sorted(seconds * 1000 for _, _, seconds in result.samples)
    result.rps = len(result.samples) / result.wall
    # Inclusive quantiles: p95 of 400 samples lies between the 380th and 381st latency.
    cuts = statistics.quantiles(latencies_ms, n=100, method="inclusive")
    result.p50_ms, result.p95_ms = cuts[49], cuts[94]
    result.statuses = Counter(status for _, status, _ in result.samples)
    result.failed_paths = sorted({path for path, status, _ in result.samples if status != 200})
    line = f"   {result.endpoint.label}: {result.rps:.1f} req/s, p50 {result.p50_ms:.1f} ms, p95 {result.p95_ms:.1f} ms"
    if result.errors:
        line += f" — {result.errors} ERRORS: {describe_errors(result.statuses)}"
    say(line)
    return result
