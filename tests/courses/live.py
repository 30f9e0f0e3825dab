"""A live server for many concurrent requests, and mothers sending them.

pytest-django's live server starts a thread (and so a database connection) per request: 200 at once
would pass PostgreSQL's connection limit. This one serves them from a fixed pool of threads, as
gunicorn's workers do, and queues the rest in the listening socket's backlog."""

from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, _StaticFilesHandler

from tests.families.desks import Desk


class PooledWSGIServer(ThreadedWSGIServer):
    request_queue_size = 512
    threads = 8

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pool = ThreadPoolExecutor(max_workers=self.threads)

    def process_request(self, request, client_address):
        self.pool.submit(self.process_request_thread, request, client_address)

    def server_close(self):
        super().server_close()
        self.pool.shutdown(wait=True)


class PooledLiveServerThread(LiveServerThread):
    server_class = PooledWSGIServer


class PooledLiveServer:
    def __init__(self) -> None:
        self.thread = PooledLiveServerThread("127.0.0.1", _StaticFilesHandler)
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.url = f"http://127.0.0.1:{self.thread.port}"

    def stop(self) -> None:
        self.thread.terminate()


@dataclass
class Result:
    status: int
    body: str
    seconds: float


def all_at_once(calls) -> list[Result]:
    """Runs every call in its own thread, all released at the same moment; each timed."""
    barrier = threading.Barrier(len(calls), timeout=60)
    results: list[Result | None] = [None] * len(calls)

    def run(index):
        try:
            barrier.wait()
            start = time.perf_counter()
            status, body = calls[index]()
            results[index] = Result(status, body, time.perf_counter() - start)
        except Exception as error:  # a refused connection, a timeout: an error of the run
            results[index] = Result(0, repr(error), 0.0)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return [result or Result(0, "no answer", 0.0) for result in results]


def latency(results: list[Result]) -> str:
    seconds = sorted(result.seconds for result in results)
    p99 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.99))]
    return f"p50 {statistics.median(seconds) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {seconds[-1] * 1000:.0f} ms"


def mothers_at_the_booking_page(server, users, path: str) -> list[tuple[Desk, dict]]:
    """Each mother signed in with her booking form open (its CSRF and submit-once tokens)."""
    opened = []
    for user in users:
        desk = Desk(server, user)
        opened.append((desk, desk.form(path)))
    return opened
