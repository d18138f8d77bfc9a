"""Watching agents' health: each round reads when every agent was last heard from, its recent success rate and
p95 task time, and its endpoint's probe, judges its health (`agents.health`), records changes in its history, and
raises or clears the offline and unhealthy alerts."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
import httpx
from sqlalchemy import select

from ams.agents.health import HealthVerdict, Probe, Signals, Thresholds, judge_health
from ams.agents.health_probes import ProbeTarget, probe_target, run_probe
from ams.agents.health_queries import LAST_SEEN
from ams.agents.lifecycle import Activity, Health, LifecycleState
from ams.agents.models import Agent, AgentHealthEvent
from ams.agents.schemas import AgentHealthReport, HealthEventPublic
from ams.agents.service import visible_agent
from ams.alerts.evaluation import dedup_key
from ams.alerts.raising import Firing, Outbox, clear, fire
from ams.analytics import service as analytics
from ams.analytics.scope import Scope
from ams.analytics.windows import Window
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.http.pagination import page_of, paginate
from ams.ids import new_id
from ams.jobs.daemon import PeriodicJob
from ams.settings import HealthSettings
from ams.telemetry.live import LiveHub
from ams.telemetry.rollups import Rollups
from ams.telemetry.store import TelemetryStore

LOOKBACK = timedelta(days=1)
HEALTH_WINDOW = timedelta(minutes=15)
LAST_SEEN_RESOLUTION = timedelta(seconds=30)  # last_seen_at is written at most this often
PARALLEL_PROBES = 20
# health -> (alert kind, severity, category) of the alert that health raises
_ALERTING = {
    Health.OFFLINE: ("offline", "high", "system"),
    Health.UNHEALTHY: ("unhealthy", "high", "performance"),
}


def _micros(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value) / 1e6, UTC) if value else None


class HealthMonitor:
    def __init__(
        self, db: Database, store: TelemetryStore, rollups: Rollups, live: LiveHub, settings: HealthSettings
    ) -> None:
        self.db, self.store, self.rollups, self.live = db, store, rollups, live
        self.limits = Thresholds(
            heartbeat_timeout=timedelta(seconds=settings.heartbeat_timeout_s),
            degraded_tsr=settings.health_degraded_tsr,
            unhealthy_tsr=settings.health_unhealthy_tsr,
            degraded_p95_ms=settings.health_degraded_p95_ms,
        )
        self.probe_every = timedelta(seconds=settings.probe_interval_s)
        self.probe_timeout_s = settings.probe_timeout_s
        self.probes: dict[str, tuple[ProbeTarget, Probe]] = {}  # agent id -> what was probed last, and how it went
        self.client = httpx.AsyncClient(follow_redirects=False)

    async def close(self) -> None:
        await self.client.aclose()

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
        await self._probe(agents, now)
        changed = 0
        for org, members in by_org.items():
            changed += await self._judge_organization(org, members, now)
        return f"{len(agents)} agents judged, {changed} changed health"

    async def _probe(self, agents: list[Agent], now: datetime) -> None:
        due: list[tuple[str, ProbeTarget]] = []
        targets = {agent.id: probe_target(agent.platform, agent.configuration) for agent in agents}
        # Agents gone, or whose endpoint left their configuration: their old probes are forgotten.
        for agent_id in [a for a in self.probes if targets.get(a) is None]:
            del self.probes[agent_id]
        for agent_id, target in targets.items():
            if target is None:
                continue
            last = self.probes.get(agent_id)
            # A changed endpoint is probed at once, not when the old one's probe is due.
            if last is None or last[0] != target or now - last[1].at >= self.probe_every:
                due.append((agent_id, target))
        gate = asyncio.Semaphore(PARALLEL_PROBES)

        async def one(agent_id: str, target: ProbeTarget) -> None:
            async with gate:
                self.probes[agent_id] = (target, await run_probe(self.client, target, self.probe_timeout_s))

        await asyncio.gather(*(one(agent_id, target) for agent_id, target in due))

    def _probe_of(self, agent: Agent) -> Probe | None:
        """The agent's last probe, if it asked the endpoint its configuration names now."""
        last = self.probes.get(agent.id)
        if last is None or last[0] != probe_target(agent.platform, agent.configuration):
            return None
        return last[1]

    async def _judgements(
        self, org: str, agents: list[Agent], now: datetime, scope: Scope
    ) -> dict[str, tuple[HealthVerdict, datetime | None]]:
        """Agent id -> (verdict, when it was last heard from), for agents of `scope`."""
        params = {"org": org, "since": now - LOOKBACK}
        seen = {
            row["agent_id"]: row
            for row in (await anyio.to_thread.run_sync(self.store.query, LAST_SEEN, params)).dicts()
        }
        kpis = await analytics.kpis_by_agent(self.store, self.rollups, scope, Window(now - HEALTH_WINDOW, now))
        verdicts: dict[str, tuple[HealthVerdict, datetime | None]] = {}
        for agent in agents:
            row = seen.get(agent.id, {})
            last_beat, last_span = _micros(row.get("last_beat_us")), _micros(row.get("last_span_us"))
            k = kpis.get(agent.id)
            signals = Signals(
                now=now,
                last_heartbeat=last_beat,
                last_span=last_span,
                active_tasks=int(row.get("active_tasks") or 0),
                tasks=k["tasks"] if k else 0,
                tsr=k["tsr"] if k else None,
                p95_ms=k["latency_ms"]["p95"] if k else None,
                probe=self._probe_of(agent),
            )
            heard = max((t for t in (last_beat, last_span) if t is not None), default=None)
            verdicts[agent.id] = (judge_health(signals, self.limits), heard)
        return verdicts

    async def _judge_organization(self, org: str, agents: list[Agent], now: datetime) -> int:
        return await self._record(org, await self._judgements(org, agents, now, Scope(org)), now)

    async def judge_one(self, agent: Agent, now: datetime) -> HealthVerdict:
        """The agent's health judged at this moment (its probe as last run)."""
        scope = Scope(agent.organization_id, [agent.project_id], [agent.id])
        return (await self._judgements(agent.organization_id, [agent], now, scope))[agent.id][0]

    async def _record(self, org: str, verdicts: dict[str, tuple[HealthVerdict, datetime | None]], now: datetime) -> int:
        outbox = Outbox()
        changed = 0
        async with self.db.write() as session:
            rows = await session.execute(select(Agent).where(Agent.id.in_(list(verdicts))))
            for agent in rows.scalars():
                verdict, heard = verdicts[agent.id]
                if heard is not None and (
                    agent.last_seen_at is None or heard - agent.last_seen_at >= LAST_SEEN_RESOLUTION
                ):
                    agent.last_seen_at = heard
                if agent.activity != verdict.activity.value:
                    agent.activity = verdict.activity.value
                if agent.health == verdict.health.value:
                    continue
                changed += 1
                session.add(
                    AgentHealthEvent(
                        id=new_id("hev"), organization_id=org, agent_id=agent.id, at=now,
                        health_from=agent.health, health_to=verdict.health.value,
                        reason=verdict.reason, checks=verdict.checks,
                    )
                )  # fmt: skip
                previous, agent.health = Health(agent.health), verdict.health
                await self._alerts(session, outbox, agent, previous, verdict, now)
        if outbox.events:
            self.live.publish(outbox.events)
        return changed

    async def _alerts(
        self, session: Any, outbox: Outbox, agent: Agent, previous: Health, verdict: HealthVerdict, now: datetime
    ) -> None:
        if previous in _ALERTING and previous is not verdict.health:
            kind = _ALERTING[previous][0]
            key = dedup_key(f"health.{kind}", "agent", agent.id)
            await clear(session, outbox, agent.organization_id, key, now, f"the agent is {verdict.health.value} now")
        if verdict.health in _ALERTING:
            kind, severity, category = _ALERTING[verdict.health]
            firing = Firing(
                organization_id=agent.organization_id,
                source="health",
                dedup_key=dedup_key(f"health.{kind}", "agent", agent.id),
                subject_type="agent",
                subject_id=agent.id,
                severity=severity,
                category=category,
                title=f"Agent {kind}: {agent.name}",
                summary=f"{agent.name} is {verdict.health.value}: {verdict.reason}.",
                project_id=agent.project_id,
                agent_id=agent.id,
                evidence={"subject_label": agent.name, "checks": verdict.checks},
            )
            await fire(session, outbox, firing, now)


class HealthJob(PeriodicJob):
    name = "agents.health"
    interval = timedelta(seconds=15)

    def __init__(self, db: Database, monitor: HealthMonitor, interval_s: float) -> None:
        super().__init__(db)
        self.monitor = monitor
        self.interval = timedelta(seconds=interval_s)

    async def run_once(self) -> str:
        return await self.monitor.run_round()


async def read_health(
    db: Database,
    monitor: HealthMonitor,
    principal: Principal,
    agent_ref: str,
    project_id: str | None,
    *,
    cursor: str | None,
    limit: int,
) -> AgentHealthReport:
    """The agent's recorded health, its checks judged now, and a page of its history, newest first."""
    async with db.read() as session:
        agent = await visible_agent(session, principal, agent_ref, project_id)
        principal.require(Permission.READ, agent.organization_id, project_id=agent.project_id, agent_id=agent.id)
        query = paginate(
            select(AgentHealthEvent).where(AgentHealthEvent.agent_id == agent.id),
            AgentHealthEvent.at, AgentHealthEvent.id, descending=True, cursor=cursor, limit=limit,
        )  # fmt: skip
        events = list((await session.execute(query)).scalars())
    page, next_cursor = page_of(events, limit, "at")
    now = utcnow()
    verdict = await monitor.judge_one(agent, now)
    return AgentHealthReport(
        agent_id=agent.id,
        health=Health(agent.health),
        activity=Activity(agent.activity),
        last_seen_at=agent.last_seen_at,
        judged_now=verdict.health,
        reason=verdict.reason,
        checks=verdict.checks,
        history=[HealthEventPublic.model_validate(e) for e in page],
        next_cursor=next_cursor,
    )
