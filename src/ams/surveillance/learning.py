"""Learning baselines: reading agents' 5-minute buckets, keeping each agent's baseline in the control database,
and fitting its forest when it is needed (kept in memory until the baseline is relearnt)."""

from __future__ import annotations

import math
import statistics
from datetime import datetime, timedelta
from typing import Any

import anyio
from sqlalchemy import select

from ams.db.engine import Database
from ams.surveillance import queries
from ams.surveillance.baseline import VECTOR, Baseline, Forest, learn
from ams.surveillance.models import AgentBaseline
from ams.telemetry.store import TelemetryStore

RELEARN_AFTER = timedelta(hours=1)
BUCKET = timedelta(minutes=5)
UNREADY_RETRY_ROUNDS = 5  # a baseline with too few buckets is tried again after this many rounds


def vectors_by_agent(span_rows: list[dict[str, Any]], beat_rows: list[dict[str, Any]]) -> dict[str, list[list[float]]]:
    """One vector per agent and bucket in which it did anything (sent a span or a heartbeat), in `VECTOR` order.
    A bucket without tasks takes the agent's median task p95, so that quiet buckets do not read as fast ones."""
    buckets: dict[str, dict[str, dict[str, float]]] = {}
    for row in span_rows:
        tasks = float(row["tasks"])
        buckets.setdefault(row["agent_id"], {})[str(row["bucket"])] = {
            "tasks": tasks,
            "error_rate": row["failures"] / tasks if tasks else 0.0,
            "latency_p95": float(row["latency_p95"]) if tasks and row["latency_p95"] is not None else math.nan,
            "cost_usd": float(row["cost_usd"]),
            "tokens": float(row["tokens"]),
        }
    for row in beat_rows:
        bucket = buckets.setdefault(row["agent_id"], {}).setdefault(str(row["bucket"]), {})
        bucket["cpu_percent"] = float(row["cpu_percent"])
        bucket["memory_percent"] = float(row["memory_percent"])
    vectors: dict[str, list[list[float]]] = {}
    for agent, by_bucket in buckets.items():
        latencies = [b["latency_p95"] for b in by_bucket.values() if not math.isnan(b.get("latency_p95", math.nan))]
        usual = statistics.median(latencies) if latencies else 0.0
        rows = []
        for _, bucket in sorted(by_bucket.items()):
            if math.isnan(bucket.get("latency_p95", math.nan)):  # no task in the bucket
                bucket["latency_p95"] = usual
            rows.append([float(bucket.get(metric, 0.0)) for metric in VECTOR])
        vectors[agent] = rows
    return vectors


class Learner:
    def __init__(self, db: Database, store: TelemetryStore, baseline_hours: float, round_s: float) -> None:
        self.db, self.store = db, store
        self.period = timedelta(hours=baseline_hours)
        # A new agent has no baseline until it has an hour of buckets: trying again every few rounds finds it
        # soon after, without reading a day of the organization's spans every round.
        self.unready_retry = timedelta(seconds=round_s * UNREADY_RETRY_ROUNDS)
        self._forests: dict[str, tuple[datetime, Forest]] = {}

    async def vectors(self, org: str, since: datetime, until: datetime) -> dict[str, list[list[float]]]:
        params = {"org": org, "since": since, "until": until}
        spans = await anyio.to_thread.run_sync(self.store.query, queries.SPAN_BUCKETS, params)
        beats = await anyio.to_thread.run_sync(self.store.query, queries.BEAT_BUCKETS, params)
        return vectors_by_agent(spans.dicts(), beats.dicts())

    async def baselines(self, org: str, agent_ids: list[str], now: datetime) -> dict[str, AgentBaseline]:
        """Each agent's baseline, relearnt from the last `period` when it is over an hour old (or, while it has
        too few buckets to judge anything, every few rounds)."""
        async with self.db.read() as session:
            rows = await session.execute(select(AgentBaseline).where(AgentBaseline.organization_id == org))
            known = {row.agent_id: row for row in rows.scalars()}

        def stale(agent_id: str) -> bool:
            row = known.get(agent_id)
            if row is None:
                return True
            return now - row.updated_at >= (RELEARN_AFTER if row.stats else self.unready_retry)

        stale_ids = [a for a in agent_ids if stale(a)]
        if not stale_ids:
            return known
        learnt = await self.vectors(org, now - self.period, now - BUCKET)
        async with self.db.write() as session:
            for agent_id in stale_ids:
                vectors = learnt.get(agent_id, [])
                baseline = learn(vectors)
                row = await session.get(AgentBaseline, agent_id)
                if row is None:
                    row = AgentBaseline(agent_id=agent_id, organization_id=org)
                    session.add(row)
                row.learned_from, row.learned_until, row.updated_at = now - self.period, now - BUCKET, now
                row.samples = len(vectors)
                row.stats = baseline.stats() if baseline else {}
                row.vectors = vectors if baseline else []
                known[agent_id] = row
        return known

    async def forest(self, row: AgentBaseline) -> Forest | None:
        """The agent's forest for this baseline, fitted on first need (off the event loop)."""
        if not row.stats:
            return None
        cached = self._forests.get(row.agent_id)
        if cached is not None and cached[0] == row.learned_until:
            return cached[1]
        baseline = Baseline.from_stats(row.stats, row.samples)
        forest = await anyio.to_thread.run_sync(Forest, baseline, row.vectors)
        self._forests[row.agent_id] = (row.learned_until, forest)
        return forest
