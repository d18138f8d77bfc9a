"""Alerts as users see them: list with filters, read, acknowledge and resolve."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.alerts import schemas
from ams.alerts.lifecycle import acknowledged, resolved
from ams.alerts.models import Alert
from ams.alerts.raising import Outbox, announce
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.auth.scoping import visible
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import NotFound
from ams.governance.audit_service import Actor, record
from ams.http.pagination import page_of, paginate, parse_sort
from ams.telemetry.live import LiveHub

ALERT_SORTS = {"last_fired_at": Alert.last_fired_at, "first_fired_at": Alert.first_fired_at}


async def list_alerts(
    db: Database,
    principal: Principal,
    *,
    organization_id: str | None,
    status: list[str],
    severity: list[str],
    category: list[str],
    agent_id: str | None,
    rule_id: str | None,
    since: datetime | None,
    until: datetime | None,
    sort: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[schemas.AlertPublic], str | None]:
    name, column, descending = parse_sort(sort, ALERT_SORTS, "-last_fired_at")
    query = select(Alert).where(visible(principal, Alert.organization_id, Alert.project_id, Alert.agent_id))
    if organization_id:
        query = query.where(Alert.organization_id == organization_id)
    if status:
        query = query.where(Alert.status.in_(status))
    if severity:
        query = query.where(Alert.severity.in_(severity))
    if category:
        query = query.where(Alert.category.in_(category))
    if agent_id:
        query = query.where(Alert.agent_id == agent_id)
    if rule_id:
        query = query.where(Alert.rule_id == rule_id)
    if since:
        query = query.where(Alert.last_fired_at >= since)
    if until:
        query = query.where(Alert.first_fired_at < until)
    query = paginate(query, column, Alert.id, descending=descending, cursor=cursor, limit=limit)
    async with db.read() as session:
        rows = list((await session.execute(query)).scalars())
    page, next_cursor = page_of(rows, limit, name)
    return [schemas.AlertPublic.model_validate(a) for a in page], next_cursor


async def _visible_alert(session: AsyncSession, principal: Principal, alert_id: str) -> Alert:
    alert = await session.get(Alert, alert_id)
    if alert is None or not principal.can_see(alert.organization_id, alert.project_id, alert.agent_id):
        raise NotFound(f"alert {alert_id} not found")
    return alert


async def read_alert(db: Database, principal: Principal, alert_id: str) -> schemas.AlertPublic:
    async with db.read() as session:
        return schemas.AlertPublic.model_validate(await _visible_alert(session, principal, alert_id))


async def respond(
    db: Database, live: LiveHub, principal: Principal, alert_id: str, action: str, comment: str
) -> schemas.AlertPublic:
    """Acknowledge (`action` "acknowledge") or resolve an alert, by an Operator, an Agent Owner or an Admin."""
    outbox = Outbox()
    now = utcnow()
    async with db.write() as session:
        alert = await _visible_alert(session, principal, alert_id)
        principal.require(Permission.ALERTS_RESPOND, alert.organization_id, what="alert")
        before = alert.status
        if action == "acknowledge":
            alert.status = acknowledged(alert.status).value
            alert.acknowledged_at, alert.acknowledged_by = now, principal.label
            event = "acknowledged"
        else:
            alert.status = resolved(alert.status).value
            alert.resolved_at, alert.resolved_by = now, principal.label
            event = "resolved"
        if comment:
            alert.comment = comment
        await record(
            session, Actor.of(principal), organization_id=alert.organization_id, action=f"alert.{event}",
            resource_type="alert", resource_id=alert.id, project_id=alert.project_id,
            summary={"before": {"status": before}, "after": {"status": alert.status}, "comment": comment},
        )  # fmt: skip
        await announce(session, outbox, alert, event, now)
        public = schemas.AlertPublic.model_validate(alert)
    live.publish(outbox.events)
    return public
