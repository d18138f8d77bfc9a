"""The telemetry store and the choice of its backend."""

from __future__ import annotations

from pathlib import Path

from ams.telemetry.store.base import QueryResult, StoreError, TelemetryStore


def open_store(data_dir: Path, clickhouse_url: str | None) -> TelemetryStore:
    """The ClickHouse server when a URL is configured, else the embedded engine in `<data dir>/telemetry`."""
    if clickhouse_url:
        from ams.telemetry.store.clickhouse_store import ClickHouseStore

        return ClickHouseStore(clickhouse_url)
    from ams.telemetry.store.chdb_store import ChdbStore

    return ChdbStore(data_dir / "telemetry")


__all__ = ["QueryResult", "StoreError", "TelemetryStore", "open_store"]
