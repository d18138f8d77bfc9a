"""What surveillance findings do: lower the agent's security score, record the finding, raise (and later
clear) its alert, quarantine the agent whose score falls under the threshold, and raise one emergency alert
when several agents are anomalous at once. A person's release of a quarantined agent gives it a fresh start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents.lifecycle import LIVE_STATES, LifecycleAction, LifecycleState
from ams.agents.lifecycle_service import apply_transition
from ams.agents.models import Agent
from ams.alerts.lifecycle import OPEN
from ams.alerts.models import Alert
from ams.alerts.raising import Outbox, clear, fire
from ams.db.engine import Database
from ams.governance.audit_service import Actor
from ams.ids import new_id
from ams.settings import SurveillanceSettings
from ams.surveillance import firings
from ams.surveillance.models import AgentSecurity, SecurityFinding
from ams.surveillance.threats import (
    POINTS,
    REPEAT_AFTER,
    START_SCORE,
    Finding,
    counts_again,
    penalised,
    recovered,
    released,
)
from ams.telemetry.live import LiveHub

SURVEILLANCE = Actor("system", "surveillance", "AMS surveillance")
# Findings that say an agent behaves unlike itself: several agents with one at once is a correlated event.
ANOMALOUS = frozenset({"abnormal_task_pattern", "anomaly", "excessive_errors", "data_exfiltration"})


@dataclass(frozen=True)
class AgentFindings:
    agent: Agent
    findings: list[Finding]
    unusual: dict[str, float]  # metrics beyond 3σ of the baseline: a performance alert, not a threat
    released_at: datetime | None = None  # when a person last resumed the agent out of quarantine


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
                    await _clear_stale(session, outbox, agent, set(), open_keys, now)
                    continue
                if security is None:
                    security = AgentSecurity(agent_id=agent.id, organization_id=org, score=START_SCORE, updated_at=now)
                    session.add(security)
                score = recovered(security.score, security.updated_at, now)
                if result.released_at is not None and security.updated_at < result.released_at:
                    score = released(score, self.settings.release_score)  # once: the first round after it
                security.score, security.updated_at = score, now
                holding: set[str] = set()
                documents = []
                for finding in result.findings:
                    holding.add(firings.agent_key(finding.rule, agent.id))
                    last = last_counted.get((agent.id, finding.rule))
                    if result.released_at is not None and last is not None and last < result.released_at:
                        last = None  # what counted before the release was reviewed by the person who released it
                    points = 0.0
                    if counts_again(finding.severity, last, now):
                        counted += 1
                        points = POINTS[finding.severity]
                        await self._count(session, outbox, agent, security, finding, now)
                    documents.append(firings.finding_document(finding, points))
                if result.unusual:
                    holding.add(firings.agent_key(firings.UNUSUAL, agent.id))
                    await fire(session, outbox, firings.unusual_firing(agent, result.unusual), now)
                if any(f.rule in ANOMALOUS for f in result.findings):
                    anomalous.append(agent)
                await _clear_stale(session, outbox, agent, holding, open_keys, now)
                if security.score < self.settings.quarantine_score and self.settings.auto_quarantine:
                    await self._quarantine(session, outbox, agent, security.score, result.findings, documents, now)
            await self._correlate(session, outbox, org, anomalous, now)
        if outbox.events:
            self.live.publish(outbox.events)
        return counted

    async def _count(
        self,
        session: AsyncSession,
        outbox: Outbox,
        agent: Agent,
        security: AgentSecurity,
        finding: Finding,
        now: datetime,
    ) -> None:
        """A finding counts against the agent's score: lower it, keep the finding, raise its alert."""
        security.score = penalised(security.score, finding.severity)
        security.last_finding_at = now
        session.add(
            SecurityFinding(
                id=new_id("fnd"), organization_id=agent.organization_id, agent_id=agent.id, rule=finding.rule,
                severity=finding.severity, points=POINTS[finding.severity], score_after=security.score,
                detail={"title": finding.title, **finding.detail}, at=now,
            )
        )  # fmt: skip
        await fire(session, outbox, firings.threat_firing(agent, finding, security.score), now)

    async def _quarantine(
        self,
        session: AsyncSession,
        outbox: Outbox,
        agent: Agent,
        score: float,
        found: list[Finding],
        documents: list[dict[str, Any]],
        now: datetime,
    ) -> None:
        if LifecycleState(agent.lifecycle_state) not in LIVE_STATES:
            return  # already quarantined, or being retired
        live_agent = await session.get(Agent, agent.id)
        if live_agent is None:
            return
        threshold = self.settings.quarantine_score
        reason = f"security score {score:.0f} fell under {threshold:.0f}"
        if found:
            reason += f": {'; '.join(f.title for f in found)}"
        # The findings themselves, not only their rules: whoever reviews the quarantine sees what was measured.
        details: dict[str, Any] = {"security_score": score, "findings": documents}
        await apply_transition(session, SURVEILLANCE, live_agent, LifecycleAction.QUARANTINE, reason, details=details)
        agent.lifecycle_state = live_agent.lifecycle_state
        firing = firings.quarantined_firing(agent, reason, score, threshold, found)
        await fire(session, outbox, firing, now)

    async def _correlate(
        self, session: AsyncSession, outbox: Outbox, org: str, anomalous: list[Agent], now: datetime
    ) -> None:
        if len(anomalous) < self.settings.correlated_agents:
            await clear(session, outbox, org, firings.correlated_key(org), now, "fewer agents are anomalous now")
            return
        await fire(session, outbox, firings.correlated_firing(org, anomalous, self.settings.correlated_agents), now)


async def _clear_stale(
    session: AsyncSession, outbox: Outbox, agent: Agent, holding: set[str], open_keys: set[str], now: datetime
) -> None:
    """Resolve the agent's surveillance alerts whose condition no longer holds: a rule that held no more, or a
    quarantine the agent is out of (released by a person, or retired)."""
    quarantine_key = firings.agent_key(firings.QUARANTINED, agent.id)
    for key in _agent_keys(open_keys, agent.id):
        if key in holding:
            continue
        if key == quarantine_key:
            if agent.lifecycle_state == LifecycleState.QUARANTINED.value:
                continue
            why = f"the agent is {agent.lifecycle_state} now"
        else:
            why = "no longer observed"
        await clear(session, outbox, agent.organization_id, key, now, why)


def _agent_keys(keys: set[str], agent_id: str) -> set[str]:
    return {key for key in keys if key.endswith(f"|agent|{agent_id}")}


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
        select(Alert.dedup_key).where(
            Alert.organization_id == org, Alert.source == firings.SOURCE, Alert.status.in_(OPEN)
        )
    )
    return set(rows.scalars())
