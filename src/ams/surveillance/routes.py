"""HTTP door of surveillance: an agent's security score, its findings and its baseline."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from ams.agents.service import visible_agent
from ams.auth.roles import Permission
from ams.db.base import utcnow
from ams.http.deps import DEFAULT_PAGE, ContextDep, CurrentPrincipal, Cursor, Limit
from ams.http.pagination import page_of, paginate
from ams.surveillance.models import AgentBaseline, AgentSecurity, SecurityFinding
from ams.surveillance.releases import read_releases
from ams.surveillance.schemas import AgentSecurityReport, BaselinePublic, FindingPublic
from ams.surveillance.threats import START_SCORE, recovered, released

router = APIRouter(prefix="/api/v1", tags=["agents"])


@router.get("/agents/{agent}/security")
async def read_security(
    agent: str,
    principal: CurrentPrincipal,
    context: ContextDep,
    project_id: str | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> AgentSecurityReport:
    """An agent's security score (100 is clean), the findings that lowered it, newest first, and its baseline."""
    settings = context.settings.surveillance
    async with context.db.read() as session:
        found = await visible_agent(session, principal, agent, project_id)
        principal.require(Permission.READ, found.organization_id, project_id=found.project_id, agent_id=found.id)
        security = await session.get(AgentSecurity, found.id)
        now = utcnow()
        # Released since the last round: show the fresh start the next round will give it.
        release = (
            await read_releases(session, found.organization_id, security.updated_at, now, [found.id])
            if security
            else {}
        )
        baseline = await session.get(AgentBaseline, found.id)
        query = paginate(
            select(SecurityFinding).where(SecurityFinding.agent_id == found.id),
            SecurityFinding.at, SecurityFinding.id, descending=True, cursor=cursor, limit=limit,
        )  # fmt: skip
        rows = list((await session.execute(query)).scalars())
    page, next_cursor = page_of(rows, limit, "at")
    score = recovered(security.score, security.updated_at, now) if security else START_SCORE
    if release:
        score = released(score, settings.release_score)
    return AgentSecurityReport(
        agent_id=found.id,
        score=round(score, 1),
        quarantine_below=settings.quarantine_score,
        auto_quarantine=settings.auto_quarantine,
        last_finding_at=security.last_finding_at if security else None,
        baseline=BaselinePublic(
            learned_from=baseline.learned_from,
            learned_until=baseline.learned_until,
            samples=baseline.samples,
            stats=baseline.stats,
        )
        if baseline and baseline.stats
        else None,
        findings=[FindingPublic.model_validate(r) for r in page],
        next_cursor=next_cursor,
    )
