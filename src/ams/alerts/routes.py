"""HTTP doors of alerting: rules and their metrics, alerts, channels and deliveries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ams.alerts import alerts_service, attention, channels_service, rules_service, schemas
from ams.alerts.lifecycle import AlertStatus
from ams.alerts.rules import Category, Severity
from ams.auth.roles import Permission
from ams.auth.tenancy_service import default_organization
from ams.http.deps import DEFAULT_PAGE, ContextDep, CurrentPrincipal, Cursor, DbDep, Limit, UTCTimestamp
from ams.http.pagination import Page
from ams.http.permissions import requires

router = APIRouter(prefix="/api/v1", tags=["alerts"])
Sort = Annotated[str | None, Query(description="A field, or -field for descending.")]


@router.get("/alert-metrics")
async def list_metrics(principal: CurrentPrincipal) -> list[schemas.MetricPublic]:
    """What alert rules can watch; custom heartbeat metrics are `heartbeat.<name>`."""
    return rules_service.metrics()


@router.get("/alert-rules")
async def list_rules(
    principal: CurrentPrincipal,
    db: DbDep,
    organization_id: str | None = None,
    enabled: bool | None = None,
    metric: str | None = None,
    sort: Sort = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.AlertRulePublic]:
    """Alert rules, the built-in ones included; sort by name, created_at or severity."""
    items, next_cursor = await rules_service.list_rules(
        db, principal, organization_id=organization_id, enabled=enabled, metric=metric, sort=sort,
        cursor=cursor, limit=limit,
    )  # fmt: skip
    return Page(items=items, next_cursor=next_cursor)


@router.post("/alert-rules", status_code=201, **requires(Permission.ALERTS_MANAGE))
async def create_rule(data: schemas.AlertRuleCreate, principal: CurrentPrincipal, db: DbDep) -> schemas.AlertRulePublic:
    """Create an alert rule (Admin)."""
    return await rules_service.create_rule(db, principal, data)


@router.get("/alert-rules/{rule_id}")
async def read_rule(rule_id: str, principal: CurrentPrincipal, db: DbDep) -> schemas.AlertRulePublic:
    """One alert rule."""
    return await rules_service.read_rule(db, principal, rule_id)


@router.put("/alert-rules/{rule_id}", **requires(Permission.ALERTS_MANAGE))
async def update_rule(
    rule_id: str, data: schemas.AlertRuleUpdate, principal: CurrentPrincipal, context: ContextDep
) -> schemas.AlertRulePublic:
    """Change a rule; built-in rules can be tuned (threshold, window, severity…) or disabled (Admin). Disabling a
    rule resolves its open alerts."""
    return await rules_service.update_rule(context.db, context.telemetry.live, principal, rule_id, data)


@router.delete("/alert-rules/{rule_id}", status_code=204, **requires(Permission.ALERTS_MANAGE))
async def delete_rule(rule_id: str, principal: CurrentPrincipal, context: ContextDep) -> Response:
    """Delete a rule of your own, resolving its open alerts; built-in rules are disabled instead (Admin)."""
    await rules_service.delete_rule(context.db, context.telemetry.live, principal, rule_id)
    return Response(status_code=204)


@router.post("/alert-rules/evaluate", **requires(Permission.ALERTS_MANAGE))
async def evaluate_now(
    principal: CurrentPrincipal, context: ContextDep, organization_id: str | None = None
) -> dict[str, int]:
    """Judge every enabled rule of the organization now rather than at its next interval (Admin)."""
    org = default_organization(principal, organization_id)
    principal.require(Permission.ALERTS_MANAGE, org, what="organization")
    report = await context.alerting.evaluator.run_round(all_rules=True, organization_id=org)
    return {"rules": report.rules, "breaches": report.breaches, "opened": report.opened, "resolved": report.resolved}


@router.get("/alerts")
async def list_alerts(
    principal: CurrentPrincipal,
    db: DbDep,
    organization_id: str | None = None,
    status: Annotated[list[AlertStatus] | None, Query(description="firing, acknowledged, resolved (any of).")] = None,
    severity: Annotated[list[Severity] | None, Query(description="Severities (any of).")] = None,
    category: Annotated[list[Category] | None, Query(description="Categories (any of).")] = None,
    agent_id: str | None = None,
    rule_id: str | None = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
    sort: Sort = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.AlertPublic]:
    """Alerts, newest firing first; filter by status, severity, category, agent, rule and time."""
    items, next_cursor = await alerts_service.list_alerts(
        db, principal, organization_id=organization_id, status=[s.value for s in status or []],
        severity=[s.value for s in severity or []], category=[c.value for c in category or []],
        agent_id=agent_id, rule_id=rule_id, since=since, until=until, sort=sort, cursor=cursor, limit=limit,
    )  # fmt: skip
    return Page(items=items, next_cursor=next_cursor)


@router.get("/alerts/{alert_id}")
async def read_alert(alert_id: str, principal: CurrentPrincipal, db: DbDep) -> schemas.AlertPublic:
    """One alert with its evidence."""
    return await alerts_service.read_alert(db, principal, alert_id)


@router.post("/alerts/{alert_id}/acknowledge", **requires(Permission.ALERTS_RESPOND))
async def acknowledge_alert(
    alert_id: str, principal: CurrentPrincipal, context: ContextDep, data: schemas.AlertAction | None = None
) -> schemas.AlertPublic:
    """Say someone is on it: a firing alert becomes acknowledged (Operator, Agent Owner, Admin)."""
    comment = data.comment if data else ""
    return await alerts_service.respond(context.db, context.telemetry.live, principal, alert_id, "acknowledge", comment)


@router.post("/alerts/{alert_id}/resolve", **requires(Permission.ALERTS_RESPOND))
async def resolve_alert(
    alert_id: str, principal: CurrentPrincipal, context: ContextDep, data: schemas.AlertAction | None = None
) -> schemas.AlertPublic:
    """Close an alert (Operator, Agent Owner, Admin); if its condition still holds it fires anew after cooldown."""
    comment = data.comment if data else ""
    return await alerts_service.respond(context.db, context.telemetry.live, principal, alert_id, "resolve", comment)


@router.get("/alert-channels")
async def list_channels(
    principal: CurrentPrincipal,
    db: DbDep,
    organization_id: str | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.AlertChannelPublic]:
    """Alert channels; their URLs and secrets are never shown."""
    items, next_cursor = await channels_service.list_channels(
        db, principal, organization_id=organization_id, cursor=cursor, limit=limit
    )
    return Page(items=items, next_cursor=next_cursor)


@router.post("/alert-channels", status_code=201, **requires(Permission.ALERTS_MANAGE))
async def create_channel(
    data: schemas.AlertChannelCreate, principal: CurrentPrincipal, context: ContextDep
) -> schemas.AlertChannelCreated:
    """Add a webhook, Slack or email channel (Admin); a generated webhook signing secret is shown this once."""
    return await channels_service.create_channel(context.db, context.cipher, principal, data)


@router.get("/alert-channels/{channel_id}")
async def read_channel(channel_id: str, principal: CurrentPrincipal, db: DbDep) -> schemas.AlertChannelPublic:
    """One alert channel."""
    return await channels_service.read_channel(db, principal, channel_id)


@router.put("/alert-channels/{channel_id}", **requires(Permission.ALERTS_MANAGE))
async def update_channel(
    channel_id: str, data: schemas.AlertChannelUpdate, principal: CurrentPrincipal, context: ContextDep
) -> schemas.AlertChannelPublic:
    """Change a channel's name, URL, recipients or filters (Admin)."""
    return await channels_service.update_channel(context.db, context.cipher, principal, channel_id, data)


@router.delete("/alert-channels/{channel_id}", status_code=204, **requires(Permission.ALERTS_MANAGE))
async def delete_channel(channel_id: str, principal: CurrentPrincipal, db: DbDep) -> Response:
    """Delete a channel and its delivery log (Admin)."""
    await channels_service.delete_channel(db, principal, channel_id)
    return Response(status_code=204)


@router.post("/alert-channels/{channel_id}/test", **requires(Permission.ALERTS_MANAGE))
async def test_channel(channel_id: str, principal: CurrentPrincipal, context: ContextDep) -> schemas.DeliveryPublic:
    """Send a test message now and say what the other end answered (Admin)."""
    return await channels_service.test_channel(
        context.db, context.cipher, context.alerting.client, context.settings, principal, channel_id
    )


@router.get("/alert-channels/{channel_id}/deliveries")
async def list_deliveries(
    channel_id: str, principal: CurrentPrincipal, db: DbDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> Page[schemas.DeliveryPublic]:
    """What was sent to a channel, newest first, with attempts and the last answer."""
    items, next_cursor = await channels_service.list_deliveries(db, principal, channel_id, cursor=cursor, limit=limit)
    return Page(items=items, next_cursor=next_cursor)


@router.get("/attention")
async def read_attention(
    principal: CurrentPrincipal,
    context: ContextDep,
    organization_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100, description="How many of the most urgent problems.")] = 10,
) -> list[attention.AttentionItem]:
    """What needs someone now: open alerts, quarantined and offline agents, spend caps reached or past their soft
    limit, most urgent first, each with why."""
    return await attention.attention(context.db, context.alerting.budgets, principal, organization_id, limit)
