"""Opening, refreshing and resolving alerts from any source (rules, health, surveillance), and telling channels.

Every change of an alert queues one delivery per matching channel in the same transaction as the change, so a
message exists exactly when the change was committed, and the delivery job sends it (with retries) afterwards.
The live events of the changes are returned to the caller, to publish once the transaction has committed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.alerts.lifecycle import OPEN, AlertStatus
from ams.alerts.models import Alert, AlertChannel, AlertDelivery
from ams.alerts.rules import Severity
from ams.ids import new_id


@dataclass
class Firing:
    """What a source says is wrong now."""

    organization_id: str
    source: str  # rule id, "health" or "surveillance": with the subject, what makes the dedup key
    dedup_key: str
    subject_type: str
    subject_id: str
    severity: str
    category: str
    title: str
    summary: str
    project_id: str | None = None
    agent_id: str | None = None
    rule_id: str | None = None
    value: float | None = None
    threshold: float | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    channel_ids: list[str] = field(default_factory=list)


def alert_document(alert: Alert) -> dict[str, Any]:
    """The alert as channels and the live stream see it."""
    return {
        "id": alert.id,
        "organization_id": alert.organization_id,
        "project_id": alert.project_id,
        "agent_id": alert.agent_id,
        "rule_id": alert.rule_id,
        "source": alert.source,
        "status": alert.status,
        "severity": alert.severity,
        "category": alert.category,
        "title": alert.title,
        "summary": alert.summary,
        "subject_type": alert.subject_type,
        "subject_id": alert.subject_id,
        "subject_label": alert.evidence.get("subject_label"),
        "value": alert.value,
        "threshold": alert.threshold,
        "evidence": alert.evidence,
        "fire_count": alert.fire_count,
        "first_fired_at": alert.first_fired_at.isoformat(),
        "last_fired_at": alert.last_fired_at.isoformat(),
        "resolved_at": alert.resolved_at.isoformat() if alert.resolved_at else None,
        "links": alert_links(alert),
    }


def alert_links(alert: Alert) -> dict[str, str]:
    """Where to look, as paths under AMS's URL: the dashboard's alerts, the subject agent, the API's alert."""
    links = {"alerts": "/alerts/open", "api": f"/api/v1/alerts/{alert.id}"}
    if alert.agent_id:
        links["agent"] = f"/agents/{alert.agent_id}"
    return links


def live_event(alert: Alert, event: str) -> dict[str, Any]:
    """An alert change on the live stream (`GET /api/v1/stream`)."""
    return {
        "type": "alert",
        "event": event,
        "organization_id": alert.organization_id,
        "project_id": alert.project_id,
        "agent_id": alert.agent_id,
        "alert_id": alert.id,
        "status": alert.status,
        "severity": alert.severity,
        "category": alert.category,
        "title": alert.title,
        "summary": alert.summary,
    }


@dataclass
class Outbox:
    """Live events of committed-to-be changes; the caller publishes them after the commit."""

    events: list[dict[str, Any]] = field(default_factory=list)
    _channels: dict[str, list[AlertChannel]] = field(default_factory=dict)

    async def channels(self, session: AsyncSession, organization_id: str) -> list[AlertChannel]:
        if organization_id not in self._channels:
            rows = await session.execute(
                select(AlertChannel).where(AlertChannel.organization_id == organization_id, AlertChannel.enabled)
            )
            self._channels[organization_id] = list(rows.scalars())
        return self._channels[organization_id]


def _wants(channel: AlertChannel, alert: Alert, chosen: list[str]) -> bool:
    if chosen and channel.id not in chosen:
        return False
    if Severity(alert.severity).rank < Severity(channel.min_severity).rank:
        return False
    return not channel.categories or alert.category in channel.categories


async def announce(
    session: AsyncSession, outbox: Outbox, alert: Alert, event: str, now: datetime, chosen: list[str] | None = None
) -> None:
    """Queue the change's deliveries and its live event."""
    payload = {"event": f"alert.{event}", "sent_for": now.isoformat(), "alert": alert_document(alert)}
    for channel in await outbox.channels(session, alert.organization_id):
        if _wants(channel, alert, chosen or []):
            session.add(
                AlertDelivery(
                    id=new_id("dlv"),
                    organization_id=alert.organization_id,
                    channel_id=channel.id,
                    alert_id=alert.id,
                    event=event,
                    payload=payload,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
    outbox.events.append(live_event(alert, event))


def open_alert(session: AsyncSession, firing: Firing, now: datetime) -> Alert:
    alert = Alert(
        id=new_id("alr"),
        organization_id=firing.organization_id,
        project_id=firing.project_id,
        rule_id=firing.rule_id,
        source="rule" if firing.rule_id else firing.source,
        dedup_key=firing.dedup_key,
        subject_type=firing.subject_type,
        subject_id=firing.subject_id,
        agent_id=firing.agent_id,
        status=AlertStatus.FIRING.value,
        severity=firing.severity,
        category=firing.category,
        title=firing.title,
        summary=firing.summary,
        evidence=firing.evidence,
        value=firing.value,
        threshold=firing.threshold,
        fire_count=1,
        first_fired_at=now,
        last_fired_at=now,
        comment="",
    )
    session.add(alert)
    return alert


def refresh_alert(alert: Alert, firing: Firing, now: datetime) -> bool:
    """Record another firing of an open alert; True when it got worse (its severity rose), which is news."""
    worse = Severity(firing.severity).rank > Severity(alert.severity).rank
    alert.fire_count += 1
    alert.last_fired_at = now
    alert.value = firing.value
    alert.title = firing.title  # it may count what changed ("5 agents anomalous at once")
    alert.summary = firing.summary
    alert.severity = firing.severity if worse else alert.severity
    alert.evidence = {**alert.evidence, **{k: v for k, v in firing.evidence.items() if k != "example_traces"}}
    return worse


def close_alert(alert: Alert, now: datetime, by: str, why: str) -> None:
    alert.status = AlertStatus.RESOLVED.value
    alert.resolved_at = now
    alert.resolved_by = by
    alert.evidence = {**alert.evidence, "resolution": why}


async def open_alerts(session: AsyncSession, organization_id: str, keys: list[str]) -> dict[str, Alert]:
    rows = await session.execute(
        select(Alert).where(Alert.organization_id == organization_id, Alert.dedup_key.in_(keys), Alert.status.in_(OPEN))
    )
    return {alert.dedup_key: alert for alert in rows.scalars()}


async def fire(
    session: AsyncSession, outbox: Outbox, firing: Firing, now: datetime, cooldown: timedelta = timedelta(0)
) -> Alert | None:
    """Open the alert, or refresh the open one; None when a recent resolution keeps it quiet (cooldown)."""
    current = (await open_alerts(session, firing.organization_id, [firing.dedup_key])).get(firing.dedup_key)
    if current is not None:
        if refresh_alert(current, firing, now):
            await announce(session, outbox, current, "escalated", now, firing.channel_ids)
        return current
    if cooldown:
        last = await session.execute(
            select(Alert.resolved_at)
            .where(Alert.organization_id == firing.organization_id, Alert.dedup_key == firing.dedup_key)
            .order_by(Alert.resolved_at.desc())
            .limit(1)
        )
        resolved_at = last.scalar_one_or_none()
        if resolved_at is not None and now - resolved_at < cooldown:
            return None
    alert = open_alert(session, firing, now)
    await session.flush()
    await announce(session, outbox, alert, "fired", now, firing.channel_ids)
    return alert


async def close_rule_alerts(session: AsyncSession, outbox: Outbox, rule_id: str, now: datetime, why: str) -> int:
    """Resolve every open alert of a rule that stops being judged (disabled or deleted): nothing would ever
    resolve them otherwise, and they would stay on the attention list for good."""
    rows = await session.execute(select(Alert).where(Alert.rule_id == rule_id, Alert.status.in_(OPEN)))
    closed = 0
    for alert in rows.scalars():
        close_alert(alert, now, "system", why)
        await announce(session, outbox, alert, "resolved", now)
        closed += 1
    return closed


async def clear(
    session: AsyncSession, outbox: Outbox, organization_id: str, dedup_key: str, now: datetime, why: str
) -> Alert | None:
    """Resolve the open alert of `dedup_key`, if there is one: its condition no longer holds."""
    current = (await open_alerts(session, organization_id, [dedup_key])).get(dedup_key)
    if current is None:
        return None
    close_alert(current, now, "system", why)
    await announce(session, outbox, current, "resolved", now)
    return current
