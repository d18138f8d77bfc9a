"""A real `ams serve` process on a free port, and the real `ams` command to drive it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import fresh_postgres_database

AMS = str(Path(sys.executable).parent / "ams")
ADMIN_EMAIL = "admin@ams.test"
ADMIN_PASSWORD = "integration-pw-1"
STARTUP_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes]

    @property
    def tmp_data_dir(self) -> Path:
        return Path(self.env["AMS_DATA_DIR"])

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def cli(self, *args: str, token: str | None = None, check: bool = True, input: str | None = None) -> Any:
        """Run `ams <args>` against this server; with --json in args, the parsed output."""
        env = {**self.env, "AMS_URL": self.url}
        if token:
            env["AMS_TOKEN"] = token
        done = subprocess.run([AMS, *args], env=env, capture_output=True, text=True, timeout=60, input=input)
        if check and done.returncode != 0:
            raise AssertionError(f"ams {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        if "--json" in args and done.returncode == 0:
            return json.loads(done.stdout)
        return done

    def login(self, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD) -> str:
        response = httpx.post(f"{self.url}/api/v1/auth/login", json={"email": email, "password": password})
        response.raise_for_status()
        return str(response.json()["access_token"])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(tmp: Path, database_url: str | None, **extra_env: str) -> Server:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AMS_")},
        "AMS_DATA_DIR": str(tmp / "data"),
        "AMS_PORT": str(port),
        "AMS_ADMIN_EMAIL": ADMIN_EMAIL,
        "AMS_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "AMS_CLI_CONFIG": str(tmp / "cli.json"),
        **extra_env,
    }
    if database_url:
        env["AMS_DATABASE_URL"] = database_url
    log_path = tmp / f"server-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([AMS, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", env, log_path, process)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"ams serve exited {process.returncode}:\n{server.log()}")
        try:
            if httpx.get(f"{server.url}/api/v1/system/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop()
    raise AssertionError(f"ams serve did not answer within {STARTUP_TIMEOUT_S}s:\n{server.log()}")


@pytest.fixture
def database(backend: str) -> Iterator[str | None]:
    """An empty control database for one test: None for SQLite (a file in the data dir), else a PostgreSQL URL."""
    if backend == "sqlite":
        yield None
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def server(tmp_path: Path, database: str | None) -> Iterator[Server]:
    """A fresh AMS with a fresh control database of the backend under test."""
    running = start_server(tmp_path, database)
    yield running
    running.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def module_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One AMS per backend for a module whose tests do not need a fresh one (each names its own things)."""
    with ExitStack() as stack:
        database = None if request.param == "sqlite" else stack.enter_context(fresh_postgres_database())
        running = start_server(tmp_path_factory.mktemp(f"ams-{request.param}"), database)
        stack.callback(running.stop)
        yield running


@pytest.fixture(scope="module")
def mocks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Two providers: a healthy one and one that always fails."""
    procs, urls = [], {}
    log_dir = tmp_path_factory.mktemp("mocks")
    for name, args in {
        "healthy": ["--prompt-tokens", "1000", "--completion-tokens", "200", "--chunks", "6"],
        "broken": ["--error-rate", "1", "--error-status", "503"],
    }.items():
        port = free_port()
        with (log_dir / f"{name}.log").open("wb") as log:
            procs.append(subprocess.Popen([AMS, "mock-provider", "--port", str(port), *args], stdout=log, stderr=log))
        urls[name] = f"http://127.0.0.1:{port}/v1"
    for url in urls.values():
        wait_for(f"{url}/models")
    yield urls
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


def wait_for(url: str) -> None:
    """Until `url` answers at all (a server just started), for at most 30 s."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")
