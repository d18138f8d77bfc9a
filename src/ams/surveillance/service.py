"""Surveillance rounds: for each organization, read what its agents did recently, compare it with their
baselines, apply the threat rules, and hand the findings to scoring (`surveillance.scoring`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import anyio
from sqlalchemy import func, select

from ams.agents.lifecycle import LifecycleState
from ams.agents.models import Agent, AgentHealthEvent
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.governance.models import AuditEntry
from ams.jobs.daemon import PeriodicJob
from ams.settings import SurveillanceSettings
from ams.surveillance import queries
from ams.surveillance.baseline import VECTOR, Baseline, beyond_sigmas, drivers
from ams.surveillance.learning import BUCKET, Learner
from ams.surveillance.scoring import AgentFindings, Scorer
from ams.surveillance.threats import Activity, findings
from ams.telemetry.live import LiveHub
from ams.telemetry.store import TelemetryStore

_LIFECYCLE_ACTIONS = [
    f"agent.{a}" for a in ("provision", "deploy", "pause", "resume", "maintenance", "quarantine", "retire")
]


class Surveillance:
    def __init__(self, db: Database, store: TelemetryStore, live: LiveHub, settings: SurveillanceSettings) -> None:
        self.db, self.store = db, store
        self.learner = Learner(db, store, settings.baseline_hours, settings.surveillance_interval_s)
        self.scorer = Scorer(db, live, settings)

    async def run_round(self, now: datetime | None = None) -> str:
        now = now or utcnow()
        async with self.db.read() as session:
            agents = list(
                (
                    await session.execute(
                        select(Agent).where(Agent.lifecycle_state != LifecycleState.DECOMMISSIONED.value)
                    )
                ).scalars()
            )
        by_org: dict[str, list[Agent]] = {}
        for agent in agents:
            by_org.setdefault(agent.organization_id, []).append(agent)
        counted = 0
        for org, members in by_org.items():
            counted += await self._watch(org, members, now)
        return f"{len(agents)} agents watched, {counted} findings counted"

    async def _rows(self, sql: str, org: str, since: datetime, until: datetime) -> dict[str, dict[str, Any]]:
        result = await anyio.to_thread.run_sync(self.store.query, sql, {"org": org, "since": since, "until": until})
        return {row["agent_id"]: row for row in result.dicts()}

    async def _watch(self, org: str, agents: list[Agent], now: datetime) -> int:
        baselines = await self.learner.baselines(org, [a.id for a in agents], now)
        current = await self.learner.vectors(org, now - BUCKET, now)
        tasks = await self._rows(queries.TASKS, org, now - timedelta(minutes=15), now)
        egress = await self._rows(queries.EGRESS, org, now - timedelta(hours=1), now)
        resources = await self._rows(queries.RESOURCES, org, now - timedelta(minutes=10), now)
        changes = await self._status_changes(org, now - timedelta(minutes=5))
        results = []
        for agent in agents:
            activity = Activity(
                tasks_15m=int(tasks.get(agent.id, {}).get("tasks", 0)),
                failures_15m=int(tasks.get(agent.id, {}).get("failures", 0)),
                cpu_min_10m=resources.get(agent.id, {}).get("cpu_min"),
                memory_min_10m=resources.get(agent.id, {}).get("memory_min"),
                heartbeat_coverage_10m=timedelta(seconds=float(resources.get(agent.id, {}).get("covered_s") or 0)),
                status_changes_5m=changes.get(agent.id, 0),
                egress_bytes_1h=int(egress.get(agent.id, {}).get("egress_bytes") or 0),
            )
            unusual: dict[str, float] = {}
            row = baselines.get(agent.id)
            vectors = current.get(agent.id)
            if row is not None and row.stats and vectors:
                baseline = Baseline.from_stats(row.stats, row.samples)
                vector = [sum(v[i] for v in vectors) if m in ("tasks", "cost_usd", "tokens") else vectors[-1][i]
                          for i, m in enumerate(VECTOR)]  # fmt: skip
                forest = await self.learner.forest(row)
                unusual = beyond_sigmas(baseline, vector)
                activity = replace(
                    activity,
                    task_sigmas=baseline.deviations(vector)["tasks"],
                    forest_score=forest.score(vector) if forest else None,
                    drivers=drivers(baseline, vector),
                )
            results.append(AgentFindings(agent, findings(activity), unusual))
        return await self.scorer.apply(org, results, now)

    async def _status_changes(self, org: str, since: datetime) -> dict[str, int]:
        """Lifecycle moves and health changes per agent since `since`."""
        async with self.db.read() as session:
            moves = await session.execute(
                select(AuditEntry.resource_id, func.count())
                .where(
                    AuditEntry.organization_id == org,
                    AuditEntry.resource_type == "agent",
                    AuditEntry.action.in_(_LIFECYCLE_ACTIONS),
                    AuditEntry.at >= since,
                )
                .group_by(AuditEntry.resource_id)
            )
            health = await session.execute(
                select(AgentHealthEvent.agent_id, func.count())
                .where(AgentHealthEvent.organization_id == org, AgentHealthEvent.at >= since)
                .group_by(AgentHealthEvent.agent_id)
            )
            counts: dict[str, int] = {}
            for agent_id, n in [*moves.all(), *health.all()]:
                counts[agent_id] = counts.get(agent_id, 0) + int(n)
        return counts


class SurveillanceJob(PeriodicJob):
    name = "surveillance"
    interval = timedelta(seconds=60)

    def __init__(self, db: Database, surveillance: Surveillance, interval_s: float) -> None:
        super().__init__(db)
        self.surveillance = surveillance
        self.interval = timedelta(seconds=interval_s)

    async def run_once(self) -> str:
        return await self.surveillance.run_round()
