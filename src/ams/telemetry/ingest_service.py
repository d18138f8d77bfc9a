"""From decoded batches to durable rows: tenant, agent and cost filled in column by column, then the pipeline.

The caller is an API key: an agent key's rows all belong to its agent; a project key's rows name their agent
(registered on first sight when the settings allow). Nothing is acknowledged before the pipeline says the rows
are durable.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ams.auth.principal import Principal, PrincipalKind
from ams.auth.roles import Permission
from ams.errors import Forbidden, InvalidInput
from ams.governance.audit_service import Actor
from ams.telemetry.agent_resolver import AgentResolver, ResolvedAgent, UnknownAgent
from ams.telemetry.native import EVENT_COLUMNS, HEARTBEAT_COLUMNS, NativeBatch
from ams.telemetry.pipeline import IngestPipeline
from ams.telemetry.spans import SPAN_COLUMNS, SpanBatch

# Store column names in insert order: the decoded start/end times are microseconds, the store's *_us columns.
_RENAMED = {"start_time": "start_us", "end_time": "end_us", "ingested_at": "ingested_us"}
SPAN_STORE_COLUMNS = tuple(_RENAMED.get(name, name) for name in SPAN_COLUMNS)
EVENT_STORE_COLUMNS = ("organization_id", "project_id", "agent_id", *EVENT_COLUMNS[1:], "ingested_us")
HEARTBEAT_STORE_COLUMNS = ("organization_id", "project_id", "agent_id", *HEARTBEAT_COLUMNS[1:], "ingested_us")

# (providers, models, input, output, cached, span costs) -> (costs, sources), for one organization's prices.
Pricer = Callable[
    [list[str], list[str], list[int], list[int], list[int], list[float | None]], tuple[list[float], list[str]]
]


@dataclass(frozen=True)
class Written:
    spans: int
    events: int
    heartbeats: int


def ingest_target(principal: Principal) -> tuple[str, str]:
    """(organization, project) the caller writes telemetry into; only API keys may."""
    if principal.kind is PrincipalKind.USER or not principal.organization_id or not principal.project_id:
        raise Forbidden("telemetry is sent with a project key or an agent key, not a login token")
    if not principal.allows(Permission.TELEMETRY_WRITE, principal.organization_id):
        raise Forbidden(f"a {principal.key_role} key cannot send telemetry; use an agent_owner or admin key")
    return principal.organization_id, principal.project_id


class IngestService:
    def __init__(
        self,
        pipeline: IngestPipeline,
        resolver: AgentResolver,
        pricer_for: Callable[[str], Awaitable[Pricer]],
    ) -> None:
        self.pipeline = pipeline
        self.resolver = resolver
        self.pricer_for = pricer_for

    async def _agents(self, principal: Principal, org: str, project: str, refs: list[str]) -> list[ResolvedAgent]:
        if principal.kind is PrincipalKind.AGENT_KEY and principal.agent_id:
            own = await self.resolver.resolve(org, project, {principal.agent_id}, Actor.of(principal))
            return [own[principal.agent_id]] * len(refs)
        named = {ref for ref in refs if ref}
        try:
            resolved = await self.resolver.resolve(org, project, named, Actor.of(principal)) if named else {}
        except UnknownAgent as exc:
            raise InvalidInput.on("agent", str(exc)) from None
        unnamed = ResolvedAgent("", "")
        return [resolved[ref] if ref else unnamed for ref in refs]

    async def write_spans(self, principal: Principal, batch: SpanBatch) -> int:
        rows = len(batch)
        if not rows:
            return 0
        org, project = ingest_target(principal)
        agents = await self._agents(principal, org, project, batch.agent_ref)
        cols = batch.columns
        cols["organization_id"] = [org] * rows
        cols["project_id"] = [project] * rows
        cols["agent_id"] = [a.id for a in agents]
        # A span that does not say its version belongs to the version its agent serves now.
        cols["agent_version"] = [v or a.current_version for v, a in zip(cols["agent_version"], agents, strict=True)]
        pricer = await self.pricer_for(org)
        cols["cost_usd"], cols["cost_source"] = pricer(
            cols["provider"],
            cols["model"],
            cols["input_tokens"],
            cols["output_tokens"],
            cols["cached_input_tokens"],
            cols["cost_usd"],
        )
        cols["ingested_at"] = [int(time.time() * 1_000_000)] * rows
        await self.pipeline.write("spans", SPAN_STORE_COLUMNS, [cols[name] for name in SPAN_COLUMNS], rows)
        return rows

    async def write_native(self, principal: Principal, batch: NativeBatch) -> Written:
        spans = await self.write_spans(principal, batch.spans)
        events = await self._write_side(principal, "span_events", batch.events, EVENT_COLUMNS, EVENT_STORE_COLUMNS)
        beats = await self._write_side(
            principal, "heartbeats", batch.heartbeats, HEARTBEAT_COLUMNS, HEARTBEAT_STORE_COLUMNS
        )
        return Written(spans, events, beats)

    async def _write_side(
        self,
        principal: Principal,
        table: str,
        columns: dict[str, list[Any]],
        names: tuple[str, ...],
        store_names: tuple[str, ...],
    ) -> int:
        rows = len(columns["time_us"])
        if not rows:
            return 0
        org, project = ingest_target(principal)
        agents = await self._agents(principal, org, project, columns["agent_ref"])
        values: list[list[Any]] = [[org] * rows, [project] * rows, [a.id for a in agents]]
        values += [columns[name] for name in names[1:]]
        values.append([int(time.time() * 1_000_000)] * rows)
        await self.pipeline.write(table, store_names, values, rows)
        return rows
