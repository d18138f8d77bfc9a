"""Alert rules: create, read, list, update, delete; the built-in rules every organization gets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ams.alerts import schemas
from ams.alerts.models import AlertChannel, AlertRule
from ams.alerts.raising import Outbox, close_rule_alerts
from ams.alerts.rules import BASELINE_METRICS, BUILTIN_RULES, METRICS, Condition, ScopeType, check_rule
from ams.auth.models import Organization
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.auth.scoping import visible
from ams.auth.tenancy_service import default_organization
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Conflict, FieldError, InvalidInput, NotFound
from ams.governance.audit_service import Actor, diff, record
from ams.http.pagination import page_of, paginate, parse_sort
from ams.ids import new_id
from ams.telemetry.live import LiveHub

RULE_SORTS = {"name": AlertRule.name, "created_at": AlertRule.created_at, "severity": AlertRule.severity}


def rule_public(rule: AlertRule) -> schemas.AlertRulePublic:
    return schemas.AlertRulePublic(
        id=rule.id,
        organization_id=rule.organization_id,
        name=rule.name,
        description=rule.description,
        builtin=rule.builtin,
        metric=rule.metric,
        window=rule.window,
        scope=schemas.RuleScope(type=ScopeType(rule.scope_type), value=rule.scope_value),
        condition=Condition(rule.condition),
        threshold=rule.threshold,
        min_tasks=rule.min_tasks,
        severity=rule.severity,  # type: ignore[arg-type]
        category=rule.category,  # type: ignore[arg-type]
        interval_s=rule.interval_s,
        cooldown_s=rule.cooldown_s,
        channel_ids=list(rule.channel_ids),
        enabled=rule.enabled,
        created_at=rule.created_at,
        updated_at=rule.updated_at,
        last_evaluated_at=rule.last_evaluated_at,
    )


def _snapshot(rule: AlertRule) -> dict[str, Any]:
    return rule_public(rule).model_dump(mode="json", exclude={"last_evaluated_at", "updated_at", "created_at"})


def metrics() -> list[schemas.MetricPublic]:
    return [
        schemas.MetricPublic(
            name=m.name, subject=m.subject, unit=m.unit, description=m.description, deviation=m.name in BASELINE_METRICS
        )
        for m in METRICS.values()
    ]


async def ensure_builtin_rules(session: AsyncSession, organization_id: str | None = None) -> int:
    """Give every organization (or one) the built-in rules it does not have yet; return how many were added."""
    orgs = (
        select(Organization.id)
        if organization_id is None
        else select(Organization.id).where(Organization.id == organization_id)
    )
    have = select(AlertRule.organization_id, AlertRule.builtin).where(AlertRule.builtin.is_not(None))
    if organization_id is not None:
        have = have.where(AlertRule.organization_id == organization_id)
    existing = {(org, key) for org, key in await session.execute(have)}
    now = utcnow()
    added = 0
    for (org,) in await session.execute(orgs):
        for builtin in BUILTIN_RULES:
            if (org, builtin.key) in existing:
                continue
            try:
                async with session.begin_nested():  # another instance may add the same rule at the same time
                    session.add(
                        AlertRule(
                            id=new_id("arl"),
                            organization_id=org,
                            name=builtin.name,
                            description=builtin.description,
                            builtin=builtin.key,
                            metric=builtin.metric,
                            window=builtin.window,
                            scope_type=ScopeType.FLEET.value,
                            scope_value="",
                            condition=builtin.condition.value,
                            threshold=builtin.threshold,
                            min_tasks=builtin.min_tasks,
                            severity=builtin.severity.value,
                            category=builtin.category.value,
                            interval_s=builtin.interval_s,
                            cooldown_s=900,
                            channel_ids=[],
                            enabled=True,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                added += 1
            except IntegrityError:
                continue
    return added


def _check(rule: AlertRule) -> None:
    problems = check_rule(rule.metric, ScopeType(rule.scope_type), rule.scope_value, Condition(rule.condition))
    if problems:
        raise InvalidInput(
            "; ".join(f"{k}: {v}" for k, v in problems.items()),
            errors=[FieldError(k, v) for k, v in problems.items()],
        )


async def _check_channels(session: AsyncSession, organization_id: str, channel_ids: list[str]) -> None:
    if not channel_ids:
        return
    found = set(
        (
            await session.execute(
                select(AlertChannel.id).where(
                    AlertChannel.organization_id == organization_id, AlertChannel.id.in_(channel_ids)
                )
            )
        ).scalars()
    )
    missing = [c for c in channel_ids if c not in found]
    if missing:
        raise InvalidInput.on("channel_ids", f"no such channel in this organization: {', '.join(missing)}")


async def create_rule(db: Database, principal: Principal, data: schemas.AlertRuleCreate) -> schemas.AlertRulePublic:
    org = default_organization(principal, data.organization_id)
    principal.require(Permission.ALERTS_MANAGE, org, what="organization")
    now = utcnow()
    rule = AlertRule(
        id=new_id("arl"),
        organization_id=org,
        name=data.name,
        description=data.description,
        builtin=None,
        metric=data.metric,
        window=data.window,
        scope_type=data.scope.type.value,
        scope_value=data.scope.value,
        condition=data.condition.value,
        threshold=data.threshold,
        min_tasks=data.min_tasks,
        severity=data.severity.value,
        category=data.category.value,
        interval_s=data.interval_s,
        cooldown_s=data.cooldown_s,
        channel_ids=data.channel_ids,
        enabled=data.enabled,
        created_by=principal.user_id or principal.id,
        created_at=now,
        updated_at=now,
    )
    _check(rule)
    async with db.write() as session:
        if await session.get(Organization, org) is None:
            raise NotFound(f"organization {org} not found")
        await _check_channels(session, org, data.channel_ids)
        session.add(rule)
        await session.flush()
        await record(
            session, Actor.of(principal), organization_id=org, action="alert_rule.create",
            resource_type="alert_rule", resource_id=rule.id, summary={"after": _snapshot(rule)},
        )  # fmt: skip
        return rule_public(rule)


async def _visible_rule(session: AsyncSession, principal: Principal, rule_id: str) -> AlertRule:
    rule = await session.get(AlertRule, rule_id)
    if rule is None or not principal.can_see(rule.organization_id):
        raise NotFound(f"alert rule {rule_id} not found")
    return rule


async def read_rule(db: Database, principal: Principal, rule_id: str) -> schemas.AlertRulePublic:
    async with db.read() as session:
        return rule_public(await _visible_rule(session, principal, rule_id))


async def list_rules(
    db: Database,
    principal: Principal,
    *,
    organization_id: str | None,
    enabled: bool | None,
    metric: str | None,
    sort: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[schemas.AlertRulePublic], str | None]:
    if organization_id and not principal.can_see(organization_id):
        raise NotFound(f"organization {organization_id} not found")
    async with db.write() as session:  # the built-in rules appear with an organization's first look
        for org in [organization_id] if organization_id else principal.organization_ids() or []:
            await ensure_builtin_rules(session, org)
    name, column, descending = parse_sort(sort, RULE_SORTS, "name")
    query = select(AlertRule).where(visible(principal, AlertRule.organization_id))
    if organization_id:
        query = query.where(AlertRule.organization_id == organization_id)
    if enabled is not None:
        query = query.where(AlertRule.enabled == enabled)
    if metric:
        query = query.where(AlertRule.metric == metric)
    query = paginate(query, column, AlertRule.id, descending=descending, cursor=cursor, limit=limit)
    async with db.read() as session:
        rows = list((await session.execute(query)).scalars())
    page, next_cursor = page_of(rows, limit, name)
    return [rule_public(r) for r in page], next_cursor


async def update_rule(
    db: Database, live: LiveHub, principal: Principal, rule_id: str, data: schemas.AlertRuleUpdate
) -> schemas.AlertRulePublic:
    outbox = Outbox()
    async with db.write() as session:
        rule = await _visible_rule(session, principal, rule_id)
        principal.require(Permission.ALERTS_MANAGE, rule.organization_id, what="alert rule")
        before = _snapshot(rule)
        changes = data.model_dump(exclude_unset=True)
        if "scope" in changes and data.scope is not None:
            rule.scope_type, rule.scope_value = data.scope.type.value, data.scope.value
            del changes["scope"]
        if rule.builtin and "metric" in changes and changes["metric"] != rule.metric:
            raise InvalidInput.on("metric", "a built-in rule keeps its metric; create a rule of your own instead")
        for field, value in changes.items():
            setattr(rule, field, value.value if hasattr(value, "value") else value)
        _check(rule)
        await _check_channels(session, rule.organization_id, list(rule.channel_ids))
        rule.updated_at = utcnow()
        if before["enabled"] and not rule.enabled:
            await close_rule_alerts(session, outbox, rule.id, rule.updated_at, "the rule was disabled")
        await record(
            session, Actor.of(principal), organization_id=rule.organization_id, action="alert_rule.update",
            resource_type="alert_rule", resource_id=rule.id, summary=diff(before, _snapshot(rule)),
        )  # fmt: skip
        public = rule_public(rule)
    live.publish(outbox.events)
    return public


async def delete_rule(db: Database, live: LiveHub, principal: Principal, rule_id: str) -> None:
    outbox = Outbox()
    async with db.write() as session:
        rule = await _visible_rule(session, principal, rule_id)
        principal.require(Permission.ALERTS_MANAGE, rule.organization_id, what="alert rule")
        if rule.builtin:
            raise Conflict("a built-in rule cannot be deleted; disable it with enabled: false")
        await record(
            session, Actor.of(principal), organization_id=rule.organization_id, action="alert_rule.delete",
            resource_type="alert_rule", resource_id=rule.id, summary={"before": _snapshot(rule)},
        )  # fmt: skip
        # Its alerts outlive it (their rule_id becomes null), resolved: they are history now, not open problems.
        await close_rule_alerts(session, outbox, rule.id, utcnow(), "the rule was deleted")
        await session.delete(rule)
    live.publish(outbox.events)
