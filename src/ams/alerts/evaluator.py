"""The alert evaluator: each round judges the rules that are due, organization by organization, and opens,
refreshes or resolves their alerts in one transaction per organization."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from ams.alerts.evaluation import OpenAlert, RuleSpec, Verdict, dedup_key, evaluate, reconcile
from ams.alerts.evidence import example_calls, example_traces
from ams.alerts.lifecycle import OPEN
from ams.alerts.models import Alert, AlertRule
from ams.alerts.observations import ObservationSource
from ams.alerts.raising import Firing, Outbox, announce, close_alert, open_alert, open_alerts
from ams.alerts.rules import Condition, Severity
from ams.alerts.rules_service import ensure_builtin_rules
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.governance.cap_usage import Budgets
from ams.jobs.daemon import PeriodicJob
from ams.telemetry.live import LiveHub
from ams.telemetry.rollups import Rollups
from ams.telemetry.store import TelemetryStore

log = logging.getLogger(__name__)
# New alerts whose example traces are looked up in one round. The lookups are one query per kind of example and
# window, whatever the number of agents; the bound keeps a storm's agent lists short.
MAX_EVIDENCE_LOOKUPS = 100


@dataclass(frozen=True)
class RoundReport:
    rules: int
    breaches: int
    opened: int
    resolved: int

    def __str__(self) -> str:
        return f"{self.rules} rules judged, {self.breaches} breaches, {self.opened} opened, {self.resolved} resolved"


class AlertEvaluator:
    def __init__(
        self, db: Database, store: TelemetryStore, rollups: Rollups, live: LiveHub, budgets: Budgets | None = None
    ) -> None:
        self.db, self.store, self.rollups, self.live, self.budgets = db, store, rollups, live, budgets

    async def run_round(
        self, now: datetime | None = None, *, all_rules: bool = False, organization_id: str | None = None
    ) -> RoundReport:
        """Judge every enabled rule that is due (or every enabled rule, with `all_rules`), of every organization
        or of one."""
        now = now or utcnow()
        async with self.db.write() as session:
            await ensure_builtin_rules(session, organization_id)
        rules = await self._due_rules(now, all_rules, organization_id)
        by_org: dict[str, list[AlertRule]] = defaultdict(list)
        for rule in rules:
            by_org[rule.organization_id].append(rule)
        totals = [0, 0, 0]
        for org, org_rules in by_org.items():
            try:
                breaches, opened, resolved = await self._judge_organization(org, org_rules, now)
            except Exception:  # one organization's failure must not stop the others' alerts
                log.exception("alert evaluation failed for organization %s", org)
                continue
            totals[0] += breaches
            totals[1] += opened
            totals[2] += resolved
        return RoundReport(len(rules), *totals)

    async def _due_rules(self, now: datetime, all_rules: bool, organization_id: str | None) -> list[AlertRule]:
        query = select(AlertRule).where(AlertRule.enabled)
        if organization_id is not None:
            query = query.where(AlertRule.organization_id == organization_id)
        async with self.db.read() as session:
            rules = list((await session.execute(query)).scalars())
        if all_rules:
            return rules
        return [
            r
            for r in rules
            if r.last_evaluated_at is None or r.last_evaluated_at + timedelta(seconds=r.interval_s) <= now
        ]

    async def _judge_organization(self, org: str, rules: list[AlertRule], now: datetime) -> tuple[int, int, int]:
        source = ObservationSource(self.db, self.store, self.rollups, org, now, self.budgets)
        await source.load(rules)
        source.prefetch(rules)
        breaches: list[Verdict] = []
        try:
            for rule in rules:
                spec = RuleSpec(
                    rule.id, rule.metric, Condition(rule.condition), rule.threshold, rule.min_tasks, rule.cooldown_s
                )
                breaches += evaluate(spec, await source.observe(rule))
        finally:
            source.close()
        by_id = {rule.id: rule for rule in rules}
        # Plan with reads only; the write transaction then holds its lock for writes alone.
        async with self.db.read() as session:
            open_rows = {
                row.dedup_key: row
                for row in await session.execute(
                    select(Alert.dedup_key, Alert.id, Alert.severity, Alert.value).where(
                        Alert.organization_id == org, Alert.rule_id.in_(list(by_id)), Alert.status.in_(OPEN)
                    )
                )
            }
            fresh_keys = [v.dedup_key for v in breaches if v.dedup_key not in open_rows]
            resolved_at = await _last_resolutions(session, org, fresh_keys)
        plan = reconcile(
            breaches,
            {key: OpenAlert(row.id, key) for key, row in open_rows.items()},
            resolved_at,
            {rule.id: rule.cooldown_s for rule in rules},
            now,
            evaluated_rules=set(by_id),
        )
        evidence = await self._evidence(org, plan.to_open, by_id, source)
        outbox = Outbox()
        async with self.db.write() as session:
            # Another round (an evaluate-now beside the daemon) may have opened some meanwhile.
            opened_meanwhile = await open_alerts(session, org, [v.dedup_key for v in plan.to_open])
            for verdict in plan.to_open:
                if verdict.dedup_key in opened_meanwhile:
                    continue
                rule = by_id[verdict.rule_id]
                firing = _firing(org, rule, verdict, evidence.get(verdict.dedup_key, {}))
                # No flush per alert: the ids are made here, and the unit of work inserts alerts before their
                # deliveries, thousands at a time, when the transaction commits.
                alert = open_alert(session, firing, now)
                await announce(session, outbox, alert, "fired", now, rule.channel_ids)
            if plan.to_refresh:
                # Thousands of alerts may stay open round after round: one statement counts them all, and only the
                # ones whose value moved are rewritten.
                await session.execute(
                    update(Alert)
                    .where(Alert.id.in_([current.id for current, _ in plan.to_refresh]))
                    .values(fire_count=Alert.fire_count + 1, last_fired_at=now)
                    .execution_options(synchronize_session=False)
                )
                moved = [
                    {"id": current.id, "value": verdict.observation.value,
                     "summary": _firing(org, by_id[verdict.rule_id], verdict, {}).summary}
                    for current, verdict in plan.to_refresh
                    if _moved(open_rows[current.dedup_key].value, verdict.observation.value)
                ]  # fmt: skip
                if moved:
                    await session.execute(update(Alert), moved)
            for current, verdict in plan.to_refresh:
                rule = by_id[verdict.rule_id]
                # The rule was made more severe while its alert was open: that is news for the channels.
                if Severity(rule.severity).rank > Severity(open_rows[current.dedup_key].severity).rank:
                    worse = await session.get(Alert, current.id)
                    if worse is not None:
                        worse.severity = rule.severity
                        await announce(session, outbox, worse, "escalated", now, rule.channel_ids)
            for current, why in plan.to_resolve:
                cleared = await session.get(Alert, current.id)
                if cleared is None:
                    continue
                close_alert(cleared, now, "system", why)
                await announce(session, outbox, cleared, "resolved", now, by_id[cleared.rule_id or ""].channel_ids)
            await session.execute(update(AlertRule).where(AlertRule.id.in_(list(by_id))).values(last_evaluated_at=now))
        if outbox.events:
            self.live.publish(outbox.events)
        return len(breaches), len(plan.to_open), len(plan.to_resolve)

    async def _evidence(
        self, org: str, opening: list[Verdict], rules: dict[str, AlertRule], source: ObservationSource
    ) -> dict[str, dict[str, Any]]:
        """Example traces for the agent, provider and model alerts this round opens (bounded)."""
        chosen = [
            (v.dedup_key, (v.observation.agent_id, rules[v.rule_id].metric, source.window(rules[v.rule_id])))
            for v in opening
            if v.observation.agent_id
        ][:MAX_EVIDENCE_LOOKUPS]
        calls = [
            (
                v.dedup_key,
                (seen.subject_type, seen.subject_id, rules[v.rule_id].metric, source.window(rules[v.rule_id])),
            )
            for v in opening
            for seen in (v.observation,)
            if seen.subject_type in ("provider", "model")
        ][:MAX_EVIDENCE_LOOKUPS]
        examples = await example_traces(self.store, org, [wanted for _, wanted in chosen])
        call_examples = await example_calls(self.store, org, [wanted for _, wanted in calls]) if calls else {}
        return {key: {"example_traces": examples[wanted]} for key, wanted in chosen} | {
            key: {"example_traces": call_examples[wanted]} for key, wanted in calls
        }


async def _last_resolutions(session: Any, org: str, keys: list[str]) -> dict[str, datetime]:
    if not keys:
        return {}
    rows = await session.execute(
        select(Alert.dedup_key, func.max(Alert.resolved_at))
        .where(Alert.organization_id == org, Alert.dedup_key.in_(keys), Alert.resolved_at.is_not(None))
        .group_by(Alert.dedup_key)
    )
    return {key: at for key, at in rows if at is not None}


def _moved(before: float | None, after: float | None) -> bool:
    """Whether an open alert's value changed enough to rewrite it (1%)."""
    if before is None or after is None:
        return before != after
    return abs(after - before) > 0.01 * max(abs(before), 1e-12)


def _firing(org: str, rule: AlertRule, verdict: Verdict, evidence: dict[str, Any]) -> Firing:
    seen = verdict.observation
    label = seen.label or seen.subject_id
    return Firing(
        organization_id=org,
        source=rule.id,
        dedup_key=dedup_key(rule.id, seen.subject_type, seen.subject_id),
        subject_type=seen.subject_type,
        subject_id=seen.subject_id,
        severity=rule.severity,
        category=rule.category,
        title=f"{rule.name}: {label}",
        summary=_summary(rule, verdict),
        project_id=seen.project_id,
        agent_id=seen.agent_id,
        rule_id=rule.id,
        value=seen.value,
        threshold=rule.threshold,
        evidence={
            "subject_label": label,
            "metric": rule.metric,
            "window": rule.window,
            "condition": rule.condition,
            "value": seen.value,
            "previous": seen.previous,
            "baseline": list(seen.baseline) if seen.baseline else None,
            "tasks": seen.tasks,
            **evidence,
        },
        channel_ids=list(rule.channel_ids),
    )


def _summary(rule: AlertRule, verdict: Verdict) -> str:
    seen = verdict.observation
    if seen.subject_type == "spend_cap":  # a cap counts over its own period, not the rule's window
        return f"{seen.label}: {seen.detail}; {verdict.why}."
    return f"{rule.metric} over {rule.window}: {verdict.why}."


class AlertEvaluatorJob(PeriodicJob):
    name = "alerts.evaluator"
    interval = timedelta(seconds=15)

    def __init__(self, db: Database, evaluator: AlertEvaluator, interval_s: float) -> None:
        super().__init__(db)
        self.evaluator = evaluator
        self.interval = timedelta(seconds=interval_s)

    async def run_once(self) -> str:
        return str(await self.evaluator.run_round())
