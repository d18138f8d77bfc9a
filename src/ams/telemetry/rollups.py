"""The rollup job, and the plan of which part of a window the rollups answer.

Hourly rollups are computed for whole hours up to the last full hour and recomputed for the few hours before it
at every run, so that late spans and outcome events still count; daily rollups are merged from the hourly ones
for whole days, recomputed whenever one of their hours is. Each rollup table has its own mark,
`rollup_state.complete_until`: everything before it has been computed. A window reads a rollup only below its
mark and raw spans for the rest. A table added later is computed from the oldest data still kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import anyio

from ams.analytics.rollup_queries import (
    AGENT_DAYS_INSERT,
    AGENT_HOURS_FROM_AGENT_HOURLY,
    AGENT_HOURS_INSERT,
    MODEL_HOURLY_INSERT,
    TASK_COST_HOURS_INSERT,
)
from ams.analytics.windows import Window
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.jobs.daemon import PeriodicJob
from ams.telemetry.store import TelemetryStore

RECOMPUTE = timedelta(hours=3)
CHUNK = timedelta(hours=24)
DAY = timedelta(days=1)
# Windows shorter than this are answered from raw spans alone, exactly.
LONG_WINDOW = timedelta(hours=6)
_STATE_CACHE_S = 30.0
AGENT_HOURS = "agent_hours"
AGENT_DAYS = "agent_days"
MODEL_HOURLY = "model_hourly"
TASK_COST_HOURS = "task_cost_hours"
# agent_hours' predecessor, sorted by agent first: carried over once, then neither written nor read.
AGENT_HOURLY = "agent_hourly"
# Each hourly rollup table and the statement that recomputes it from raw spans for [since, until).
HOURLY = {
    AGENT_HOURS: AGENT_HOURS_INSERT,
    MODEL_HOURLY: MODEL_HOURLY_INSERT,
    TASK_COST_HOURS: TASK_COST_HOURS_INSERT,
}


def floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def ceil_hour(moment: datetime) -> datetime:
    floored = floor_hour(moment)
    return floored if floored == moment else floored + timedelta(hours=1)


def floor_day(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def ceil_day(moment: datetime) -> datetime:
    floored = floor_day(moment)
    return floored if floored == moment else floored + DAY


def _as_utc(value: object) -> datetime | None:
    if value in (None, "", "1970-01-01 00:00:00"):
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class RollupPlan:
    """Rollups answer [rollup_from, rollup_to), raw spans the rest of the window. Within it, the daily rollups
    answer the whole days [day_from, day_to) when there are any, the hourly ones the other hours."""

    rollup_from: datetime
    rollup_to: datetime
    day_from: datetime | None = None
    day_to: datetime | None = None

    @property
    def uses_rollups(self) -> bool:
        return self.rollup_to > self.rollup_from

    @property
    def uses_days(self) -> bool:
        return self.day_from is not None and self.day_to is not None and self.day_to > self.day_from

    def hourly(self) -> RollupPlan:
        """The same range from the hourly rollups alone (for hourly buckets)."""
        return replace(self, day_from=None, day_to=None)


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

    def complete_until(self, table: str = AGENT_HOURS) -> datetime | None:
        return self.marks().get(table)

    async def plan(self, window: Window, table: str = AGENT_HOURS) -> RollupPlan:
        expires, marks = self._complete_until
        if marks is None or expires < time.monotonic():
            marks = await anyio.to_thread.run_sync(self.marks)
            self._complete_until = (time.monotonic() + _STATE_CACHE_S, marks)
        mark = marks.get(table)
        none = RollupPlan(window.until, window.until)
        if mark is None or window.until - window.since < LONG_WINDOW:
            return none
        start, end = ceil_hour(window.since), min(mark, floor_hour(window.until))
        if end <= start:
            return none
        daily = marks.get(AGENT_DAYS) if table == AGENT_HOURS else None
        if daily is None:
            return RollupPlan(start, end)
        return RollupPlan(start, end, ceil_day(start), max(ceil_day(start), min(daily, floor_day(end))))

    def compute(self, now: datetime) -> tuple[datetime, datetime] | None:
        """Recompute the hours (and days) that may have changed, in every rollup table; return the hours of
        agent_hours computed."""
        until = floor_hour(now)
        marks = self._carry_over(self.marks())
        first: datetime | None = None
        computed: tuple[datetime, datetime] | None = None
        for table, insert in HOURLY.items():
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
            self._mark(table, until)
            if table == AGENT_HOURS:
                computed = (since, until)
        self._compute_days(marks.get(AGENT_DAYS), computed)
        self.refresh()
        return computed

    def _carry_over(self, marks: dict[str, datetime]) -> dict[str, datetime]:
        """Once: agent_hourly's rows into agent_hours, with its mark, before agent_hours is first computed."""
        legacy = marks.get(AGENT_HOURLY)
        if legacy is None or AGENT_HOURS in marks:
            return marks
        self.store.command(AGENT_HOURS_FROM_AGENT_HOURLY)
        self._mark(AGENT_HOURS, legacy)
        return {**marks, AGENT_HOURS: legacy}

    def _compute_days(self, mark: datetime | None, hours: tuple[datetime, datetime] | None) -> None:
        """Merge whole days of `agent_hours` into `agent_days`: the days not computed yet, and the days whose
        hours were just recomputed."""
        hourly_mark = self.marks().get(AGENT_HOURS)
        if hourly_mark is None:
            return
        until = floor_day(hourly_mark)  # every hour of the days before it is in agent_hours
        if mark is None:
            oldest = _as_utc(self.store.query("SELECT min(hour) FROM agent_hours").scalar())
            since = floor_day(oldest) if oldest is not None and oldest.year >= 2000 else until
        else:
            since = min(mark, until, floor_day(hours[0]) if hours else until)
        if since < until:
            self._compute(AGENT_DAYS_INSERT, since, until)
        self._mark(AGENT_DAYS, until)

    def _compute(self, insert: str, since: datetime, until: datetime) -> None:
        cursor = since
        while cursor < until:
            chunk_end = min(cursor + CHUNK, until)
            self.store.command(
                insert, {"since": cursor, "until": chunk_end, "computed_us": int(time.time() * 1_000_000)}
            )
            cursor = chunk_end

    def _mark(self, table: str, until: datetime) -> None:
        self.store.insert(
            "rollup_state",
            ["name", "complete_until", "computed_us"],
            [[table], [until.strftime("%Y-%m-%d %H:%M:%S")], [int(time.time() * 1_000_000)]],
        )


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
