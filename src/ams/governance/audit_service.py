"""Appending to and reading the audit trail. Every mutation of the control plane calls `record` in its own
transaction, so an entry exists exactly when the change it describes was committed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.auth.principal import Principal
from ams.db.base import utcnow
from ams.governance.audit_chain import GENESIS_HASH, ChainBreak, ChainVerifier, Link, link_hash
from ams.governance.models import AuditEntry, AuditHead
from ams.ids import new_id

VERIFY_BATCH = 2000


@dataclass(frozen=True)
class Actor:
    type: str  # user | project_key | agent_key | system
    id: str
    label: str

    @classmethod
    def of(cls, principal: Principal) -> Actor:
        return cls(principal.kind.value, principal.id, principal.label)


SYSTEM = Actor("system", "system", "system")


def _json_safe(value: Any) -> Any:
    return orjson.loads(orjson.dumps(value, default=str))


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The before/after summary of an update: only the fields that changed."""
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {"before": {k: before.get(k) for k in changed}, "after": {k: after[k] for k in changed}}


async def record(
    session: AsyncSession,
    actor: Actor,
    *,
    organization_id: str,
    action: str,
    resource_type: str,
    resource_id: str,
    project_id: str | None = None,
    summary: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the organization's chain, inside the caller's write transaction."""
    # FOR UPDATE serialises appends to one chain on PostgreSQL; SQLite's write transactions are already serial.
    head = (
        await session.execute(select(AuditHead).where(AuditHead.organization_id == organization_id).with_for_update())
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(organization_id=organization_id, seq=0, hash=GENESIS_HASH)
        session.add(head)
    summary_doc = _json_safe(summary or {})
    link = Link(
        id=new_id("aud"),
        organization_id=organization_id,
        seq=head.seq + 1,
        at=utcnow(),
        actor_type=actor.type,
        actor_id=actor.id,
        actor_label=actor.label,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        project_id=project_id,
        summary=summary_doc,
        prev_hash=head.hash,
    )
    entry_hash = link_hash(link)
    entry = AuditEntry(
        id=link.id,
        organization_id=organization_id,
        seq=link.seq,
        at=link.at,
        actor_type=actor.type,
        actor_id=actor.id,
        actor_label=actor.label,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        project_id=project_id,
        summary=orjson.dumps(summary_doc, option=orjson.OPT_SORT_KEYS).decode(),
        prev_hash=link.prev_hash,
        hash=entry_hash,
    )
    session.add(entry)
    head.seq, head.hash = link.seq, entry_hash
    return entry


def entry_summary(entry: AuditEntry) -> dict[str, Any]:
    loaded: dict[str, Any] = orjson.loads(entry.summary)
    return loaded


def _link(entry: AuditEntry) -> Link:
    return Link(
        id=entry.id,
        organization_id=entry.organization_id,
        seq=entry.seq,
        at=entry.at,
        actor_type=entry.actor_type,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        resource_type=entry.resource_type,
        resource_id=entry.resource_id,
        project_id=entry.project_id,
        summary=orjson.loads(entry.summary),
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


async def _links(session: AsyncSession, organization_id: str) -> AsyncIterator[Link]:
    after = 0
    while True:
        rows = (
            await session.execute(
                select(AuditEntry)
                .where(AuditEntry.organization_id == organization_id, AuditEntry.seq > after)
                .order_by(AuditEntry.seq)
                .limit(VERIFY_BATCH)
            )
        ).scalars()
        batch = [_link(row) for row in rows]
        if not batch:
            return
        for link in batch:
            yield link
        after = batch[-1].seq


@dataclass(frozen=True)
class ChainReport:
    organization_id: str
    entries_checked: int
    broken: ChainBreak | None
    checked_at: datetime


async def verify_organization(session: AsyncSession, organization_id: str) -> ChainReport:
    head = await session.get(AuditHead, organization_id)
    verifier = ChainVerifier(organization_id)
    async for link in _links(session, organization_id):
        broken = verifier.feed(link)
        if broken:
            return ChainReport(organization_id, verifier.checked, broken, utcnow())
    broken = verifier.finish(head.seq if head else None, head.hash if head else None)
    return ChainReport(organization_id, verifier.checked, broken, utcnow())


async def chain_organizations(session: AsyncSession) -> list[str]:
    """Every organization that has a chain, including ones whose head or entries were tampered with."""
    heads = (await session.execute(select(AuditHead.organization_id))).scalars().all()
    entries = (await session.execute(select(AuditEntry.organization_id).distinct())).scalars().all()
    return sorted(set(heads) | set(entries))
