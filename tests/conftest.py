"""Fixtures shared by every test: the control-database backends, a running app, fresh tenants."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import argon2
import psycopg
import pytest
from sqlalchemy.engine import make_url

import ams.auth.secrets as _secrets

# Passwords are hashed in-process with argon2's cheapest parameters. The product's cost is slow by design (about
# 0.13 s and four threads a hash or check here) and made up over half the CPU of the API tests, which create and
# log in users by the hundred. Servers that integration tests start keep the real parameters.
_secrets._hasher = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_secrets._DECOY_HASH = _secrets._hasher.hash("ams-decoy-password")

POSTGRES_URL = os.environ.get("AMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
CLICKHOUSE_URL = os.environ.get("AMS_TEST_CLICKHOUSE_URL", "http://default@127.0.0.1:8123/default")
_skipped_backends: set[str] = set()


def postgres_reachable() -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        with psycopg.connect(make_url(POSTGRES_URL).render_as_string(False), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards; skips (loudly) when PostgreSQL is unreachable."""
    reason = postgres_reachable()
    if reason:
        _skipped_backends.add(f"PostgreSQL at {POSTGRES_URL}: {reason}")
        pytest.skip(f"PostgreSQL UNREACHABLE at {POSTGRES_URL}: {reason}")
    name = f"ams_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin_url = make_url(POSTGRES_URL).render_as_string(False)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(False)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A PostgreSQL database shared by this test session's in-process API tests."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """The control-database backend of a test that starts its own AMS on an empty database."""
    return str(request.param)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The control database under test: every test that takes it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'ams.db'}"
    return str(request.getfixturevalue("postgres_database"))


def clickhouse_reachable() -> str | None:
    """None when a ClickHouse server answers at CLICKHOUSE_URL, else why not."""
    import httpx

    url = make_url_http(CLICKHOUSE_URL)
    try:
        httpx.get(f"{url}/ping", timeout=2).raise_for_status()
        return None
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"


def make_url_http(url: str) -> str:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.hostname}:{parsed.port or 8123}"


def skip_backend(what: str, reason: str) -> None:
    _skipped_backends.add(f"{what}: {reason}")
    pytest.skip(f"{what} UNREACHABLE: {reason}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # From the skip reports too: under pytest-xdist the skips happen in worker processes, whose module state the
    # process printing this summary never sees.
    skipped = set(_skipped_backends)
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = getattr(report, "longrepr", None)
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr or "")
        if " UNREACHABLE" in reason:  # "<what> UNREACHABLE[ at <url>]: <why>", as skip_backend and PostgreSQL say
            skipped.add(reason.removeprefix("Skipped: ").replace(" UNREACHABLE", "", 1))
    for what in sorted(skipped):
        terminalreporter.write_sep("!", "BACKEND NOT TESTED", red=True, bold=True)
        terminalreporter.write_line(f"SKIPPED every test of {what}", red=True, bold=True)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`make test` runs the suite in two processes (pytest-xdist, `--dist loadgroup`): each file is a unit of work,
    except tests/api, whose package-scoped app holds the embedded telemetry engine. That engine takes one data
    path per process, so the package's tests must run together, in one process, after one another."""
    root = Path(str(config.rootpath))
    for item in items:
        path = Path(str(item.path)).relative_to(root)
        group = "tests/api" if path.parts[:2] == ("tests", "api") else path.as_posix()
        item.add_marker(pytest.mark.xdist_group(group))
