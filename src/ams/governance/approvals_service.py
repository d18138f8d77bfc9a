"""Approvals: the actions waiting for a human, answered by an Operator, the agent's Owner or an Admin.

A pending approval past its expiry is expired when anyone reads it. An answer is audited, published on the live
stream, and recorded as a human intervention on the task the action belonged to (when the guard check named its
trace), so approvals count in the agent's HIR.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents.models import Agent
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.auth.scoping import visible
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Conflict, NotFound
from ams.governance.audit_service import Actor, record
from ams.governance.models import Approval
from ams.http.pagination import page_of, paginate
from ams.telemetry.ingest_service import EVENT_STORE_COLUMNS
from ams.telemetry.live import LiveHub
from ams.telemetry.pipeline import IngestPipeline

WAIT_POLL_S = 0.25
MAX_WAIT_S = 60.0


def approval_public(row: Approval) -> dict[str, Any]:
    return {
        "id": row.id,
        "organization_id": row.organization_id,
        "project_id": row.project_id,
        "agent_id": row.agent_id,
        "policy_id": row.policy_id,
        "rule_id": row.rule_id,
        "action": row.action,
        "arguments": row.arguments,
        "reasons": row.reasons,
        "status": row.status,
        "trace_id": row.trace_id or None,
        "requested_at": row.requested_at,
        "expires_at": row.expires_at,
        "decided_at": row.decided_at,
        "decided_by": row.decided_by,
        "comment": row.comment,
    }


async def _expire(session: AsyncSession, now: datetime, organization_ids: list[str] | None) -> None:
    query = update(Approval).where(Approval.status == "pending", Approval.expires_at <= now)
    if organization_ids is not None:
        query = query.where(Approval.organization_id.in_(organization_ids))
    await session.execute(query.values(status="expired", decided_at=now, decided_by="expiry"))


class Approvals:
    def __init__(self, db: Database, live: LiveHub, pipeline: IngestPipeline) -> None:
        self.db, self.live, self.pipeline = db, live, pipeline

    async def list(
        self,
        principal: Principal,
        *,
        status: list[str],
        agent_id: str | None,
        organization_id: str | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[dict[str, Any]], str | None]:
        async with self.db.write() as session:
            await _expire(session, utcnow(), principal.organization_ids())
        query = select(Approval).where(
            visible(principal, Approval.organization_id, Approval.project_id, Approval.agent_id)
        )
        if organization_id:
            query = query.where(Approval.organization_id == organization_id)
        if status:
            query = query.where(Approval.status.in_(status))
        if agent_id:
            query = query.where(Approval.agent_id == agent_id)
        query = paginate(query, Approval.requested_at, Approval.id, descending=True, cursor=cursor, limit=limit)
        async with self.db.read() as session:
            rows = list((await session.execute(query)).scalars())
        page, next_cursor = page_of(rows, limit, "requested_at")
        return [approval_public(r) for r in page], next_cursor

    async def _visible(self, session: AsyncSession, principal: Principal, approval_id: str) -> Approval:
        row = await session.get(Approval, approval_id)
        if row is None or not principal.can_see(row.organization_id, row.project_id, row.agent_id):
            raise NotFound(f"approval {approval_id} not found")
        return row

    async def read(self, principal: Principal, approval_id: str, wait_s: float = 0.0) -> dict[str, Any]:
        """The approval; with `wait_s`, held until it is answered or expires (the SDK's wait), at most a minute."""
        deadline = time.monotonic() + min(max(wait_s, 0.0), MAX_WAIT_S)
        while True:
            async with self.db.write() as session:
                row = await self._visible(session, principal, approval_id)
                if row.status == "pending" and row.expires_at <= utcnow():
                    row.status, row.decided_at, row.decided_by = "expired", utcnow(), "expiry"
                public = approval_public(row)
            if public["status"] != "pending" or time.monotonic() >= deadline:
                return public
            await asyncio.sleep(WAIT_POLL_S)

    async def decide(self, principal: Principal, approval_id: str, approve: bool, comment: str) -> dict[str, Any]:
        now = utcnow()
        async with self.db.write() as session:
            row = await self._visible(session, principal, approval_id)
            agent = await session.get(Agent, row.agent_id)
            principal.require(
                Permission.APPROVALS_DECIDE, row.organization_id, project_id=row.project_id, agent_id=row.agent_id,
                owner_id=agent.owner_id if agent else None, what="approval",
            )  # fmt: skip
            if row.status == "pending" and row.expires_at <= now:
                row.status, row.decided_at, row.decided_by = "expired", now, "expiry"
            if row.status != "pending":
                raise Conflict(f"the approval is {row.status}: it can no longer be answered", current_status=row.status)
            row.status = "approved" if approve else "denied"
            row.decided_at, row.decided_by, row.comment = now, principal.label, comment
            await record(
                session, Actor.of(principal), organization_id=row.organization_id, action=f"approval.{row.status}",
                resource_type="approval", resource_id=row.id, project_id=row.project_id,
                summary={"agent_id": row.agent_id, "action": row.action, "comment": comment},
            )  # fmt: skip
            public = approval_public(row)
        self.live.publish([{
            "type": "approval", "organization_id": row.organization_id, "project_id": row.project_id,
            "agent_id": row.agent_id, "approval_id": row.id, "status": row.status, "action": row.action,
        }])  # fmt: skip
        if row.trace_id:
            await self._intervention(row, now)
        return public

    async def _intervention(self, row: Approval, now: datetime) -> None:
        """A human answered: an intervention on the task the action belongs to (it counts in HIR)."""
        now_us = int(now.timestamp() * 1e6)
        values = {
            "organization_id": row.organization_id, "project_id": row.project_id, "agent_id": row.agent_id,
            "trace_id": row.trace_id, "span_id": row.span_id, "event_id": f"approval:{row.id}", "name": "approval",
            "time_us": now_us, "outcome": "", "human_intervention": 1, "score_name": "", "score_value": 0.0,
            "attributes": f'{{"ams.approval.id": "{row.id}", "ams.approval.status": "{row.status}"}}',
            "ingested_us": now_us,
        }  # fmt: skip
        await self.pipeline.write("span_events", EVENT_STORE_COLUMNS, [[values[c]] for c in EVENT_STORE_COLUMNS], 1)
