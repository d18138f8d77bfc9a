"""HTTP doors of policies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from ams.auth.roles import Permission
from ams.governance import policies_service, simulate_service
from ams.governance.policy_schemas import PolicyCreate, PolicyPublic, PolicyUpdate
from ams.http.deps import DEFAULT_PAGE, ContextDep, CurrentPrincipal, Cursor, DbDep, Limit
from ams.http.pagination import Page
from ams.http.permissions import requires

router = APIRouter(prefix="/api/v1/policies", tags=["governance"])


@router.get("")
async def list_policies(
    principal: CurrentPrincipal,
    db: DbDep,
    organization_id: str | None = None,
    enabled: bool | None = None,
    sort: Annotated[str | None, Query(description="name, updated_at or created_at; -field for descending.")] = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[PolicyPublic]:
    """Policies you can see."""
    items, next_cursor = await policies_service.list_policies(
        db, principal, organization_id=organization_id, enabled=enabled, sort=sort, cursor=cursor, limit=limit
    )
    return Page(items=items, next_cursor=next_cursor)


@router.post("", status_code=201, **requires(Permission.POLICY_MANAGE))
async def create_policy(data: PolicyCreate, principal: CurrentPrincipal, db: DbDep) -> PolicyPublic:
    """Create a policy: a scope and rules (spend caps, tool allow/deny lists, model allow-lists, rate limits,
    approval gates, payload limits). Admin."""
    return await policies_service.create_policy(db, principal, data)


@router.post("/simulate", **requires(Permission.READ))
async def simulate_policy(
    data: simulate_service.SimulateRequest, principal: CurrentPrincipal, context: ContextDep
) -> dict[str, Any]:
    """What a draft policy would have decided over the last `days` of recorded traffic: counts by decision and
    by rule, and the latest refusals with their reasons. Nothing is saved."""
    return await simulate_service.simulate_policy(context.db, context.telemetry.store, principal, data)


@router.get("/{policy_id}")
async def read_policy(policy_id: str, principal: CurrentPrincipal, db: DbDep) -> PolicyPublic:
    """One policy as it stands."""
    return await policies_service.read_policy(db, principal, policy_id)


@router.put("/{policy_id}", **requires(Permission.POLICY_MANAGE))
async def update_policy(policy_id: str, data: PolicyUpdate, principal: CurrentPrincipal, db: DbDep) -> PolicyPublic:
    """Change a policy; each change is a new version (Admin)."""
    return await policies_service.update_policy(db, principal, policy_id, data)


@router.delete("/{policy_id}", status_code=204, **requires(Permission.POLICY_MANAGE))
async def delete_policy(policy_id: str, principal: CurrentPrincipal, db: DbDep) -> Response:
    """Delete a policy (Admin); its versions go with it, its audit entries stay."""
    await policies_service.delete_policy(db, principal, policy_id)
    return Response(status_code=204)


@router.get("/{policy_id}/versions")
async def list_versions(policy_id: str, principal: CurrentPrincipal, db: DbDep) -> list[dict[str, Any]]:
    """Every version of a policy, newest first."""
    return await policies_service.list_versions(db, principal, policy_id)
