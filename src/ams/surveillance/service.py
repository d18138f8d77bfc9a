"""Surveillance rounds: for each organization, read what its agents did recently (an agent a person released
from quarantine: since its release), compare it with their baselines, apply the threat rules, and hand the
findings to scoring (`surveillance.scoring`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
from ams.surveillance.releases import RELEASE_LOOKBACK, read_releases
from ams.surveillance.scoring import AgentFindings, Scorer
from ams.surveillance.threats import Activity, findings
from ams.telemetry.live import LiveHub
from ams.telemetry.store import TelemetryStore

_LIFECYCLE_ACTIONS = [
    f"agent.{a}" for a in ("provision", "deploy", "pause", "resume", "maintenance", "quarantine", "retire")
]
# The windows the threat rules judge (`threats`); the longest bounds how long a release shortens them.
TASK_WINDOW, RESOURCE_WINDOW, CHANGES_WINDOW = timedelta(minutes=15), timedelta(minutes=10), timedelta(minutes=5)
EGRESS_WINDOW = LONGEST = timedelta(hours=1)


@dataclass(frozen=True)
class _Reading:
    """What the organization's agents did over the windows the rules judge, per agent."""

    current: dict[str, list[list[float]]]  # the last 5 minutes' buckets, judged against the baseline
    tasks: dict[str, dict[str, Any]]
    egress: dict[str, dict[str, Any]]
    resources: dict[str, dict[str, Any]]
    changes: dict[str, int]

    def activity(self, agent_id: str) -> Activity:
        tasks, resources = self.tasks.get(agent_id, {}), self.resources.get(agent_id, {})
        return Activity(
            tasks_15m=int(tasks.get("tasks", 0)),
            failures_15m=int(tasks.get("failures", 0)),
            cpu_min_10m=resources.get("cpu_min"),
            memory_min_10m=resources.get("memory_min"),
            heartbeat_coverage_10m=timedelta(seconds=float(resources.get("covered_s") or 0)),
            status_changes_5m=self.changes.get(agent_id, 0),
            egress_bytes_1h=int(self.egress.get(agent_id, {}).get("egress_bytes") or 0),
        )


class Surveillance:
    def __init__(self, db: Database, store: TelemetryStore, live: LiveHub, settings: SurveillanceSettings) -> None:
        self.db, self.store = db, store
        self.learner = Learner(db, store, settings.baseline_hours, settings.surveillance_interval_s)
        self.scorer = Scorer(db, live, settings)

    async def run_round(self, now: datetime | None = None, organization_id: str | None = None) -> str:
        """One round over every organization's agents, or one organization's."""
        now = now or utcnow()
        query = select(Agent).where(Agent.lifecycle_state != LifecycleState.DECOMMISSIONED.value)
        if organization_id is not None:
            query = query.where(Agent.organization_id == organization_id)
        async with self.db.read() as session:
            agents = list((await session.execute(query)).scalars())
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

    async def _read(self, org: str, now: datetime, floor: datetime | None = None) -> _Reading:
        """The organization's windows up to `now`, each starting at `floor` at the earliest."""

        def since(window: timedelta) -> datetime:
            return max(now - window, floor) if floor else now - window

        # A bucket cut short by a release is not compared with the whole buckets of the baseline: it would read
        # as a drop in tasks. The agent is judged against its baseline again from the next whole bucket.
        cut_short = floor is not None and floor > now - BUCKET
        return _Reading(
            current={} if cut_short else await self.learner.vectors(org, since(BUCKET), now),
            tasks=await self._rows(queries.TASKS, org, since(TASK_WINDOW), now),
            egress=await self._rows(queries.EGRESS, org, since(EGRESS_WINDOW), now),
            resources=await self._rows(queries.RESOURCES, org, since(RESOURCE_WINDOW), now),
            changes=await self._status_changes(org, since(CHANGES_WINDOW)),
        )

    async def _watch(self, org: str, agents: list[Agent], now: datetime) -> int:
        baselines = await self.learner.baselines(org, [a.id for a in agents], now)
        async with self.db.read() as session:
            releases = await read_releases(session, org, now - RELEASE_LOOKBACK, now)
        reading = await self._read(org, now)
        # A released agent is judged only on what it did after its release, so that the findings a person
        # reviewed do not count again. The windows are read for the whole organization: each recent release
        # costs one more reading, for the hour after it.
        since_release = {at: await self._read(org, now, at) for at in set(releases.values()) if at > now - LONGEST}
        results = []
        for agent in agents:
            released_at = releases.get(agent.id)
            mine = since_release.get(released_at, reading) if released_at else reading
            activity = mine.activity(agent.id)
            unusual: dict[str, float] = {}
            row = baselines.get(agent.id)
            vectors = mine.current.get(agent.id)
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
            results.append(AgentFindings(agent, findings(activity), unusual, released_at))
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
