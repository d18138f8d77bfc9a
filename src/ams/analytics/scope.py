"""Which slice of telemetry a caller may query: their organization, narrowed to a project or an agent."""

from __future__ import annotations

from dataclasses import dataclass, field

from ams.agents.service import visible_agent
from ams.auth.principal import Principal, PrincipalKind
from ams.auth.roles import Permission
from ams.auth.tenancy_service import default_organization, visible_project
from ams.db.engine import Database
from ams.errors import NotFound


@dataclass(frozen=True)
class Scope:
    organization_id: str
    projects: list[str] = field(default_factory=list)  # empty: every project of the organization
    agents: list[str] = field(default_factory=list)  # empty: every agent in those projects

    def params(self) -> dict[str, object]:
        return {"org": self.organization_id, "projects": self.projects, "agents": self.agents}


async def resolve_scope(
    db: Database,
    principal: Principal,
    *,
    organization_id: str | None = None,
    project_id: str | None = None,
    agent: str | None = None,
) -> Scope:
    """The caller's slice, checked: another tenant's organization, project or agent is a 404."""
    async with db.read() as session:
        if agent is not None:
            found = await visible_agent(session, principal, agent, project_id)
            principal.require(Permission.READ, found.organization_id, project_id=found.project_id, agent_id=found.id)
            return Scope(found.organization_id, [found.project_id], [found.id])
        if project_id is not None:
            project = await visible_project(session, principal, project_id)
            return Scope(project.organization_id, [project.id], _own_agent(principal))
    org_id = default_organization(principal, organization_id)
    if not principal.can_see(org_id):
        raise NotFound(f"organization {org_id} not found")
    projects = [principal.project_id] if principal.kind is not PrincipalKind.USER and principal.project_id else []
    return Scope(org_id, projects, _own_agent(principal))


def _own_agent(principal: Principal) -> list[str]:
    return [principal.agent_id] if principal.kind is PrincipalKind.AGENT_KEY and principal.agent_id else []
