"""Policies: create, read, list, update, delete; every change a new immutable version, audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.auth.scoping import visible
from ams.auth.tenancy_service import default_organization
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Conflict, NotFound
from ams.governance.audit_service import Actor, diff, record
from ams.governance.models import Policy, PolicyVersion
from ams.governance.policy_schemas import PolicyCreate, PolicyPublic, PolicyScope, PolicyUpdate
from ams.http.pagination import page_of, paginate, parse_sort
from ams.ids import new_id

POLICY_SORTS = {"name": Policy.name, "updated_at": Policy.updated_at, "created_at": Policy.created_at}


def policy_public(policy: Policy) -> PolicyPublic:
    return PolicyPublic(
        id=policy.id,
        organization_id=policy.organization_id,
        name=policy.name,
        description=policy.description,
        version=policy.version,
        scope=PolicyScope(type=policy.scope_type, value=policy.scope_value),  # type: ignore[arg-type]
        rules=list(policy.rules),
        enabled=policy.enabled,
        created_at=policy.created_at,
        updated_at=policy.updated_at,
    )


def _document(policy: Policy) -> dict[str, Any]:
    return policy_public(policy).model_dump(mode="json", include={"name", "description", "scope", "rules", "enabled"})


def _rules(data: PolicyCreate | PolicyUpdate) -> list[dict[str, Any]]:
    return [rule.model_dump(mode="json", exclude_none=True) for rule in data.rules or []]


async def _taken(session: AsyncSession, organization_id: str, name: str, but: str | None = None) -> bool:
    query = select(Policy.id).where(Policy.organization_id == organization_id, Policy.name == name)
    if but:
        query = query.where(Policy.id != but)
    return (await session.execute(query)).first() is not None


def _snapshot(session: AsyncSession, policy: Policy, principal: Principal) -> None:
    session.add(
        PolicyVersion(
            id=new_id("pov"), policy_id=policy.id, organization_id=policy.organization_id, version=policy.version,
            document=_document(policy), created_by=principal.user_id or principal.id, created_at=utcnow(),
        )
    )  # fmt: skip


async def create_policy(db: Database, principal: Principal, data: PolicyCreate) -> PolicyPublic:
    org = default_organization(principal, data.organization_id)
    principal.require(Permission.POLICY_MANAGE, org, what="organization")
    now = utcnow()
    policy = Policy(
        id=new_id("pol"), organization_id=org, name=data.name, description=data.description,
        scope_type=data.scope.type, scope_value=data.scope.value, rules=_rules(data), enabled=data.enabled,
        version=1, created_by=principal.user_id or principal.id, created_at=now, updated_at=now,
    )  # fmt: skip
    async with db.write() as session:
        if await _taken(session, org, data.name):
            raise Conflict(f"a policy named {data.name!r} exists in this organization")
        session.add(policy)
        await session.flush()
        _snapshot(session, policy, principal)
        await record(
            session, Actor.of(principal), organization_id=org, action="policy.create", resource_type="policy",
            resource_id=policy.id, summary={"after": _document(policy), "version": 1},
        )  # fmt: skip
        return policy_public(policy)


async def _visible(session: AsyncSession, principal: Principal, policy_id: str) -> Policy:
    policy = await session.get(Policy, policy_id)
    if policy is None or not principal.can_see(policy.organization_id):
        raise NotFound(f"policy {policy_id} not found")
    return policy


async def read_policy(db: Database, principal: Principal, policy_id: str) -> PolicyPublic:
    async with db.read() as session:
        return policy_public(await _visible(session, principal, policy_id))


async def list_policies(
    db: Database,
    principal: Principal,
    *,
    organization_id: str | None,
    enabled: bool | None,
    sort: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[PolicyPublic], str | None]:
    name, column, descending = parse_sort(sort, POLICY_SORTS, "name")
    query = select(Policy).where(visible(principal, Policy.organization_id))
    if organization_id:
        query = query.where(Policy.organization_id == organization_id)
    if enabled is not None:
        query = query.where(Policy.enabled == enabled)
    query = paginate(query, column, Policy.id, descending=descending, cursor=cursor, limit=limit)
    async with db.read() as session:
        rows = list((await session.execute(query)).scalars())
    page, next_cursor = page_of(rows, limit, name)
    return [policy_public(p) for p in page], next_cursor


async def update_policy(db: Database, principal: Principal, policy_id: str, data: PolicyUpdate) -> PolicyPublic:
    async with db.write() as session:
        policy = await _visible(session, principal, policy_id)
        principal.require(Permission.POLICY_MANAGE, policy.organization_id, what="policy")
        before = _document(policy)
        if data.name is not None and data.name != policy.name:
            if await _taken(session, policy.organization_id, data.name, but=policy.id):
                raise Conflict(f"a policy named {data.name!r} exists in this organization")
            policy.name = data.name
        if data.description is not None:
            policy.description = data.description
        if data.scope is not None:
            policy.scope_type, policy.scope_value = data.scope.type, data.scope.value
        if data.rules is not None:
            policy.rules = _rules(data)
        if data.enabled is not None:
            policy.enabled = data.enabled
        after = _document(policy)
        if after == before:
            return policy_public(policy)
        policy.version += 1
        policy.updated_at = utcnow()
        _snapshot(session, policy, principal)
        await record(
            session, Actor.of(principal), organization_id=policy.organization_id, action="policy.update",
            resource_type="policy", resource_id=policy.id, summary={**diff(before, after), "version": policy.version},
        )  # fmt: skip
        return policy_public(policy)


async def delete_policy(db: Database, principal: Principal, policy_id: str) -> None:
    async with db.write() as session:
        policy = await _visible(session, principal, policy_id)
        principal.require(Permission.POLICY_MANAGE, policy.organization_id, what="policy")
        await record(
            session, Actor.of(principal), organization_id=policy.organization_id, action="policy.delete",
            resource_type="policy", resource_id=policy.id, summary={"before": _document(policy)},
        )  # fmt: skip
        await session.delete(policy)


async def list_versions(db: Database, principal: Principal, policy_id: str) -> list[dict[str, Any]]:
    async with db.read() as session:
        policy = await _visible(session, principal, policy_id)
        rows = await session.execute(
            select(PolicyVersion).where(PolicyVersion.policy_id == policy.id).order_by(PolicyVersion.version.desc())
        )
        return [
            {"version": v.version, "document": v.document, "created_by": v.created_by, "created_at": v.created_at}
            for v in rows.scalars()
        ]
