"""The alerts surveillance raises, and the findings as audit entries carry them. Pure."""

from __future__ import annotations

from typing import Any

from ams.agents.models import Agent
from ams.alerts.evaluation import dedup_key
from ams.alerts.raising import Firing
from ams.surveillance.threats import Finding

SOURCE = "surveillance"
# Alerts of an agent that are not a threat rule's: its 3σ performance alert and its quarantine.
UNUSUAL, QUARANTINED = "unusual", "quarantined"


def agent_key(rule: str, agent_id: str) -> str:
    return dedup_key(f"{SOURCE}.{rule}", "agent", agent_id)


def correlated_key(org: str) -> str:
    return dedup_key(f"{SOURCE}.correlated", "organization", org)


def finding_document(finding: Finding, points: float) -> dict[str, Any]:
    """A finding as the audit trail keeps it: what held, how bad, the values it was judged on, and what it cost
    the score this round (0 when it had already counted and its repeat interval has not passed)."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "title": finding.title,
        "points": points,
        "detail": finding.detail,
    }


def _agent_firing(
    agent: Agent, rule: str, severity: str, category: str, title: str, summary: str, **rest: Any
) -> Firing:
    """An alert about one agent: keyed by the rule and the agent, named after the agent."""
    evidence = {"subject_label": agent.name, **rest.pop("evidence", {})}
    return Firing(
        organization_id=agent.organization_id,
        source=SOURCE,
        dedup_key=agent_key(rule, agent.id),
        subject_type="agent",
        subject_id=agent.id,
        severity=severity,
        category=category,
        title=f"{title}: {agent.name}",
        summary=summary,
        project_id=agent.project_id,
        agent_id=agent.id,
        evidence=evidence,
        **rest,
    )


def threat_firing(agent: Agent, finding: Finding, score: float) -> Firing:
    return _agent_firing(
        agent, finding.rule, finding.severity, "security", finding.rule.replace("_", " ").capitalize(),
        f"{agent.name}: {finding.title}. Security score now {score:.0f}.",
        value=score, evidence={"rule": finding.rule, **finding.detail},
    )  # fmt: skip


def unusual_firing(agent: Agent, unusual: dict[str, float]) -> Firing:
    named = ", ".join(f"{m} {z:+.1f}σ" for m, z in sorted(unusual.items(), key=lambda kv: -abs(kv[1])))
    return _agent_firing(
        agent, UNUSUAL, "warning", "performance", "Unusual behaviour",
        f"{agent.name} is more than 3σ from its baseline on {named}.", evidence={"sigmas": unusual},
    )  # fmt: skip


def quarantined_firing(agent: Agent, reason: str, score: float, threshold: float, found: list[Finding]) -> Firing:
    return _agent_firing(
        agent, QUARANTINED, "critical", "security", "Agent quarantined", f"{agent.name} was quarantined: {reason}.",
        value=score, threshold=threshold, evidence={"findings": [f.title for f in found]},
    )  # fmt: skip


def correlated_firing(org: str, anomalous: list[Agent], threshold: int) -> Firing:
    names = sorted(a.name for a in anomalous)
    return Firing(
        organization_id=org,
        source=SOURCE,
        dedup_key=correlated_key(org),
        subject_type="organization",
        subject_id=org,
        severity="emergency",
        category="security",
        title=f"{len(anomalous)} agents anomalous at once",
        summary=f"{len(anomalous)} agents behave unlike their baselines at the same time: {', '.join(names)}.",
        value=float(len(anomalous)),
        threshold=float(threshold),
        evidence={"agents": [{"id": a.id, "name": a.name} for a in sorted(anomalous, key=lambda a: a.name)]},
    )
