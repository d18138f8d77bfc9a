"""What surveillance findings do: lower the agent's security score, record the finding, raise (and later
clear) its alert, quarantine the agent whose score falls under the threshold, and raise one emergency alert
when several agents are anomalous at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents.lifecycle import LIVE_STATES, LifecycleAction, LifecycleState
from ams.agents.lifecycle_service import apply_transition
from ams.agents.models import Agent
from ams.alerts.evaluation import dedup_key
from ams.alerts.lifecycle import OPEN
from ams.alerts.models import Alert
from ams.alerts.raising import Firing, Outbox, clear, fire
from ams.db.engine import Database
from ams.governance.audit_service import Actor
from ams.ids import new_id
from ams.settings import SurveillanceSettings
from ams.surveillance.models import AgentSecurity, SecurityFinding
from ams.surveillance.threats import REPEAT_AFTER, START_SCORE, Finding, counts_again, penalised, recovered
from ams.telemetry.live import LiveHub

SURVEILLANCE = Actor("system", "surveillance", "AMS surveillance")
# Findings that say an agent behaves unlike itself: several agents with one at once is a correlated event.
ANOMALOUS = frozenset({"abnormal_task_pattern", "anomaly", "excessive_errors", "data_exfiltration"})
_SOURCE = "surveillance"


@dataclass(frozen=True)
class AgentFindings:
    agent: Agent
    findings: list[Finding]
    unusual: dict[str, float]  # metrics beyond 3σ of the baseline: a performance alert, not a threat


class Scorer:
    def __init__(self, db: Database, live: LiveHub, settings: SurveillanceSettings) -> None:
        self.db, self.live, self.settings = db, live, settings

    async def apply(self, org: str, results: list[AgentFindings], now: datetime) -> int:
        outbox = Outbox()
        counted = 0
        async with self.db.write() as session:
            scores = {
                row.agent_id: row
                for row in (
                    await session.execute(select(AgentSecurity).where(AgentSecurity.organization_id == org))
                ).scalars()
            }
            last_counted = await _last_counted(session, org, now - max(REPEAT_AFTER.values()))
            open_keys = await _open_surveillance_keys(session, org)
            anomalous = []
            for result in results:
                agent = result.agent
                security = scores.get(agent.id)
                if security is None and not result.findings:
                    await self._clear_stale(session, outbox, agent, set(), open_keys, now)
                    continue
                if security is None:
                    security = AgentSecurity(agent_id=agent.id, organization_id=org, score=START_SCORE, updated_at=now)
                    session.add(security)
                security.score, security.updated_at = recovered(security.score, security.updated_at, now), now
                holding = set()
                for finding in result.findings:
                    holding.add(dedup_key(f"surveillance.{finding.rule}", "agent", agent.id))
                    if not counts_again(finding.severity, last_counted.get((agent.id, finding.rule)), now):
                        continue
                    counted += 1
                    security.score = penalised(security.score, finding.severity)
                    security.last_finding_at = now
                    session.add(
                        SecurityFinding(
                            id=new_id("fnd"), organization_id=org, agent_id=agent.id, rule=finding.rule,
                            severity=finding.severity, points=START_SCORE - penalised(START_SCORE, finding.severity),
                            score_after=security.score, detail={"title": finding.title, **finding.detail}, at=now,
                        )
                    )  # fmt: skip
                    await fire(session, outbox, _threat_firing(agent, finding, security.score), now)
                if result.unusual:
                    holding.add(dedup_key("surveillance.unusual", "agent", agent.id))
                    await fire(session, outbox, _unusual_firing(agent, result.unusual), now)
                if any(f.rule in ANOMALOUS for f in result.findings):
                    anomalous.append(agent)
                await self._clear_stale(session, outbox, agent, holding, open_keys, now)
                if security.score < self.settings.quarantine_score and self.settings.auto_quarantine:
                    await self._quarantine(session, outbox, agent, security.score, result.findings, now)
            await self._correlate(session, outbox, org, anomalous, now)
        if outbox.events:
            self.live.publish(outbox.events)
        return counted

    async def _clear_stale(
        self, session: AsyncSession, outbox: Outbox, agent: Agent, holding: set[str], open_keys: set[str], now: datetime
    ) -> None:
        prefix = f"|agent|{agent.id}"
        for key in open_keys:
            if key.endswith(prefix) and key not in holding and not key.startswith("surveillance.quarantined"):
                await clear(session, outbox, agent.organization_id, key, now, "no longer observed")

    async def _quarantine(
        self, session: AsyncSession, outbox: Outbox, agent: Agent, score: float, found: list[Finding], now: datetime
    ) -> None:
        if LifecycleState(agent.lifecycle_state) not in LIVE_STATES:
            return  # already quarantined, or being retired
        live_agent = await session.get(Agent, agent.id)
        if live_agent is None:
            return
        reason = f"security score {score:.0f} fell under {self.settings.quarantine_score:.0f}"
        details: dict[str, Any] = {"security_score": score, "findings": [f.rule for f in found]}
        await apply_transition(session, SURVEILLANCE, live_agent, LifecycleAction.QUARANTINE, reason, details=details)
        agent.lifecycle_state = live_agent.lifecycle_state
        await fire(
            session,
            outbox,
            Firing(
                organization_id=agent.organization_id, source=_SOURCE,
                dedup_key=dedup_key("surveillance.quarantined", "agent", agent.id), subject_type="agent",
                subject_id=agent.id, severity="critical", category="security",
                title=f"Agent quarantined: {agent.name}", summary=f"{agent.name} was quarantined: {reason}.",
                project_id=agent.project_id, agent_id=agent.id, value=score,
                threshold=self.settings.quarantine_score,
                evidence={"subject_label": agent.name, "findings": [f.title for f in found]},
            ),
            now,
        )  # fmt: skip

    async def _correlate(
        self, session: AsyncSession, outbox: Outbox, org: str, anomalous: list[Agent], now: datetime
    ) -> None:
        key = dedup_key("surveillance.correlated", "organization", org)
        if len(anomalous) < self.settings.correlated_agents:
            await clear(session, outbox, org, key, now, "fewer agents are anomalous now")
            return
        names = sorted(a.name for a in anomalous)
        await fire(
            session,
            outbox,
            Firing(
                organization_id=org, source=_SOURCE, dedup_key=key, subject_type="organization", subject_id=org,
                severity="emergency", category="security",
                title=f"{len(anomalous)} agents anomalous at once",
                summary=f"{len(anomalous)} agents behave unlike their baselines at the same time: {', '.join(names)}.",
                value=float(len(anomalous)), threshold=float(self.settings.correlated_agents),
                evidence={"agents": [{"id": a.id, "name": a.name} for a in anomalous]},
            ),
            now,
        )  # fmt: skip


def _threat_firing(agent: Agent, finding: Finding, score: float) -> Firing:
    return Firing(
        organization_id=agent.organization_id,
        source=_SOURCE,
        dedup_key=dedup_key(f"surveillance.{finding.rule}", "agent", agent.id),
        subject_type="agent",
        subject_id=agent.id,
        severity=finding.severity,
        category="security",
        title=f"{finding.rule.replace('_', ' ').capitalize()}: {agent.name}",
        summary=f"{agent.name}: {finding.title}. Security score now {score:.0f}.",
        project_id=agent.project_id,
        agent_id=agent.id,
        value=score,
        evidence={"subject_label": agent.name, "rule": finding.rule, **finding.detail},
    )


def _unusual_firing(agent: Agent, unusual: dict[str, float]) -> Firing:
    named = ", ".join(f"{m} {z:+.1f}σ" for m, z in sorted(unusual.items(), key=lambda kv: -abs(kv[1])))
    return Firing(
        organization_id=agent.organization_id,
        source=_SOURCE,
        dedup_key=dedup_key("surveillance.unusual", "agent", agent.id),
        subject_type="agent",
        subject_id=agent.id,
        severity="warning",
        category="performance",
        title=f"Unusual behaviour: {agent.name}",
        summary=f"{agent.name} is more than 3σ from its baseline on {named}.",
        project_id=agent.project_id,
        agent_id=agent.id,
        evidence={"subject_label": agent.name, "sigmas": unusual},
    )


async def _last_counted(session: AsyncSession, org: str, since: datetime) -> dict[tuple[str, str], datetime]:
    """When each (agent, rule) last counted against a score, over the longest repeat interval."""
    rows = await session.execute(
        select(SecurityFinding.agent_id, SecurityFinding.rule, func.max(SecurityFinding.at))
        .where(SecurityFinding.organization_id == org, SecurityFinding.at >= since)
        .group_by(SecurityFinding.agent_id, SecurityFinding.rule)
    )
    return {(agent, rule): at for agent, rule, at in rows}


async def _open_surveillance_keys(session: AsyncSession, org: str) -> set[str]:
    rows = await session.execute(
        select(Alert.dedup_key).where(Alert.organization_id == org, Alert.source == _SOURCE, Alert.status.in_(OPEN))
    )
    return set(rows.scalars())
