"""gunicorn serving the scratch database, in its own session."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from benchlib.database import BASE_DIR, HOST, BenchError, django_env

VENV_BIN = Path(sys.executable).parent
RESULTS_DIR = BASE_DIR / "bench-results"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn in its own session: a Ctrl+C in the terminal reaches only the bench, which then stops
    gunicorn itself, after the measurement it was serving has been abandoned."""

    def __init__(self, db_url: str, workers: int, log_name: str = "gunicorn.log") -> None:
        self.port = free_port()
        self.log_path = RESULTS_DIR / log_name
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
