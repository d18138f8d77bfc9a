"""The agent registry: create, read, list, update, delete, clone, and create from a template."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents import schemas
from ams.agents.lifecycle import LifecycleState, allowed_actions
from ams.agents.models import Agent, AgentCapability, AgentTag, AgentVersion
from ams.agents.platforms import Platform, validate_configuration
from ams.agents.templates import TEMPLATES_BY_ID
from ams.auth.models import Membership, Project
from ams.auth.principal import Principal, PrincipalKind
from ams.auth.roles import Permission
from ams.auth.scoping import visible
from ams.auth.tenancy_service import visible_project
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Conflict, InvalidInput, NotFound
from ams.governance.audit_service import Actor, diff, record
from ams.http.pagination import Page, page_of, paginate, parse_sort
from ams.ids import new_id
from ams.vault import service as vault

SORTABLE = {
    "name": Agent.name,
    "created_at": Agent.created_at,
    "updated_at": Agent.updated_at,
    "state_changed_at": Agent.state_changed_at,
    "lifecycle_state": Agent.lifecycle_state,
    "health": Agent.health,
    "platform": Agent.platform,
}


def agent_public(agent: Agent, current_version: str | None) -> schemas.AgentPublic:
    state = LifecycleState(agent.lifecycle_state)
    return schemas.AgentPublic.model_validate(
        {
            **{c: getattr(agent, c) for c in schemas.AgentPublic.model_fields if hasattr(agent, c)},
            "allowed_actions": allowed_actions(state),
            "current_version": current_version,
        }
    )


async def current_version_of(session: AsyncSession, agent: Agent) -> str | None:
    if agent.current_version_id is None:
        return None
    version = await session.get(AgentVersion, agent.current_version_id)
    return version.version if version else None


async def visible_agent(session: AsyncSession, principal: Principal, ref: str, project_id: str | None = None) -> Agent:
    """The agent `ref` names (its id, or its name within a project) if the principal may see it."""
    agent = await session.get(Agent, ref) if ref.startswith("agt_") else None
    if agent is None:
        query = select(Agent).where(
            Agent.name == ref, visible(principal, Agent.organization_id, Agent.project_id, Agent.id)
        )
        if project_id:
            query = query.where(Agent.project_id == project_id)
        matches = (await session.execute(query.limit(2))).scalars().all()
        if len(matches) > 1:
            raise Conflict(f"several projects have an agent named {ref!r}; add ?project_id= or use its id")
        agent = matches[0] if matches else None
    if agent is None or not principal.can_see(agent.organization_id, agent.project_id, agent.id):
        raise NotFound(f"agent {ref} not found")
    return agent


async def _target_project(session: AsyncSession, principal: Principal, project_id: str | None) -> Project:
    if project_id is None:
        if principal.project_id:
            project_id = principal.project_id
        else:
            ids = (
                (await session.execute(select(Project.id).where(visible(principal, Project.organization_id)).limit(2)))
                .scalars()
                .all()
            )
            if len(ids) != 1:
                raise InvalidInput.on("project_id", "required: you can see several projects (or none)")
            project_id = ids[0]
    return await visible_project(session, principal, project_id)


async def _check_owner(session: AsyncSession, organization_id: str, owner_id: str) -> None:
    if await session.get(Membership, (owner_id, organization_id)) is None:
        raise InvalidInput.on("owner_id", f"user {owner_id} is not a member of this organization")


async def _check_name_free(session: AsyncSession, project_id: str, name: str, except_id: str | None = None) -> None:
    query = select(Agent.id).where(Agent.project_id == project_id, Agent.name == name)
    if except_id:
        query = query.where(Agent.id != except_id)
    if (await session.execute(query)).first():
        raise Conflict(f"an agent named {name!r} exists in this project", errors=[])


def _set_labels(agent: Agent, tags: list[str] | None, capabilities: list[str] | None) -> None:
    if tags is not None:
        agent.tag_rows = [AgentTag(agent_id=agent.id, tag=t) for t in tags]
    if capabilities is not None:
        agent.capability_rows = [AgentCapability(agent_id=agent.id, capability=c) for c in capabilities]


def _snapshot(agent: Agent) -> dict[str, Any]:
    return {
        "name": agent.name,
        "description": agent.description,
        "configuration": agent.configuration,
        "limits": agent.limits,
        "owner_id": agent.owner_id,
        "tags": agent.tags,
        "capabilities": agent.capabilities,
    }


async def create_agent_in(
    session: AsyncSession,
    principal: Principal,
    data: schemas.AgentCreate,
    *,
    action: str = "agent.create",
    extra_summary: dict[str, Any] | None = None,
) -> Agent:
    project = await _target_project(session, principal, data.project_id)
    principal.require(Permission.AGENT_CREATE, project.organization_id, project_id=project.id, what="project")
    configuration = validate_configuration(data.platform, data.configuration)
    owner_id = data.owner_id or principal.user_id
    if data.owner_id:
        await _check_owner(session, project.organization_id, data.owner_id)
    await _check_name_free(session, project.id, data.name)
    agent = Agent(
        id=new_id("agt"),
        organization_id=project.organization_id,
        project_id=project.id,
        name=data.name,
        description=data.description,
        platform=data.platform.value,
        owner_id=owner_id,
        configuration=configuration,
        limits=data.limits.model_dump(exclude_none=True),
        lifecycle_state=LifecycleState.REGISTERED.value,
        tag_rows=[],
        capability_rows=[],
    )
    _set_labels(agent, data.tags, data.capabilities)
    session.add(agent)
    await session.flush()
    await record(
        session,
        Actor.of(principal),
        organization_id=agent.organization_id,
        action=action,
        resource_type="agent",
        resource_id=agent.id,
        project_id=agent.project_id,
        summary={"after": {**_snapshot(agent), "platform": agent.platform}, **(extra_summary or {})},
    )
    return agent


async def create_agent(db: Database, principal: Principal, data: schemas.AgentCreate) -> schemas.AgentPublic:
    async with db.write() as session:
        agent = await create_agent_in(session, principal, data)
        return agent_public(agent, None)


async def read_agent(db: Database, principal: Principal, ref: str, project_id: str | None) -> schemas.AgentPublic:
    async with db.read() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        return agent_public(agent, await current_version_of(session, agent))


def _filtered(
    principal: Principal,
    *,
    project_id: str | None,
    organization_id: str | None,
    state: list[str],
    health: list[str],
    platform: list[str],
    tag: list[str],
    capability: list[str],
    owner: str | None,
    q: str | None,
) -> Select[Agent, str | None]:
    query: Select[Agent, str | None] = select(Agent, AgentVersion.version).outerjoin(
        AgentVersion, AgentVersion.id == Agent.current_version_id
    )
    query = query.where(visible(principal, Agent.organization_id, Agent.project_id, Agent.id))
    if project_id:
        query = query.where(Agent.project_id == project_id)
    if organization_id:
        query = query.where(Agent.organization_id == organization_id)
    if state:
        query = query.where(Agent.lifecycle_state.in_(state))
    if health:
        query = query.where(Agent.health.in_(health))
    if platform:
        query = query.where(Agent.platform.in_(platform))
    for value in tag:  # every tag given must be present
        query = query.where(exists().where(AgentTag.agent_id == Agent.id, AgentTag.tag == value))
    for value in capability:
        query = query.where(exists().where(AgentCapability.agent_id == Agent.id, AgentCapability.capability == value))
    if owner:
        if owner == "me":
            if principal.kind is not PrincipalKind.USER:
                raise InvalidInput.on("owner", "'me' needs a user, not an API key")
            owner = principal.user_id
        query = query.where(Agent.owner_id == owner)
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(or_(Agent.name.ilike(pattern, escape="\\"), Agent.description.ilike(pattern, escape="\\")))
    return query


async def list_agents(
    db: Database, principal: Principal, *, sort: str | None, cursor: str | None, limit: int, **filters: Any
) -> Page[schemas.AgentPublic]:
    sort_name, sort_column, descending = parse_sort(sort, SORTABLE, "-created_at")
    query = paginate(
        _filtered(principal, **filters),
        sort_column,
        Agent.id,
        descending=descending,
        cursor=cursor,
        limit=limit,
    )
    async with db.read() as session:
        rows = (await session.execute(query)).all()
        page, next_cursor = page_of([agent for agent, _ in rows], limit, sort_name)
        versions = {agent.id: version for agent, version in rows}
        return Page(items=[agent_public(a, versions[a.id]) for a in page], next_cursor=next_cursor)


async def count_agents(db: Database, principal: Principal, **filters: Any) -> int:
    query = _filtered(principal, **filters).with_only_columns(func.count(Agent.id)).order_by(None)
    async with db.read() as session:
        return int((await session.execute(query)).scalar_one())


async def update_agent(
    db: Database, principal: Principal, ref: str, data: schemas.AgentUpdate, project_id: str | None
) -> schemas.AgentPublic:
    async with db.write() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        principal.require_on_agent(Permission.AGENT_EDIT, agent)
        before = _snapshot(agent)
        changes = data.model_dump(exclude_unset=True)
        if changes.get("name") is not None and changes["name"] != agent.name:
            await _check_name_free(session, agent.project_id, changes["name"], agent.id)
            agent.name = changes["name"]
        if changes.get("description") is not None:
            agent.description = changes["description"]
        if data.configuration is not None:
            agent.configuration = validate_configuration(Platform(agent.platform), data.configuration)
        if data.limits is not None:
            agent.limits = data.limits.model_dump(exclude_none=True)
        if "owner_id" in changes:
            if data.owner_id is not None:
                await _check_owner(session, agent.organization_id, data.owner_id)
            agent.owner_id = data.owner_id
        _set_labels(agent, data.tags, data.capabilities)
        summary = diff(before, _snapshot(agent))
        if summary["after"]:
            agent.updated_at = utcnow()
            await record(
                session,
                Actor.of(principal),
                organization_id=agent.organization_id,
                action="agent.update",
                resource_type="agent",
                resource_id=agent.id,
                project_id=agent.project_id,
                summary=summary,
            )
        return agent_public(agent, await current_version_of(session, agent))


async def delete_agent_in(session: AsyncSession, principal: Principal, agent: Agent) -> None:
    principal.require_on_agent(Permission.AGENT_DELETE, agent)
    if agent.lifecycle_state == LifecycleState.ACTIVE.value:
        raise Conflict(
            f"agent {agent.name!r} is active; pause or retire it before deleting it",
            current_state=agent.lifecycle_state,
        )
    await vault.delete_owned(session, "agent", agent.id)
    await session.delete(agent)
    await record(
        session,
        Actor.of(principal),
        organization_id=agent.organization_id,
        action="agent.delete",
        resource_type="agent",
        resource_id=agent.id,
        project_id=agent.project_id,
        summary={"before": {**_snapshot(agent), "platform": agent.platform, "state": agent.lifecycle_state}},
    )


async def delete_agent(db: Database, principal: Principal, ref: str, project_id: str | None) -> None:
    async with db.write() as session:
        await delete_agent_in(session, principal, await visible_agent(session, principal, ref, project_id))


async def clone_agent(
    db: Database, principal: Principal, ref: str, data: schemas.AgentClone, project_id: str | None
) -> schemas.AgentPublic:
    async with db.write() as session:
        source = await visible_agent(session, principal, ref, project_id)
        copy = schemas.AgentCreate(
            name=data.name,
            project_id=data.project_id or source.project_id,
            platform=Platform(source.platform),
            configuration=source.configuration,
            description=source.description,
            tags=source.tags,
            capabilities=source.capabilities,
            limits=schemas.AgentLimits(**source.limits),
        )
        agent = await create_agent_in(
            session, principal, copy, action="agent.clone", extra_summary={"source_agent_id": source.id}
        )
        return agent_public(agent, None)


async def create_from_template(
    db: Database, principal: Principal, data: schemas.AgentFromTemplate
) -> schemas.AgentPublic:
    template = TEMPLATES_BY_ID.get(data.template_id)
    if template is None:
        raise InvalidInput.on("template_id", f"no template {data.template_id!r}; see GET /api/v1/agent-templates")
    create = schemas.AgentCreate(
        name=data.name,
        project_id=data.project_id,
        platform=template.platform,
        configuration={**template.configuration, **data.configuration},
        description=data.description if data.description is not None else template.description,
        tags=data.tags if data.tags is not None else template.tags,
        capabilities=template.capabilities,
        limits=schemas.AgentLimits(**template.limits),
    )
    async with db.write() as session:
        agent = await create_agent_in(
            session, principal, create, action="agent.create", extra_summary={"template_id": template.id}
        )
        return agent_public(agent, None)
