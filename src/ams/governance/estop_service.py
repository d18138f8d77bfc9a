"""The emergency stop: engaged by an Operator or an Admin for the fleet, a project, an agent or a tag, it refuses
every gateway call and guard check in scope, on every instance (`GovernanceState` hears of it from the commit and
the broadcast), until released. Engaging and releasing are audited."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select

from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.auth.scoping import visible
from ams.auth.tenancy_service import default_organization
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import NotFound
from ams.governance.audit_service import Actor, record
from ams.governance.models import EmergencyStop
from ams.ids import new_id


class StopRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: str | None = Field(None, description="Defaults to your only organization.")
    scope: Literal["fleet", "project", "agent", "tag"]
    target: str = Field("", max_length=200, description="The project id, agent id or name, or tag; none for fleet.")
    reason: str = Field(min_length=1, max_length=2000, description="Why: shown to every refused caller.")

    @model_validator(mode="after")
    def _target(self) -> StopRequest:
        if self.scope != "fleet" and not self.target:
            raise ValueError(f"a {self.scope} stop names its target")
        return self


class ReleaseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: str | None = None
    id: str | None = Field(None, description="The stop to release; without it, every stop in force of the scope.")
    scope: Literal["fleet", "project", "agent", "tag"] | None = None
    target: str = ""
    reason: str = Field("", max_length=2000)


def stop_public(row: EmergencyStop) -> dict[str, Any]:
    return {
        "id": row.id,
        "organization_id": row.organization_id,
        "scope": row.scope,
        "target": row.target,
        "reason": row.reason,
        "stopped_by": row.created_by,
        "stopped_at": row.created_at,
        "released_at": row.released_at,
        "released_by": row.released_by,
        "release_reason": row.release_reason,
    }


async def engage(db: Database, principal: Principal, data: StopRequest) -> dict[str, Any]:
    org = default_organization(principal, data.organization_id)
    principal.require(Permission.EMERGENCY_STOP, org, what="organization")
    row = EmergencyStop(
        id=new_id("stp"), organization_id=org, scope=data.scope, target=data.target, reason=data.reason,
        created_by=principal.label, created_at=utcnow(), release_reason="",
    )  # fmt: skip
    async with db.write() as session:
        session.add(row)
        await record(
            session, Actor.of(principal), organization_id=org, action="emergency_stop.engage",
            resource_type="emergency_stop", resource_id=row.id,
            summary={"scope": data.scope, "target": data.target, "reason": data.reason},
        )  # fmt: skip
    return stop_public(row)


async def release(db: Database, principal: Principal, data: ReleaseRequest) -> list[dict[str, Any]]:
    org = default_organization(principal, data.organization_id)
    principal.require(Permission.EMERGENCY_STOP, org, what="organization")
    query = select(EmergencyStop).where(EmergencyStop.organization_id == org, EmergencyStop.released_at.is_(None))
    if data.id:
        query = query.where(EmergencyStop.id == data.id)
    elif data.scope:
        query = query.where(EmergencyStop.scope == data.scope, EmergencyStop.target == data.target)
    now = utcnow()
    async with db.write() as session:
        rows = list((await session.execute(query)).scalars())
        if not rows:
            raise NotFound("no emergency stop in force matches")
        for row in rows:
            row.released_at, row.released_by, row.release_reason = now, principal.label, data.reason
            await record(
                session, Actor.of(principal), organization_id=org, action="emergency_stop.release",
                resource_type="emergency_stop", resource_id=row.id,
                summary={"scope": row.scope, "target": row.target, "reason": data.reason},
            )  # fmt: skip
        return [stop_public(r) for r in rows]


async def list_stops(db: Database, principal: Principal, active_only: bool, limit: int) -> list[dict[str, Any]]:
    query = select(EmergencyStop).where(visible(principal, EmergencyStop.organization_id))
    if active_only:
        query = query.where(EmergencyStop.released_at.is_(None))
    async with db.read() as session:
        rows = (await session.execute(query.order_by(EmergencyStop.created_at.desc()).limit(limit))).scalars()
        return [stop_public(r) for r in rows]
