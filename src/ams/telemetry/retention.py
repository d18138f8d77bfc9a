"""Retention: raw telemetry older than `AMS_RETENTION_DAYS` is dropped, a day's partition at a time (cheap in
ClickHouse, unlike deleting rows). Rollups are kept."""

from __future__ import annotations

from datetime import datetime, timedelta

import anyio

from ams.db.base import utcnow
from ams.db.engine import Database
from ams.jobs.daemon import PeriodicJob
from ams.telemetry.store import TelemetryStore

RAW_TABLES = ("spans", "span_events", "heartbeats")

PARTITIONS = """
SELECT DISTINCT table, partition_id, partition
FROM system.parts
WHERE database = currentDatabase() AND active AND has({tables:Array(String)}, table)
ORDER BY table, partition_id
"""


def drop_expired(store: TelemetryStore, retention_days: int, now: datetime) -> list[str]:
    """Drop every raw day older than the retention; return `table/day` of each dropped partition."""
    cutoff = (now - timedelta(days=retention_days)).date().isoformat()
    dropped = []
    for table, partition_id, day in store.query(PARTITIONS, {"tables": list(RAW_TABLES)}).rows:
        if str(day) < cutoff:
            # partition_id comes from system.parts (digits only), never from a user.
            store.command(f"ALTER TABLE {table} DROP PARTITION ID '{partition_id}'")
            dropped.append(f"{table}/{day}")
    return dropped


class RetentionJob(PeriodicJob):
    name = "telemetry.retention"
    interval = timedelta(hours=1)

    def __init__(self, db: Database, store: TelemetryStore, retention_days: int) -> None:
        super().__init__(db)
        self.store = store
        self.retention_days = retention_days

    async def run_once(self) -> str:
        dropped = await anyio.to_thread.run_sync(drop_expired, self.store, self.retention_days, utcnow())
        return f"dropped {', '.join(dropped)}" if dropped else "nothing past retention"
