"""The hourly rollup job, and the plan of which part of a window the rollups answer.

Rollups are computed for whole hours up to the last full hour and recomputed for the few hours before it at
every run, so that late spans and outcome events still count. Each rollup table has its own mark,
`rollup_state.complete_until`: every hour before it has been computed. A window reads a rollup only below its
mark and raw spans for the rest. A table added later is computed from the oldest raw span still kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import anyio

from ams.analytics.rollup_queries import AGENT_HOURLY_INSERT, MODEL_HOURLY_INSERT
from ams.analytics.windows import Window
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.jobs.daemon import PeriodicJob
from ams.telemetry.store import TelemetryStore

RECOMPUTE = timedelta(hours=3)
CHUNK = timedelta(hours=24)
# Windows shorter than this are answered from raw spans alone, exactly.
LONG_WINDOW = timedelta(hours=6)
_STATE_CACHE_S = 30.0
AGENT_HOURLY = "agent_hourly"
MODEL_HOURLY = "model_hourly"
# Each rollup table and the statement that recomputes it for [since, until).
TABLES = {AGENT_HOURLY: AGENT_HOURLY_INSERT, MODEL_HOURLY: MODEL_HOURLY_INSERT}


def floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def ceil_hour(moment: datetime) -> datetime:
    floored = floor_hour(moment)
    return floored if floored == moment else floored + timedelta(hours=1)


def _as_utc(value: object) -> datetime | None:
    if value in (None, "", "1970-01-01 00:00:00"):
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class RollupPlan:
    """Rollups answer [rollup_from, rollup_to); raw spans the rest of the window."""

    rollup_from: datetime
    rollup_to: datetime

    @property
    def uses_rollups(self) -> bool:
        return self.rollup_to > self.rollup_from


class Rollups:
    def __init__(self, store: TelemetryStore) -> None:
        self.store = store
        # (monotonic expiry, marks by table): the marks move once per job run, every few minutes.
        self._complete_until: tuple[float, dict[str, datetime] | None] = (0.0, None)

    def marks(self) -> dict[str, datetime]:
        """How far each rollup table is complete; a table never computed has no mark."""
        rows = self.store.query("SELECT name, complete_until FROM rollup_state FINAL").rows
        return {str(name): mark for name, value in rows if (mark := _as_utc(value)) is not None}

    def refresh(self) -> None:
        """Read the marks again at the next plan rather than trust the cached ones."""
        self._complete_until = (0.0, None)

    def complete_until(self, table: str = AGENT_HOURLY) -> datetime | None:
        return self.marks().get(table)

    async def plan(self, window: Window, table: str = AGENT_HOURLY) -> RollupPlan:
        expires, marks = self._complete_until
        if marks is None or expires < time.monotonic():
            marks = await anyio.to_thread.run_sync(self.marks)
            self._complete_until = (time.monotonic() + _STATE_CACHE_S, marks)
        mark = marks.get(table)
        start = ceil_hour(window.since)
        if mark is None or window.until - window.since < LONG_WINDOW:
            return RollupPlan(window.until, window.until)
        end = min(mark, floor_hour(window.until))
        return RollupPlan(start, end) if end > start else RollupPlan(window.until, window.until)

    def compute(self, now: datetime) -> tuple[datetime, datetime] | None:
        """Recompute the hours that may have changed, in every rollup table; return the range computed."""
        until = floor_hour(now)
        marks = self.marks()
        first: datetime | None = None
        computed: tuple[datetime, datetime] | None = None
        for table, insert in TABLES.items():
            mark = marks.get(table)
            if mark is not None:
                since = min(mark, until) - RECOMPUTE
            else:
                if first is None:
                    first = _as_utc(self.store.query("SELECT min(start_time) FROM spans").scalar())
                if first is None or first.year < 2000:
                    continue
                since = floor_hour(first)
            if since >= until:
                continue
            self._compute(insert, since, until)
            self.store.insert(
                "rollup_state",
                ["name", "complete_until", "computed_us"],
                [[table], [until.strftime("%Y-%m-%d %H:%M:%S")], [int(time.time() * 1_000_000)]],
            )
            computed = (min(since, computed[0]) if computed else since, until)
        self.refresh()
        return computed

    def _compute(self, insert: str, since: datetime, until: datetime) -> None:
        cursor = since
        while cursor < until:
            chunk_end = min(cursor + CHUNK, until)
            self.store.command(
                insert, {"since": cursor, "until": chunk_end, "computed_us": int(time.time() * 1_000_000)}
            )
            cursor = chunk_end


class RollupJob(PeriodicJob):
    name = "telemetry.rollups"
    interval = timedelta(minutes=5)

    def __init__(self, db: Database, rollups: Rollups) -> None:
        super().__init__(db)
        self.rollups = rollups

    async def run_once(self) -> str:
        computed = await anyio.to_thread.run_sync(self.rollups.compute, utcnow())
        if computed is None:
            return "nothing to roll up"
        return f"rolled up {computed[0].isoformat()} to {computed[1].isoformat()}"
