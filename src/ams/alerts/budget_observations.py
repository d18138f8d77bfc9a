"""Budgets as alert observations: one per spend cap a rule's scope watches, its value the cap's use. Pure."""

from __future__ import annotations

from ams.alerts.evaluation import AgentInfo, Observation
from ams.alerts.rules import ScopeType
from ams.governance.cap_usage import CapUse


def cap_observations(
    caps: list[CapUse], scope: ScopeType, value: str, agents: dict[str, AgentInfo]
) -> list[Observation]:
    """The caps a rule of `scope` watches, each with its use in its own current period: every cap for the fleet,
    else the caps of policies scoped to that project, agent or tag."""
    observations = []
    for cap in caps:
        agent = agents.get(cap.agent_id or "")
        if scope is ScopeType.AGENT:
            if agent is None or value not in (agent.id, agent.name):
                continue
        elif scope is not ScopeType.FLEET and (cap.scope_type != scope.value or cap.scope_value != value):
            continue
        project = agent.project_id if agent else cap.scope_value if cap.scope_type == "project" else None
        observations.append(
            Observation(
                "spend_cap",
                cap.key,
                cap.used,
                label=cap.label,
                agent_id=cap.agent_id,
                project_id=project,
                detail=cap.describe(),
            )  # fmt: skip
        )
    return observations
