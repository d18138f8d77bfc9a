"""What governance decides from, held in memory on every instance: each organization's policies (compiled), the
facts about agents that scopes read (project, tags, lifecycle state), and the emergency stops in force.

A commit that changes a policy, an agent or a stop drops the stale entry here at once (`forget_changed`, a
`Database` commit listener) and tells the other instances through the shared-state broadcast; stops are then
re-read from the database, and also every few seconds in case a broadcast was missed. So a stop made on one
instance holds on every instance within a second, and a cache entry outlives a change only by its TTL when a
message is lost.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ams.agents.models import Agent, AgentTag
from ams.db.engine import Changes, Database
from ams.governance.estop import Stop, StopScope, first_covering
from ams.governance.models import EmergencyStop, Policy
from ams.governance.policy import AgentFacts, applies
from ams.governance.policy import Policy as CompiledPolicy
from ams.governance.policy_schemas import compile_policy
from ams.refreshing_cache import RefreshingCache
from ams.shared_state import SharedState
from ams.telemetry.live import LiveHub

log = logging.getLogger(__name__)
CHANNEL = "governance"
CACHE_TTL_S = 30.0
STOPS_REFRESH_S = 5.0


@dataclass(frozen=True)
class AgentState:
    facts: AgentFacts
    organization_id: str
    lifecycle_state: str
    owner_id: str | None


class GovernanceState:
    def __init__(self, db: Database, shared: SharedState, live: LiveHub) -> None:
        self.db, self.shared, self.live = db, shared, live
        self._policies: RefreshingCache[str, list[CompiledPolicy]] = RefreshingCache(CACHE_TTL_S, "policies")
        self._agents: RefreshingCache[str, AgentState] = RefreshingCache(CACHE_TTL_S, "an agent's facts")
        # Per agent: (the organization's policy list it was drawn from, the agent's facts, the policies in scope).
        self._scoped: dict[str, tuple[list[CompiledPolicy], AgentFacts, list[CompiledPolicy]]] = {}
        self._stops: dict[str, list[Stop]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._refresher: asyncio.Task[None] | None = None
        self._unsubscribe = shared.subscribe(CHANNEL, self._on_message)

    async def start(self) -> None:
        await self.reload_stops()
        self._refresher = asyncio.create_task(self._refresh_stops(), name="governance:stops")

    async def stop(self) -> None:
        self._unsubscribe()
        if self._refresher is not None:
            self._refresher.cancel()
            try:
                await self._refresher
            except asyncio.CancelledError:
                pass
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    # Policies and agents

    async def policies(self, organization_id: str) -> list[CompiledPolicy]:
        policies = await self._policies.get(organization_id, lambda: self._load_policies(organization_id))
        assert policies is not None  # an organization without policies has an empty list
        return policies

    async def _load_policies(self, organization_id: str) -> list[CompiledPolicy]:
        async with self.db.read() as session:
            rows = await session.execute(
                select(Policy).where(Policy.organization_id == organization_id, Policy.enabled)
            )
            return [
                compile_policy(p.id, p.name, p.version, p.scope_type, p.scope_value, p.rules) for p in rows.scalars()
            ]

    async def policies_for(self, agent: AgentState) -> list[CompiledPolicy]:
        """The policies whose scope takes in the agent: a fleet's hundreds of policies weighed once per change,
        not on every decision."""
        policies = await self.policies(agent.organization_id)
        cached = self._scoped.get(agent.facts.id)
        if cached is not None and cached[0] is policies and cached[1] == agent.facts:
            return cached[2]
        scoped = [p for p in policies if applies(p, agent.facts)]
        self._scoped[agent.facts.id] = (policies, agent.facts, scoped)
        return scoped

    async def agent(self, agent_id: str) -> AgentState | None:
        return await self._agents.get(agent_id, lambda: self._load_agent(agent_id))

    async def _load_agent(self, agent_id: str) -> AgentState | None:
        async with self.db.read() as session:
            agent = await session.get(Agent, agent_id)
            if agent is None:
                return None
            facts = AgentFacts(agent.id, agent.name, agent.project_id, frozenset(agent.tags))
            return AgentState(facts, agent.organization_id, agent.lifecycle_state, agent.owner_id)

    def cached_agent(self, agent_id: str) -> AgentState | None:
        """What is in memory of an agent, however old (for checks that must not wait: a stream's chunks)."""
        return self._agents.peek(agent_id)

    # Emergency stops

    def stops(self, organization_id: str) -> list[Stop]:
        return self._stops.get(organization_id, [])

    def all_stops(self) -> list[Stop]:
        return [stop for stops in self._stops.values() for stop in stops]

    def stop_for(self, organization_id: str, facts: AgentFacts) -> Stop | None:
        stops = self._stops.get(organization_id)
        if not stops:
            return None
        return first_covering(stops, facts.id, facts.name, facts.project_id, facts.tags)

    async def stop_covering(self, agent_id: str) -> Stop | None:
        agent = await self.agent(agent_id)
        return None if agent is None else self.stop_for(agent.organization_id, agent.facts)

    async def reload_stops(self, organization_id: str | None = None) -> None:
        query = select(EmergencyStop).where(EmergencyStop.released_at.is_(None))
        if organization_id is not None:
            query = query.where(EmergencyStop.organization_id == organization_id)
        async with self.db.read() as session:
            rows = list((await session.execute(query)).scalars())
        found: dict[str, list[Stop]] = {}
        for row in rows:
            found.setdefault(row.organization_id, []).append(
                Stop(
                    row.id,
                    row.organization_id,
                    StopScope(row.scope),
                    row.target,
                    row.reason,
                    row.created_by,
                    row.created_at,
                )  # fmt: skip
            )
        if organization_id is None:
            self._stops = found
        else:
            self._stops[organization_id] = found.get(organization_id, [])

    async def _refresh_stops(self) -> None:
        while True:
            await asyncio.sleep(STOPS_REFRESH_S)
            try:
                await self.reload_stops()
            except Exception:  # the database may be away a moment; the broadcast still works meanwhile
                log.exception("re-reading the emergency stops failed")

    # Changes

    def forget_changed(self, changes: Changes) -> None:
        """A commit listener: drop what a commit made stale here, and tell the other instances."""
        messages: set[str] = set()
        for instance in (*changes.written, *changes.deleted):
            if isinstance(instance, Policy):
                messages.add(f"policies:{instance.organization_id}")
            elif isinstance(instance, Agent):
                messages.add(f"agent:{instance.id}")
                # The agent's own SDK listens for its state (a pause is a kill switch too).
                state = (instance.organization_id, instance.project_id, instance.id, instance.lifecycle_state)
                messages.add("state:" + "|".join(state))
            elif isinstance(instance, AgentTag):
                messages.add(f"agent:{instance.agent_id}")
            elif isinstance(instance, EmergencyStop):
                messages.add(f"stops:{instance.organization_id}")
        if messages:
            self._spawn(self._announce(messages))

    async def _announce(self, messages: set[str]) -> None:
        for message in sorted(messages):
            await self._apply(message)
            try:
                await self.shared.publish(CHANNEL, message.encode())
            except Exception:
                log.exception("announcing %s to the other instances failed", message)

    def _on_message(self, message: bytes) -> None:
        self._spawn(self._apply(message.decode()))

    async def _apply(self, message: str) -> None:
        what, _, ident = message.partition(":")
        if what == "policies":
            self._policies.forget(ident)
        elif what == "agent":
            self._agents.forget(ident)
            self._scoped.pop(ident, None)
        elif what == "state":
            organization_id, project_id, agent_id, lifecycle_state = ident.split("|")
            self.live.publish([{
                "type": "agent_state", "organization_id": organization_id, "project_id": project_id,
                "agent_id": agent_id, "lifecycle_state": lifecycle_state,
            }])  # fmt: skip
        elif what == "stops":
            before = {s.id for s in self.stops(ident)}
            await self.reload_stops(ident)
            after = {s.id for s in self.stops(ident)}
            if before != after:
                self.live.publish([_stop_event(ident, self.stops(ident))])

    def _spawn(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _stop_event(organization_id: str, stops: list[Stop]) -> dict[str, Any]:
    """For every live subscriber of the organization (the SDK's kill switch listens): stops changed; each agent
    asks its status to learn whether one covers it."""
    return {
        "type": "emergency_stop",
        "organization_id": organization_id,
        "project_id": None,
        "agent_id": None,
        "everyone": True,
        "stops": [s.as_dict() for s in stops],
    }
