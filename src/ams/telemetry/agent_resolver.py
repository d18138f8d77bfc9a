"""Which AMS agent a span belongs to.

Spans name their agent as they know it: an AMS id, the agent's name, or a service name. The resolver maps that
reference, within the caller's project, to the agent's id (and current version), registering an unknown agent
in state `registered` when the settings say so. Answers are cached briefly: ingest asks for the same few agents
thousands of times a second.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from sqlalchemy import select

from ams.agents.lifecycle import LifecycleState
from ams.agents.models import Agent, AgentVersion
from ams.agents.platforms import Platform
from ams.db.engine import Database
from ams.governance.audit_service import Actor, record
from ams.ids import new_id

CACHE_TTL_S = 30.0
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9 _.-]+")


@dataclass(frozen=True)
class ResolvedAgent:
    id: str
    current_version: str


class UnknownAgent(Exception):
    def __init__(self, ref: str) -> None:
        super().__init__(f"no agent {ref!r} in this project, and unknown agents are rejected")
        self.ref = ref


def agent_name_for(ref: str) -> str:
    """A valid agent name made from what a span calls its agent."""
    name = _NAME_UNSAFE.sub("-", ref).strip(" -._")[:200]
    return name or "unnamed-agent"


class AgentResolver:
    def __init__(self, db: Database, *, register_unknown: bool) -> None:
        self.db = db
        self.register_unknown = register_unknown
        self._cache: dict[tuple[str, str], tuple[float, ResolvedAgent]] = {}

    def forget(self, project_id: str | None = None) -> None:
        """Drop cached answers (all, or one project's) after agents changed."""
        if project_id is None:
            self._cache.clear()
        else:
            for key in [k for k in self._cache if k[0] == project_id]:
                del self._cache[key]

    async def resolve(
        self, organization_id: str, project_id: str, refs: set[str], actor: Actor
    ) -> dict[str, ResolvedAgent]:
        """Map each reference to an agent; raises UnknownAgent when one is unknown and may not be registered."""
        now = time.monotonic()
        found: dict[str, ResolvedAgent] = {}
        missing: set[str] = set()
        for ref in refs:
            hit = self._cache.get((project_id, ref))
            if hit and hit[0] > now:
                found[ref] = hit[1]
            else:
                missing.add(ref)
        if missing:
            looked_up = await self._look_up(project_id, missing)
            unknown = missing - set(looked_up)
            if unknown:
                if not self.register_unknown:
                    raise UnknownAgent(sorted(unknown)[0])
                looked_up.update(await self._register(organization_id, project_id, unknown, actor))
            for ref, agent in looked_up.items():
                self._cache[(project_id, ref)] = (now + CACHE_TTL_S, agent)
            found.update(looked_up)
        return found

    async def _look_up(self, project_id: str, refs: set[str]) -> dict[str, ResolvedAgent]:
        names = {agent_name_for(r): r for r in refs}
        query = (
            select(Agent.id, Agent.name, AgentVersion.version)
            .outerjoin(AgentVersion, AgentVersion.id == Agent.current_version_id)
            .where(Agent.project_id == project_id, (Agent.id.in_(refs)) | (Agent.name.in_(list(names) + list(refs))))
        )
        async with self.db.read() as session:
            rows = (await session.execute(query)).all()
        out: dict[str, ResolvedAgent] = {}
        for agent_id, name, version in rows:
            resolved = ResolvedAgent(agent_id, version or "")
            for ref in refs:
                if ref in (agent_id, name) or names.get(name) == ref:
                    out[ref] = resolved
        return out

    async def _register(
        self, organization_id: str, project_id: str, refs: set[str], actor: Actor
    ) -> dict[str, ResolvedAgent]:
        out: dict[str, ResolvedAgent] = {}
        async with self.db.write() as session:
            for ref in sorted(refs):
                name = agent_name_for(ref)
                existing = (
                    await session.execute(select(Agent.id).where(Agent.project_id == project_id, Agent.name == name))
                ).scalar_one_or_none()
                if existing:  # another request registered it meanwhile
                    out[ref] = ResolvedAgent(existing, "")
                    continue
                agent = Agent(
                    id=new_id("agt"),
                    organization_id=organization_id,
                    project_id=project_id,
                    name=name,
                    description=f"Registered from telemetry naming it {ref!r}.",
                    platform=Platform.CUSTOM.value,
                    configuration={},
                    limits={},
                    lifecycle_state=LifecycleState.REGISTERED.value,
                    tag_rows=[],
                    capability_rows=[],
                )
                session.add(agent)
                await session.flush()
                await record(
                    session,
                    actor,
                    organization_id=organization_id,
                    action="agent.register_from_telemetry",
                    resource_type="agent",
                    resource_id=agent.id,
                    project_id=project_id,
                    summary={"after": {"name": name, "reference": ref}},
                )
                out[ref] = ResolvedAgent(agent.id, "")
        return out
