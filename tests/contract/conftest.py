"""The telemetry store under test: embedded chDB always, a ClickHouse server when one answers at
AMS_TEST_CLICKHOUSE_URL (skipped loudly otherwise)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ams.telemetry.store import TelemetryStore
from tests.conftest import CLICKHOUSE_URL, clickhouse_reachable, skip_backend


@pytest.fixture(params=["chdb", "clickhouse"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TelemetryStore]:
    if request.param == "chdb":
        from ams.telemetry.store.chdb_store import ChdbStore

        backend: TelemetryStore = ChdbStore(tmp_path_factory.mktemp("chdb"))
    else:
        reason = clickhouse_reachable()
        if reason:
            skip_backend(f"ClickHouse server at {CLICKHOUSE_URL}", reason)
        from ams.telemetry.store.clickhouse_store import ClickHouseStore

        backend = ClickHouseStore(CLICKHOUSE_URL)
        for table in (
            "spans",
            "span_events",
            "heartbeats",
            "agent_hourly",
            "agent_hours",
            "agent_days",
            "model_hourly",
            "task_cost_hours",
            "rollup_state",
            "schema_migrations",
        ):
            backend.command(f"DROP TABLE IF EXISTS {table}")
    backend.migrate()
    yield backend
    backend.close()
