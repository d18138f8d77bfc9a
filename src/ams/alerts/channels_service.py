"""Alert channels: create (the target and signing secret sealed), list, update, delete, test-send, deliveries."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.alerts import schemas
from ams.alerts.models import AlertChannel, AlertDelivery
from ams.alerts.senders import Target, send
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.auth.scoping import visible
from ams.auth.tenancy_service import default_organization
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import NotFound
from ams.governance.audit_service import Actor, diff, record
from ams.http.pagination import page_of, paginate
from ams.ids import new_id
from ams.settings import Settings
from ams.vault.cipher import Cipher


def _bound_to(channel: AlertChannel) -> str:
    return f"{channel.organization_id}/alert_channel/{channel.id}"


def _hint(url: str | None, recipients: list[str]) -> str:
    """What the API shows of a target: scheme and host of a URL (its path may be the secret, as Slack's is)."""
    if url is None:
        return ", ".join(recipients)
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…"


def _seal(cipher: Cipher, channel: AlertChannel, url: str | None, signing_secret: str | None) -> None:
    channel.sealed = cipher.seal(orjson.dumps({"url": url, "signing_secret": signing_secret}), _bound_to(channel))
    channel.key_id = cipher.key_id


def open_target(cipher: Cipher, channel: AlertChannel) -> Target:
    """The channel's target, unsealed for one send. The only place a channel's secrets are decrypted."""
    sealed: dict[str, Any] = orjson.loads(cipher.open(channel.sealed, _bound_to(channel))) if channel.sealed else {}
    return Target(channel.kind, sealed.get("url"), sealed.get("signing_secret"), list(channel.recipients))


def _public(channel: AlertChannel) -> schemas.AlertChannelPublic:
    return schemas.AlertChannelPublic.model_validate(channel)


async def create_channel(
    db: Database, cipher: Cipher, principal: Principal, data: schemas.AlertChannelCreate
) -> schemas.AlertChannelCreated:
    org = default_organization(principal, data.organization_id)
    principal.require(Permission.ALERTS_MANAGE, org, what="organization")
    now = utcnow()
    url = str(data.url) if data.url else None
    signing_secret = None
    if data.kind is schemas.ChannelKind.WEBHOOK:
        signing_secret = data.signing_secret or f"whsec_{secrets.token_urlsafe(32)}"
    channel = AlertChannel(
        id=new_id("ach"),
        organization_id=org,
        name=data.name,
        kind=data.kind.value,
        target_hint=_hint(url, data.recipients),
        recipients=data.recipients,
        min_severity=data.min_severity.value,
        categories=[c.value for c in data.categories],
        enabled=data.enabled,
        created_at=now,
        updated_at=now,
    )
    _seal(cipher, channel, url, signing_secret)
    async with db.write() as session:
        session.add(channel)
        await session.flush()
        await record(
            session, Actor.of(principal), organization_id=org, action="alert_channel.create",
            resource_type="alert_channel", resource_id=channel.id,
            summary={"after": _public(channel).model_dump(mode="json")},
        )  # fmt: skip
        public = _public(channel)
    # Shown once: afterwards it can only be replaced by recreating the channel.
    return schemas.AlertChannelCreated(
        **public.model_dump(), signing_secret=signing_secret if not data.signing_secret else None
    )


async def _visible_channel(session: AsyncSession, principal: Principal, channel_id: str) -> AlertChannel:
    channel = await session.get(AlertChannel, channel_id)
    if channel is None or not principal.can_see(channel.organization_id):
        raise NotFound(f"alert channel {channel_id} not found")
    return channel


async def list_channels(
    db: Database, principal: Principal, *, organization_id: str | None, cursor: str | None, limit: int
) -> tuple[list[schemas.AlertChannelPublic], str | None]:
    query = select(AlertChannel).where(visible(principal, AlertChannel.organization_id))
    if organization_id:
        query = query.where(AlertChannel.organization_id == organization_id)
    query = paginate(query, AlertChannel.created_at, AlertChannel.id, descending=False, cursor=cursor, limit=limit)
    async with db.read() as session:
        rows = list((await session.execute(query)).scalars())
    page, next_cursor = page_of(rows, limit, "created_at")
    return [_public(c) for c in page], next_cursor


async def read_channel(db: Database, principal: Principal, channel_id: str) -> schemas.AlertChannelPublic:
    async with db.read() as session:
        return _public(await _visible_channel(session, principal, channel_id))


async def update_channel(
    db: Database, cipher: Cipher, principal: Principal, channel_id: str, data: schemas.AlertChannelUpdate
) -> schemas.AlertChannelPublic:
    async with db.write() as session:
        channel = await _visible_channel(session, principal, channel_id)
        principal.require(Permission.ALERTS_MANAGE, channel.organization_id, what="alert channel")
        before = _public(channel).model_dump(mode="json")
        changes = data.model_dump(exclude_unset=True, exclude={"url"})
        for field, value in changes.items():
            setattr(channel, field, [getattr(v, "value", v) for v in value] if isinstance(value, list) else value)
        if data.min_severity is not None:
            channel.min_severity = data.min_severity.value
        if "url" in data.model_fields_set and data.url is not None:
            target = open_target(cipher, channel)
            _seal(cipher, channel, str(data.url), target.signing_secret)
        channel.target_hint = _hint(open_target(cipher, channel).url, list(channel.recipients))
        channel.updated_at = utcnow()
        after = _public(channel).model_dump(mode="json")
        await record(
            session, Actor.of(principal), organization_id=channel.organization_id, action="alert_channel.update",
            resource_type="alert_channel", resource_id=channel.id, summary=diff(before, after),
        )  # fmt: skip
        return _public(channel)


async def delete_channel(db: Database, principal: Principal, channel_id: str) -> None:
    async with db.write() as session:
        channel = await _visible_channel(session, principal, channel_id)
        principal.require(Permission.ALERTS_MANAGE, channel.organization_id, what="alert channel")
        await record(
            session, Actor.of(principal), organization_id=channel.organization_id, action="alert_channel.delete",
            resource_type="alert_channel", resource_id=channel.id, summary={"before": {"name": channel.name}},
        )  # fmt: skip
        await session.delete(channel)


async def test_channel(
    db: Database,
    cipher: Cipher,
    client: httpx.AsyncClient,
    settings: Settings,
    principal: Principal,
    channel_id: str,
) -> schemas.DeliveryPublic:
    """Send a test message now, once, and log it with the channel's deliveries."""
    async with db.read() as session:
        channel = await _visible_channel(session, principal, channel_id)
        principal.require(Permission.ALERTS_MANAGE, channel.organization_id, what="alert channel")
        target = open_target(cipher, channel)
    now = utcnow()
    delivery = AlertDelivery(
        id=new_id("dlv"), organization_id=channel.organization_id, channel_id=channel.id, alert_id=None,
        event="test", status="pending", attempts=1, next_attempt_at=now, created_at=now, last_error="",
        payload={
            "event": "alert.test", "sent_for": now.isoformat(),
            "alert": {
                "title": f"Test message to {channel.name}", "severity": "info", "category": "system",
                "summary": f"{principal.label} tested this channel. No action is needed.",
            },
        },
    )  # fmt: skip
    result = await send(client, target, delivery.id, delivery.payload, settings.alerts, settings.server.url)
    delivery.status = "delivered" if result.ok else "failed"
    delivery.last_status_code, delivery.last_error = result.status_code, result.error
    delivery.delivered_at = utcnow() if result.ok else None
    async with db.write() as session:
        session.add(delivery)
        await session.flush()
        return schemas.DeliveryPublic.model_validate(delivery)


async def list_deliveries(
    db: Database, principal: Principal, channel_id: str, *, cursor: str | None, limit: int
) -> tuple[list[schemas.DeliveryPublic], str | None]:
    async with db.read() as session:
        channel = await _visible_channel(session, principal, channel_id)
        query = paginate(
            select(AlertDelivery).where(AlertDelivery.channel_id == channel.id),
            AlertDelivery.created_at, AlertDelivery.id, descending=True, cursor=cursor, limit=limit,
        )  # fmt: skip
        rows = list((await session.execute(query)).scalars())
    page, next_cursor = page_of(rows, limit, "created_at")
    return [schemas.DeliveryPublic.model_validate(d) for d in page], next_cursor
