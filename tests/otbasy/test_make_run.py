"""`make run` as a newcomer sees it: what it prints while it installs and starts, and what it does not."""

import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT, free_port
from tests.helpers import clean_environment


def test_installing_the_dependencies_says_so_before_the_minute_of_silence(tmp_path):
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "-n", "--always-make", f"VENV={venv}", f"{venv}/bin/.installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = result.stdout.splitlines()
    progress = next(n for n, line in enumerate(lines) if line.startswith("echo") and "dependencies" in line)
    install = next(n for n, line in enumerate(lines) if "pip install" in line and "--upgrade pip" not in line)
    assert progress < install


class EmbeddedRun:
    """scripts/run-embedded.sh (what `make run` execs after migrate and seed_demo), with its output."""

    def __init__(self, data_dir, port: int) -> None:
        env = clean_environment() | {"OTBASY_DATA_DIR": str(data_dir)}
        self.process = subprocess.Popen(
            ["./scripts/run-embedded.sh", "127.0.0.1", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: stopping it stops the worker too
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True)
        self.reader.start()

    def wait_for(self, pattern: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.output, re.MULTILINE):
                return
            time.sleep(0.2)
        raise AssertionError(f"{pattern!r} never came:\n{self.output}")

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.reader.join(timeout=10)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def embedded_run(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("embedded")
    env = clean_environment() | {"OTBASY_DATA_DIR": str(data_dir)}
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "--families", "3"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    run = EmbeddedRun(data_dir, free_port())
    try:
        run.wait_for(r"Starting development server")
        run.wait_for(r"^\s+registrar\s+Registrar", timeout=60)
        time.sleep(2)  # anything the worker still had to say
        yield run.output
    finally:
        run.stop()


def test_the_demo_logins_come_again_after_the_workers_banner(embedded_run):
    banner = embedded_run.index("[queues]")
    assert embedded_run.index("Demo logins", banner) > banner
    assert re.search(r"^\s+admin\s+Administrator", embedded_run[banner:], re.MULTILINE)


def test_the_embedded_worker_starts_without_warnings(embedded_run):
    assert "No hostname was supplied" not in embedded_run
    assert "superuser privileges" not in embedded_run
    assert not re.search(r"^\S+ \S+ WARNING |\w+Warning: ", embedded_run, re.MULTILINE), embedded_run
