"""Reading the audit trail: filtered pages, and verification of the chains a principal may see."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ams.auth.models import Organization
from ams.auth.principal import Principal
from ams.auth.scoping import visible
from ams.db.engine import Database
from ams.governance import schemas
from ams.governance.audit_service import ChainReport, entry_summary, verify_organization
from ams.governance.models import AuditEntry
from ams.http.pagination import Page, page_of, paginate


def entry_public(entry: AuditEntry) -> schemas.AuditEntryPublic:
    return schemas.AuditEntryPublic(
        id=entry.id,
        organization_id=entry.organization_id,
        seq=entry.seq,
        at=entry.at,
        actor=schemas.AuditActor(type=entry.actor_type, id=entry.actor_id, label=entry.actor_label),
        action=entry.action,
        resource_type=entry.resource_type,
        resource_id=entry.resource_id,
        project_id=entry.project_id,
        summary=entry_summary(entry),
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


async def list_entries(
    db: Database,
    principal: Principal,
    *,
    organization_id: str | None,
    project_id: str | None,
    actor: str | None,
    action: str | None,
    resource_type: str | None,
    resource_id: str | None,
    since: datetime | None,
    until: datetime | None,
    cursor: str | None,
    limit: int,
) -> Page[schemas.AuditEntryPublic]:
    # Entries of a whole organization (project_id NULL) stay visible to project keys of that organization only
    # when they concern their project, so the scope check runs on project_id like every other table.
    query = select(AuditEntry).where(visible(principal, AuditEntry.organization_id, AuditEntry.project_id))
    if organization_id:
        query = query.where(AuditEntry.organization_id == organization_id)
    if project_id:
        query = query.where(AuditEntry.project_id == project_id)
    if actor:
        query = query.where((AuditEntry.actor_id == actor) | (AuditEntry.actor_label == actor))
    if action:
        query = query.where(
            AuditEntry.action.startswith(action[:-1]) if action.endswith("*") else AuditEntry.action == action
        )
    if resource_type:
        query = query.where(AuditEntry.resource_type == resource_type)
    if resource_id:
        query = query.where(AuditEntry.resource_id == resource_id)
    if since:
        query = query.where(AuditEntry.at >= since)
    if until:
        query = query.where(AuditEntry.at < until)
    query = paginate(query, AuditEntry.id, AuditEntry.id, descending=True, cursor=cursor, limit=limit)
    async with db.read() as session:
        rows = (await session.execute(query)).scalars().all()
    items, next_cursor = page_of(rows, limit, "id")
    return Page(items=[entry_public(e) for e in items], next_cursor=next_cursor)


def _status(report: ChainReport) -> schemas.ChainStatus:
    broken = report.broken
    return schemas.ChainStatus(
        organization_id=report.organization_id,
        ok=broken is None,
        entries_checked=report.entries_checked,
        first_break=schemas.ChainBreakPublic(seq=broken.seq, entry_id=broken.entry_id, reason=broken.reason)
        if broken
        else None,
        checked_at=report.checked_at,
    )


async def verify(db: Database, principal: Principal, organization_id: str | None) -> list[schemas.ChainStatus]:
    query = select(Organization.id).where(visible(principal, Organization.id)).order_by(Organization.id)
    if organization_id:
        query = query.where(Organization.id == organization_id)
    async with db.read() as session:
        org_ids = (await session.execute(query)).scalars().all()
        return [_status(await verify_organization(session, org_id)) for org_id in org_ids]
