"""HTTP door of agent health."""

from __future__ import annotations

from fastapi import APIRouter

from ams.agents import health_service
from ams.agents.schemas import AgentHealthReport
from ams.http.deps import DEFAULT_PAGE, ContextDep, CurrentPrincipal, Cursor, Limit

router = APIRouter(prefix="/api/v1", tags=["agents"])


@router.get("/agents/{agent}/health")
async def read_health(
    agent: str,
    principal: CurrentPrincipal,
    context: ContextDep,
    project_id: str | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> AgentHealthReport:
    """An agent's health and activity, the checks behind them (heartbeat, probe, success rate) judged now, and its
    history of health changes, newest first."""
    return await health_service.read_health(
        context.db, context.monitoring.health, principal, agent, project_id, cursor=cursor, limit=limit
    )
