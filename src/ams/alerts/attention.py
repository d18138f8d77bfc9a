""" "Attention required": the open problems of an organization, most urgent first, each with why.

Open alerts rank by severity (an acknowledged one just below an unacknowledged one of the same severity, since
someone is on it), then by how recently they fired. Quarantined agents rank as critical, offline agents and
reached spend caps as high, caps past their soft limit as warnings, unless an open alert already says the same.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents.models import Agent
from ams.alerts.lifecycle import OPEN, AlertStatus
from ams.alerts.models import Alert
from ams.alerts.rules import Severity
from ams.auth.models import Organization
from ams.auth.principal import Principal
from ams.auth.scoping import visible
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.governance.cap_usage import Budgets, CapUse
from ams.governance.policy import OnBreach

MAX_OPEN_ALERTS = 500


class AttentionItem(BaseModel):
    kind: str  # alert | quarantined_agent | offline_agent | spend_cap
    severity: Severity
    title: str
    why: str
    since: datetime | None
    alert_id: str | None = None
    agent_id: str | None = None
    links: dict[str, str]


async def _caps(
    session: AsyncSession, budgets: Budgets, principal: Principal, organization_id: str | None
) -> list[CapUse]:
    """The spend caps the principal may see, with their use now."""
    orgs = [organization_id] if organization_id else principal.organization_ids()
    if orgs is None:  # an installation administrator: every organization
        orgs = list((await session.execute(select(Organization.id))).scalars())
    found = []
    now = utcnow()
    for org in orgs:
        rows = (
            await session.execute(select(Agent.id, Agent.name, Agent.project_id).where(Agent.organization_id == org))
        ).all()
        ids = {row.id: row.id for row in rows} | {row.name: row.id for row in rows}
        projects = {row.id: row.project_id for row in rows}
        for cap in await budgets.usage(org, ids, now):
            project = projects.get(cap.agent_id or "") or (cap.scope_value if cap.scope_type == "project" else None)
            if principal.can_see(org, project, cap.agent_id):
                found.append(cap)
    return found


def _rank(severity: str, acknowledged: bool) -> int:
    return Severity(severity).rank * 2 + (0 if acknowledged else 1)


async def attention(
    db: Database, budgets: Budgets, principal: Principal, organization_id: str | None, limit: int
) -> list[AttentionItem]:
    ranked: list[tuple[int, float, AttentionItem]] = []
    covered: set[tuple[str, str]] = set()
    alert_query = (
        select(Alert)
        .where(visible(principal, Alert.organization_id, Alert.project_id, Alert.agent_id), Alert.status.in_(OPEN))
        .order_by(Alert.last_fired_at.desc())
        .limit(MAX_OPEN_ALERTS)
    )
    agent_query = select(Agent).where(
        visible(principal, Agent.organization_id, Agent.project_id, Agent.id),
        (Agent.lifecycle_state == "quarantined") | (Agent.health == "offline"),
    )
    if organization_id:
        alert_query = alert_query.where(Alert.organization_id == organization_id)
        agent_query = agent_query.where(Agent.organization_id == organization_id)
    async with db.read() as session:
        alerts = list((await session.execute(alert_query)).scalars())
        agents = list((await session.execute(agent_query)).scalars())
        caps = await _caps(session, budgets, principal, organization_id)
    for alert in alerts:
        acknowledged = alert.status == AlertStatus.ACKNOWLEDGED
        if alert.agent_id and ("offline" in alert.dedup_key or "quarantined" in alert.dedup_key):
            covered.add((alert.agent_id, "offline" if "offline" in alert.dedup_key else "quarantined"))
        why = alert.summary + (f" Acknowledged by {alert.acknowledged_by}." if acknowledged else "")
        links: dict[str, Any] = {"alert": f"/api/v1/alerts/{alert.id}"}
        if alert.agent_id:
            links["agent"] = f"/api/v1/agents/{alert.agent_id}"
        item = AttentionItem(
            kind="alert", severity=Severity(alert.severity), title=alert.title, why=why, since=alert.first_fired_at,
            alert_id=alert.id, agent_id=alert.agent_id, links=links,
        )  # fmt: skip
        ranked.append((_rank(alert.severity, acknowledged), alert.last_fired_at.timestamp(), item))
    for agent in agents:
        links = {"agent": f"/api/v1/agents/{agent.id}", "health": f"/api/v1/agents/{agent.id}/health"}
        if agent.lifecycle_state == "quarantined" and (agent.id, "quarantined") not in covered:
            why = f"{agent.name} is quarantined: {agent.state_reason or 'no reason given'}. It cannot call the gateway."
            item = AttentionItem(
                kind="quarantined_agent", severity=Severity.CRITICAL, title=f"Quarantined: {agent.name}", why=why,
                since=agent.state_changed_at, agent_id=agent.id, links=links,
            )  # fmt: skip
            ranked.append((_rank("critical", False), agent.state_changed_at.timestamp(), item))
        elif agent.health == "offline" and (agent.id, "offline") not in covered:
            seen = agent.last_seen_at.isoformat() if agent.last_seen_at else "never"
            item = AttentionItem(
                kind="offline_agent", severity=Severity.HIGH, title=f"Offline: {agent.name}",
                why=f"{agent.name} stopped sending heartbeats (last heard from {seen}).",
                since=agent.last_seen_at, agent_id=agent.id, links=links,
            )  # fmt: skip
            ranked.append((_rank("high", False), agent.last_seen_at.timestamp() if agent.last_seen_at else 0.0, item))
    covered_caps = {a.dedup_key.split("|spend_cap|", 1)[1] for a in alerts if "|spend_cap|" in a.dedup_key}
    for cap in caps:
        if cap.key in covered_caps or not (cap.reached or cap.past_soft_limit):
            continue
        severity = Severity.HIGH if cap.reached else Severity.WARNING
        if cap.reached:
            effect = {
                OnBreach.BLOCK: "calls and actions it covers are refused",
                OnBreach.PAUSE: "the agents it covers are paused",
                OnBreach.ALERT: "it only alerts, so spending goes on",
            }[cap.on_breach]
            why = f"Spend cap reached: {cap.describe()}; {effect}."
        else:
            why = f"Past {cap.soft_limit_pct:.0f}% of the spend cap: {cap.describe()}."
        item = AttentionItem(
            kind="spend_cap", severity=severity, title=f"Budget: {cap.label}", why=why, since=None,
            agent_id=cap.agent_id, links={"policy": f"/api/v1/policies/{cap.policy_id}"},
        )  # fmt: skip
        ranked.append((_rank(severity, False), cap.used, item))
    ranked.sort(key=lambda entry: (-entry[0], -entry[1]))
    return [item for _, _, item in ranked[:limit]]
