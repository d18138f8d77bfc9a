"""HTTP doors of the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ams.errors import Forbidden
from ams.governance import audit_queries, schemas
from ams.http.deps import DEFAULT_PAGE, CurrentPrincipal, Cursor, DbDep, Limit, UTCTimestamp
from ams.http.pagination import Page

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])


@router.get("")
async def list_audit(
    principal: CurrentPrincipal,
    db: DbDep,
    organization_id: str | None = None,
    project_id: str | None = None,
    actor: Annotated[str | None, Query(description="An actor's id or label (email, key:<prefix>).")] = None,
    action: Annotated[str | None, Query(description="An action such as agent.pause, or a prefix: agent.*")] = None,
    resource_type: str | None = None,
    resource_id: str | None = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.AuditEntryPublic]:
    """Audit entries you can see, newest first, filtered by actor, resource, action and time."""
    if principal.agent_id:
        raise Forbidden("agent keys cannot read the audit trail")
    return await audit_queries.list_entries(
        db,
        principal,
        organization_id=organization_id,
        project_id=project_id,
        actor=actor,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        since=since,
        until=until,
        cursor=cursor,
        limit=limit,
    )


@router.get("/verify")
async def verify_audit(
    principal: CurrentPrincipal, db: DbDep, organization_id: str | None = None
) -> list[schemas.ChainStatus]:
    """Recompute the hash chain of each organization you can see; name the first broken link."""
    if not principal.is_user:
        raise Forbidden("verifying the audit chain needs a user login")
    return await audit_queries.verify(db, principal, organization_id)
