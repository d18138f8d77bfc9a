"""Agent versions: immutable snapshots of configuration, model and prompt references."""

from __future__ import annotations

from sqlalchemy import select

from ams.agents import schemas
from ams.agents.models import AgentVersion
from ams.agents.platforms import Platform, validate_configuration
from ams.agents.service import visible_agent
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Conflict, NotFound
from ams.governance.audit_service import Actor, record
from ams.http.pagination import Page, page_of, paginate
from ams.ids import new_id


def _public(version: AgentVersion, current_id: str | None) -> schemas.VersionPublic:
    public = schemas.VersionPublic.model_validate(version)
    public.is_current = version.id == current_id
    return public


async def create_version(
    db: Database, principal: Principal, ref: str, data: schemas.VersionCreate, project_id: str | None
) -> schemas.VersionPublic:
    async with db.write() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        principal.require_on_agent(Permission.AGENT_EDIT, agent)
        existing = (
            await session.execute(
                select(AgentVersion.created_at).where(
                    AgentVersion.agent_id == agent.id, AgentVersion.version == data.version
                )
            )
        ).scalar_one_or_none()
        if existing is not None:
            raise Conflict(
                f"agent {agent.name!r} already has version {data.version} (made {existing.isoformat()}); "
                "versions are immutable: choose a new number",
            )
        configuration = (
            validate_configuration(Platform(agent.platform), data.configuration)
            if data.configuration is not None
            else agent.configuration
        )
        version = AgentVersion(
            id=new_id("ver"),
            agent_id=agent.id,
            organization_id=agent.organization_id,
            version=data.version,
            configuration=configuration,
            model=data.model or configuration.get("model"),
            prompt_refs=[p.model_dump() for p in data.prompt_refs],
            notes=data.notes,
            created_by=principal.id,
        )
        session.add(version)
        await session.flush()
        if data.make_current:
            agent.current_version_id = version.id
            agent.updated_at = utcnow()
        await record(
            session,
            Actor.of(principal),
            organization_id=agent.organization_id,
            action="agent.version.create",
            resource_type="agent",
            resource_id=agent.id,
            project_id=agent.project_id,
            summary={
                "after": {
                    "version": data.version,
                    "version_id": version.id,
                    "model": version.model,
                    "current": data.make_current,
                }
            },
        )
        return _public(version, agent.current_version_id)


async def list_versions(
    db: Database, principal: Principal, ref: str, project_id: str | None, cursor: str | None, limit: int
) -> Page[schemas.VersionPublic]:
    async with db.read() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        query = paginate(
            select(AgentVersion).where(AgentVersion.agent_id == agent.id),
            AgentVersion.id,
            AgentVersion.id,
            descending=True,
            cursor=cursor,
            limit=limit,
        )
        rows = (await session.execute(query)).scalars().all()
        items, next_cursor = page_of(rows, limit, "id")
        return Page(items=[_public(v, agent.current_version_id) for v in items], next_cursor=next_cursor)


async def read_version(
    db: Database, principal: Principal, ref: str, version_ref: str, project_id: str | None
) -> schemas.VersionPublic:
    async with db.read() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        column = AgentVersion.id if version_ref.startswith("ver_") else AgentVersion.version
        version = (
            await session.execute(select(AgentVersion).where(AgentVersion.agent_id == agent.id, column == version_ref))
        ).scalar_one_or_none()
        if version is None:
            raise NotFound(f"agent {agent.name!r} has no version {version_ref!r}")
        return _public(version, agent.current_version_id)
