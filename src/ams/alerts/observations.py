"""The values alert rules are judged on, gathered for one organization and many rules at once.

A round of evaluation reads each kind of figure once per window however many rules need it: the fleet's KPIs
per agent (the analytics service, so rollups serve long windows), per provider and model, heartbeat means,
the costliest tasks, what agents report as waiting. Rules then only pick and compare; 500 rules over 1,000
agents cost a handful of queries, not 500.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import anyio
from sqlalchemy import select

from ams.agents.models import Agent, AgentTag
from ams.alerts import queries
from ams.alerts.budget_observations import cap_observations
from ams.alerts.evaluation import AgentInfo, Observation
from ams.alerts.models import AlertRule
from ams.alerts.rules import CUSTOM_PREFIX, Condition, ScopeType, Subject, metric, window_baseline
from ams.analytics import service as analytics
from ams.analytics import usage_service
from ams.analytics.scope import Scope
from ams.analytics.windows import Window, parse_window
from ams.db.engine import Database
from ams.governance.cap_usage import Budgets, CapUse
from ams.surveillance.baseline import STD_FLOOR
from ams.surveillance.learning import BUCKET
from ams.surveillance.models import AgentBaseline
from ams.telemetry.rollups import TASK_COST_HOURS, Rollups
from ams.telemetry.store import TelemetryStore

_HEARTBEAT_FIELDS = ("cpu_percent", "memory_percent", "memory_mb", "active_tasks")
# Reads of a round in flight at once. Each query already spreads over the cores; on two cores, two at a time gave
# the fastest rounds (benchmarks/alerts.py: 1.24 s, against 1.28 s with 3 or 4, 1.67 s with 1, 1.9 s with all ~36).
PREFETCH_CONCURRENCY = 2


class ObservationSource:
    """Reads figures for one organization at one moment; `observe(rule)` gives a rule its observations."""

    def __init__(
        self,
        db: Database,
        store: TelemetryStore,
        rollups: Rollups,
        organization_id: str,
        now: datetime,
        budgets: Budgets | None = None,
    ) -> None:
        self.db, self.store, self.rollups, self.budgets = db, store, rollups, budgets
        self.organization_id = organization_id
        self.now = now
        self.agents: dict[str, AgentInfo] = {}
        self.baselines: dict[str, dict[str, Any]] = {}
        # Each figure is read once per round, by a task every rule that needs it awaits: the reads run on worker
        # threads (a few at a time) while the rules whose figures have arrived are judged.
        self._reads: dict[tuple[str, datetime, datetime], asyncio.Task[Any]] = {}
        self._gate = asyncio.Semaphore(PREFETCH_CONCURRENCY)
        self._values: dict[tuple[str, datetime, datetime], dict[str, tuple[float | None, int | None]]] = {}
        # Custom heartbeat metrics each window's heartbeat read must include.
        self._customs: dict[tuple[datetime, datetime], list[str]] = defaultdict(list)
        # Rules that differ only in condition, threshold or severity share their observations.
        self._observed: dict[tuple[str, str, str, str, bool, bool], list[Observation]] = {}

    async def load(self, rules: list[AlertRule]) -> None:
        """Read the organization's agents (and baselines when a rule needs them), and learn which custom heartbeat
        metrics each window needs, so that one query per window reads them all."""
        async with self.db.read() as session:
            # Columns, not entities: thousands of agents a round, and none of their relations.
            mine = Agent.organization_id == self.organization_id
            tags: dict[str, set[str]] = defaultdict(set)
            for agent_id, tag in await session.execute(select(AgentTag.agent_id, AgentTag.tag).join(Agent).where(mine)):
                tags[agent_id].add(tag)
            rows = await session.execute(
                select(Agent.id, Agent.name, Agent.project_id, Agent.lifecycle_state, Agent.health).where(mine)
            )
            self.agents = {
                a.id: AgentInfo(
                    a.id,
                    a.name,
                    a.project_id,
                    frozenset(tags.get(a.id, ())),
                    a.lifecycle_state == "active" and a.health != "offline",
                )
                for a in rows
            }
            if any(r.condition == Condition.DEVIATION for r in rules):
                baselines = await session.execute(
                    select(AgentBaseline.agent_id, AgentBaseline.stats).where(
                        AgentBaseline.organization_id == self.organization_id
                    )
                )
                self.baselines = {row.agent_id: row.stats for row in baselines}
        for rule in rules:
            if rule.metric.startswith(CUSTOM_PREFIX):
                customs = self._customs[self._key(self.window(rule))]
                if rule.metric not in customs:
                    customs.append(rule.metric)

    def window(self, rule: AlertRule) -> Window:
        return parse_window(rule.window, None, None, now=self.now)

    def _day(self) -> Window:
        return Window(self.now - timedelta(days=1), self.now)

    def prefetch(self, rules: list[AlertRule]) -> None:
        """Start reading every figure the rules will ask for, in the rules' order, so that judging them in that
        order finds each rule's figures arrived or next in line. Reads run in the background until `close`."""
        for rule in rules:
            found = metric(rule.metric)
            if found is None:
                continue
            windows = [self.window(rule)]
            if rule.condition in (Condition.CHANGE_ABOVE, Condition.CHANGE_BELOW):
                windows.append(windows[0].previous())
            if found.subject is Subject.SPEND_CAP:
                self._read("budgets", self._day(), self._read_budgets)
                continue
            for window in windows:
                if found.subject in (Subject.PROVIDER, Subject.MODEL):
                    self._read("providers", window, self._read_providers)
                elif rule.metric in _HEARTBEAT_FIELDS or rule.metric.startswith(CUSTOM_PREFIX):
                    self._read("heartbeats", window, self._read_heartbeats)
                elif rule.metric == "tasks_waiting_unserved":
                    self._read("waiting", window, self._read_waiting)
                else:
                    self._read("kpis", window, self._read_kpis)
                    if rule.metric == "cost_spike":
                        self._read("costliest", window, self._read_costliest)
                        self._read("kpis", self._day(), self._read_kpis)

    def close(self) -> None:
        """Cancel the reads nobody awaited (a round that failed half-way)."""
        for task in self._reads.values():
            task.cancel()

    def _read(self, kind: str, window: Window, read: Callable[[Window], Awaitable[Any]]) -> asyncio.Task[Any]:
        """The task reading one kind of figure over one window, started at the first ask."""
        key = (kind, window.since, window.until)
        task = self._reads.get(key)
        if task is None:

            async def limited() -> Any:
                # A few at a time: each query already uses every core, and dozens at once only fight over them.
                async with self._gate:
                    return await read(window)

            task = self._reads[key] = asyncio.ensure_future(limited())
        return task

    @staticmethod
    def _key(window: Window) -> tuple[datetime, datetime]:
        return (window.since, window.until)

    def scope_agents(self, rule: AlertRule) -> list[AgentInfo]:
        kind, value = ScopeType(rule.scope_type), rule.scope_value
        agents = self.agents.values()
        if kind is ScopeType.PROJECT:
            return [a for a in agents if a.project_id == value]
        if kind is ScopeType.AGENT:
            return [a for a in agents if value in (a.id, a.name)]
        if kind is ScopeType.TAG:
            return [a for a in agents if value in a.tags]
        return list(agents)

    async def observe(self, rule: AlertRule) -> list[Observation]:
        changes = rule.condition in (Condition.CHANGE_ABOVE, Condition.CHANGE_BELOW)
        key = (
            rule.metric,
            rule.window,
            rule.scope_type,
            rule.scope_value,
            changes,
            rule.condition == Condition.DEVIATION,
        )
        if key not in self._observed:
            self._observed[key] = await self._observe(rule, changes)
        return self._observed[key]

    async def _observe(self, rule: AlertRule, changes: bool) -> list[Observation]:
        found = metric(rule.metric)
        if found is None:
            return []
        window = self.window(rule)
        if found.subject is Subject.AGENT:
            now = await self._agent_values(rule.metric, window)
            before = await self._agent_values(rule.metric, window.previous()) if changes else {}
            deviation = rule.condition == Condition.DEVIATION
            # Agents with nothing in the window breach nothing: they get no observation (and an open alert of
            # theirs resolves, as nothing breached it).
            return [
                Observation(
                    "agent",
                    a.id,
                    value,
                    label=a.name,
                    agent_id=a.id,
                    project_id=a.project_id,
                    tasks=tasks,
                    previous=before.get(a.id, (None, None))[0],
                    baseline=self._baseline(a.id, rule.metric, window) if deviation else None,
                )
                for a in self.scope_agents(rule)
                if a.id in now
                for value, tasks in (now[a.id],)
            ]
        if found.subject in (Subject.PROVIDER, Subject.MODEL):
            return await self._provider_observations(rule, window, changes)
        if found.subject is Subject.SPEND_CAP:
            return await self._cap_observations(rule)
        return await self._scope_observations(rule, window, changes)

    def _baseline(self, agent_id: str, name: str, window: Window) -> tuple[float, float] | None:
        stats = self.baselines.get(agent_id, {}).get(name)
        if not stats:
            return None
        minutes = window.hours * 60
        return window_baseline(
            name, float(stats["mean"]), float(stats["std"]), STD_FLOOR[name], BUCKET.total_seconds() / 60, minutes
        )

    async def _agent_values(self, name: str, window: Window) -> dict[str, tuple[float | None, int | None]]:
        """Agent id -> (value, tasks behind it); worked out once per metric and window, whatever the scopes."""
        key = (name, window.since, window.until)
        if key not in self._values:
            self._values[key] = await self._read_agent_values(name, window)
        return self._values[key]

    async def _read_agent_values(self, name: str, window: Window) -> dict[str, tuple[float | None, int | None]]:
        if name in _HEARTBEAT_FIELDS or name.startswith(CUSTOM_PREFIX):
            beats = await self._heartbeats(window)
            column = name if name in _HEARTBEAT_FIELDS else f"m{self._customs[self._key(window)].index(name)}"
            return {agent: (row[column], row["beats"]) for agent, row in beats.items()}
        kpis = await self._kpis(window)
        if name == "cost_spike":
            return await self._cost_spikes(window, kpis)
        return {agent: (_kpi_value(k, name), k["tasks"]) for agent, k in kpis.items()}

    async def _kpis(self, window: Window) -> dict[str, dict[str, Any]]:
        kpis: dict[str, dict[str, Any]] = await self._read("kpis", window, self._read_kpis)
        return kpis

    async def _read_kpis(self, window: Window) -> dict[str, dict[str, Any]]:
        return await analytics.kpis_by_agent(self.store, self.rollups, Scope(self.organization_id), window)

    async def _heartbeats(self, window: Window) -> dict[str, dict[str, Any]]:
        beats: dict[str, dict[str, Any]] = await self._read("heartbeats", window, self._read_heartbeats)
        return beats

    async def _read_heartbeats(self, window: Window) -> dict[str, dict[str, Any]]:
        customs = self._customs[self._key(window)]
        params: dict[str, Any] = {"org": self.organization_id, "since": window.since, "until": window.until}
        params |= {f"m{i}": name.removeprefix(CUSTOM_PREFIX) for i, name in enumerate(customs)}
        result = await self._run(queries.heartbeat_means(len(customs)), params)
        return {row["agent_id"]: row for row in result}

    async def _cost_spikes(
        self, window: Window, kpis: dict[str, dict[str, Any]]
    ) -> dict[str, tuple[float | None, int | None]]:
        costliest: dict[str, dict[str, Any]] = await self._read("costliest", window, self._read_costliest)
        # The usual task is the mean of the last 24 hours: the figures 24-hour rules (daily spend) read anyway.
        usual = await self._kpis(self._day())
        values: dict[str, tuple[float | None, int | None]] = {}
        for agent, row in costliest.items():
            mean = usual[agent]["cost_per_task"] if agent in usual else None
            values[agent] = (row["max_cost"] / mean if mean else None, kpis[agent]["tasks"] if agent in kpis else None)
        return values

    async def _read_costliest(self, window: Window) -> dict[str, dict[str, Any]]:
        params = {"org": self.organization_id, "since": window.since, "until": window.until}
        plan = await self.rollups.plan(window, TASK_COST_HOURS)
        sql = queries.COSTLIEST_TASKS
        if plan.uses_rollups:
            sql = queries.COSTLIEST_TASKS_ROLLED
            params |= {"rollup_from": plan.rollup_from, "rollup_to": plan.rollup_to}
        return {row["agent_id"]: row for row in await self._run(sql, params)}

    async def _providers(self, window: Window) -> list[Any]:
        providers: list[Any] = await self._read("providers", window, self._read_providers)
        return providers

    async def _read_providers(self, window: Window) -> list[Any]:
        return (await usage_service.providers(self.store, self.rollups, Scope(self.organization_id), window)).items

    async def _waiting(self, window: Window) -> dict[str, float]:
        waiting: dict[str, float] = await self._read("waiting", window, self._read_waiting)
        return waiting

    async def _read_waiting(self, window: Window) -> dict[str, float]:
        params = {"org": self.organization_id, "since": window.since, "until": window.until}
        return {row["agent_id"]: row["waiting"] for row in await self._run(queries.TASKS_WAITING, params)}

    async def _provider_observations(self, rule: AlertRule, window: Window, changes: bool) -> list[Observation]:
        per_model = metric(rule.metric).subject is Subject.MODEL  # type: ignore[union-attr]
        now = await self._provider_values(rule.metric, window, per_model)
        before = await self._provider_values(rule.metric, window.previous(), per_model) if changes else {}
        kind, value = ScopeType(rule.scope_type), rule.scope_value
        observations = []
        for key, (figure, calls) in now.items():
            provider, _, model = key.partition("/")
            if kind is ScopeType.PROVIDER and provider != value or kind is ScopeType.MODEL and model != value:
                continue
            observations.append(
                Observation(
                    "model" if per_model else "provider",
                    key,
                    figure,
                    label=key,
                    tasks=calls,
                    previous=before.get(key, (None, None))[0],
                )
            )
        return observations

    async def _provider_values(
        self, name: str, window: Window, per_model: bool
    ) -> dict[str, tuple[float | None, int | None]]:
        groups: dict[str, list[Any]] = defaultdict(list)
        for row in await self._providers(window):
            groups[f"{row.provider}/{row.model}" if per_model else row.provider].append(row)
        values: dict[str, tuple[float | None, int | None]] = {}
        for key, rows in groups.items():
            calls = sum(r.calls for r in rows)
            if name.endswith("error_rate"):
                values[key] = (sum(r.errors for r in rows) / calls if calls else None, calls)
            else:  # a provider's p95 is its slowest model's: percentiles do not add up across models
                p95s = [r.latency_ms.p95 for r in rows if r.latency_ms.p95 is not None]
                values[key] = (max(p95s) if p95s else None, calls)
        return values

    async def _scope_observations(self, rule: AlertRule, window: Window, changes: bool) -> list[Observation]:
        agents = self.scope_agents(rule)
        subject = rule.scope_value or self.organization_id
        project = agents[0].project_id if rule.scope_type == ScopeType.PROJECT and agents else None
        if rule.metric == "spend_usd":
            value = await self._spend(agents, window)
            previous = await self._spend(agents, window.previous()) if changes else None
            return [Observation(rule.scope_type, subject, value, label=subject, project_id=project, previous=previous)]
        waiting_by_agent = await self._waiting(window)
        waiting = sum(waiting_by_agent.get(a.id, 0.0) for a in agents)
        unserved = 0.0 if any(a.serving for a in agents) else waiting
        return [Observation(rule.scope_type, subject, unserved, label=subject, project_id=project)]

    async def _read_budgets(self, window: Window) -> list[CapUse]:
        if self.budgets is None:  # an evaluator built without governance (some tests) watches no budgets
            return []
        ids = {a.id: a.id for a in self.agents.values()} | {a.name: a.id for a in self.agents.values()}
        return await self.budgets.usage(self.organization_id, ids, self.now)

    async def _cap_observations(self, rule: AlertRule) -> list[Observation]:
        caps: list[CapUse] = await self._read("budgets", self._day(), self._read_budgets)
        return cap_observations(caps, ScopeType(rule.scope_type), rule.scope_value, self.agents)

    async def _spend(self, agents: list[AgentInfo], window: Window) -> float:
        kpis = await self._kpis(window)
        return sum(kpis[a.id]["cost_usd"] for a in agents if a.id in kpis)

    async def _run(self, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        result = await anyio.to_thread.run_sync(self.store.query, sql, params)
        return result.dicts()


def _kpi_value(k: dict[str, Any], name: str) -> float | None:
    if name.startswith("latency_"):
        latency: float | None = k["latency_ms"][name.removeprefix("latency_")]
        return latency
    if name == "tokens":
        return float(k["input_tokens"] + k["output_tokens"])
    value = k[name]
    return None if value is None else float(value)
