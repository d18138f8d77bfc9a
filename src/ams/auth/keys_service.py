"""API keys: made per project with a role, or bound to one agent; shown once, stored as a hash."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents.models import Agent
from ams.auth import schemas
from ams.auth.models import ApiKey
from ams.auth.principal import Principal
from ams.auth.roles import Permission, Role, grantable_roles
from ams.auth.scoping import visible
from ams.auth.secrets import KEY_PREFIX_LENGTH, digest, new_api_key
from ams.auth.tenancy_service import visible_project
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Conflict, Forbidden, InvalidInput, NotFound
from ams.governance.audit_service import Actor, record
from ams.http.pagination import Page, page_of, paginate
from ams.ids import new_id

# Agents in these states may not be given new keys: their work is over.
_ENDED_STATES = {"decommissioning", "decommissioned"}


async def _visible_agent(session: AsyncSession, principal: Principal, agent_id: str) -> Agent:
    agent = await session.get(Agent, agent_id)
    if agent is None or not principal.can_see(agent.organization_id, agent.project_id, agent.id):
        raise NotFound(f"agent {agent_id} not found")
    return agent


async def create_key(db: Database, principal: Principal, data: schemas.ApiKeyCreate) -> schemas.ApiKeyCreated:
    if data.agent_id is not None and (data.project_id is not None or data.role is not None):
        raise InvalidInput.on("agent_id", "an agent key takes no project_id or role: it acts as its agent")
    if data.agent_id is None and data.project_id is None:
        raise InvalidInput.on("project_id", "give project_id and role for a project key, or agent_id for an agent key")
    expires_at = data.expires_at
    if data.expires_in_days is not None:
        expires_at = utcnow() + timedelta(days=data.expires_in_days)
    if expires_at is not None and expires_at <= utcnow():
        raise InvalidInput.on("expires_at", "must be in the future")
    async with db.write() as session:
        if data.agent_id is not None:
            agent = await _visible_agent(session, principal, data.agent_id)
            principal.require_on_agent(Permission.AGENT_KEYS, agent)
            if agent.lifecycle_state in _ENDED_STATES:
                raise Conflict(f"agent {agent.name!r} is {agent.lifecycle_state}; it gets no new keys")
            org_id, project_id, role = agent.organization_id, agent.project_id, None
        else:
            assert data.project_id is not None
            if data.role is None:
                raise InvalidInput.on("role", "required for a project key")
            project = await visible_project(session, principal, data.project_id)
            principal.require(Permission.PROJECT_KEYS, project.organization_id, project_id=project.id, what="project")
            own_role = principal.role_in(project.organization_id) or Role.VIEWER
            if data.role not in grantable_roles(own_role):
                raise Forbidden(f"a {own_role} cannot make a key with role {data.role}")
            org_id, project_id, role = project.organization_id, project.id, data.role.value
        secret = new_api_key()
        key = ApiKey(
            id=new_id("key"),
            organization_id=org_id,
            project_id=project_id,
            agent_id=data.agent_id,
            role=role,
            name=data.name,
            prefix=secret[:KEY_PREFIX_LENGTH],
            key_hash=digest(secret),
            created_by=principal.id,
            expires_at=expires_at,
        )
        session.add(key)
        await session.flush()
        await record(
            session,
            Actor.of(principal),
            organization_id=org_id,
            action="api_key.create",
            resource_type="api_key",
            resource_id=key.id,
            project_id=project_id,
            summary={
                "after": {
                    "prefix": key.prefix,
                    "role": role,
                    "agent_id": data.agent_id,
                    "name": data.name,
                    "expires_at": expires_at,
                }
            },
        )
        return schemas.ApiKeyCreated(**schemas.ApiKeyPublic.model_validate(key).model_dump(), key=secret)


async def list_keys(
    db: Database,
    principal: Principal,
    *,
    project_id: str | None,
    agent_id: str | None,
    include_revoked: bool,
    cursor: str | None,
    limit: int,
) -> Page[schemas.ApiKeyPublic]:
    query = select(ApiKey).where(visible(principal, ApiKey.organization_id, ApiKey.project_id, ApiKey.agent_id))
    if project_id:
        query = query.where(ApiKey.project_id == project_id)
    if agent_id:
        query = query.where(ApiKey.agent_id == agent_id)
    if not include_revoked:
        query = query.where(ApiKey.revoked_at.is_(None))
    query = paginate(query, ApiKey.id, ApiKey.id, descending=True, cursor=cursor, limit=limit)
    async with db.read() as session:
        rows = (await session.execute(query)).scalars().all()
    items, next_cursor = page_of(rows, limit, "id")
    return Page(items=[schemas.ApiKeyPublic.model_validate(k) for k in items], next_cursor=next_cursor)


async def revoke_key(db: Database, principal: Principal, key_id: str) -> schemas.ApiKeyPublic:
    async with db.write() as session:
        key = await session.get(ApiKey, key_id)
        if key is None or not principal.can_see(key.organization_id, key.project_id, key.agent_id):
            raise NotFound(f"API key {key_id} not found")
        if key.agent_id:
            agent = await session.get_one(Agent, key.agent_id)
            principal.require(
                Permission.AGENT_KEYS,
                key.organization_id,
                project_id=key.project_id,
                owner_id=agent.owner_id,
                what="API key",
            )
        else:
            principal.require(Permission.PROJECT_KEYS, key.organization_id, project_id=key.project_id, what="API key")
        if key.revoked_at is None:
            key.revoked_at = utcnow()
            await record(
                session,
                Actor.of(principal),
                organization_id=key.organization_id,
                action="api_key.revoke",
                resource_type="api_key",
                resource_id=key.id,
                project_id=key.project_id,
                summary={"before": {"prefix": key.prefix}},
            )
        return schemas.ApiKeyPublic.model_validate(key)


async def revoke_agent_keys(session: AsyncSession, actor: Actor, agent: Agent) -> int:
    """Revoke every live key of an agent (on retirement), inside the caller's transaction."""
    keys = (
        (await session.execute(select(ApiKey).where(ApiKey.agent_id == agent.id, ApiKey.revoked_at.is_(None))))
        .scalars()
        .all()
    )
    for key in keys:
        key.revoked_at = utcnow()
        await record(
            session,
            actor,
            organization_id=key.organization_id,
            action="api_key.revoke",
            resource_type="api_key",
            resource_id=key.id,
            project_id=key.project_id,
            summary={"before": {"prefix": key.prefix}, "reason": f"agent {agent.name} retired"},
        )
    return len(keys)
