"""What the hot path looks up, cached in memory: each organization's providers (credentials opened), routes and
limits, and each agent's lifecycle state. Changes made through AMS are announced on the shared-state broadcast
channel, so every instance drops the stale entry within a moment; the TTL only bounds changes made behind AMS's
back (a database edited by hand), and an expired entry is served while it is read again (`RefreshingCache`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from ams.agents.models import Agent, AgentVersion
from ams.db.engine import Changes, Database
from ams.errors import NotFound
from ams.gateway.models import GatewayLimit, ModelRoute, Provider
from ams.refreshing_cache import RefreshingCache
from ams.shared_state import SharedState
from ams.vault import service as vault
from ams.vault.cipher import Cipher, VaultKeyError

log = logging.getLogger(__name__)
CHANNEL = "gateway"
API_KEY_CREDENTIAL = "api_key"


@dataclass(slots=True)
class ProviderEntry:
    id: str
    organization_id: str
    name: str
    kind: str
    base_url: str
    api_key: str | None  # opened from the vault; lives in memory only
    models: dict[str, dict[str, Any]]
    limits: dict[str, Any]
    options: dict[str, Any]
    enabled: bool

    def model(self, name: str) -> dict[str, Any] | None:
        return self.models.get(name)


@dataclass(slots=True)
class RouteEntry:
    id: str
    alias: str
    strategy: str
    targets: list[dict[str, Any]]
    policy: dict[str, Any]


@dataclass(slots=True)
class OrgSnapshot:
    providers: dict[str, ProviderEntry]
    by_name: dict[str, ProviderEntry]
    routes: dict[str, RouteEntry]
    limits: dict[tuple[str, str], dict[str, Any]]  # (project|key, id) -> limits


@dataclass(frozen=True, slots=True)
class AgentEntry:
    id: str
    organization_id: str
    project_id: str
    name: str
    state: str
    version: str
    limits: dict[str, Any]


async def open_api_key(session: Any, cipher: Cipher, provider_id: str) -> str | None:
    try:
        secret = await vault.reveal(session, cipher, "provider", provider_id, API_KEY_CREDENTIAL)
    except VaultKeyError:
        log.error("provider %s: its key was sealed under another AMS_SECRET_KEY", provider_id)
        return None
    except NotFound:  # a provider without a key (a local vLLM, Ollama)
        return None
    key = secret.get("key")
    return str(key) if key else None


class Directory:
    def __init__(self, db: Database, cipher: Cipher, shared: SharedState, ttl_s: float) -> None:
        self.db = db
        self.cipher = cipher
        self.shared = shared
        self.ttl_s = ttl_s
        self._orgs: RefreshingCache[str, OrgSnapshot] = RefreshingCache(ttl_s, "an organization's gateway set-up")
        self._agents: RefreshingCache[tuple[str, str], AgentEntry] = RefreshingCache(ttl_s, "a gateway agent")
        self._unsubscribe = shared.subscribe(CHANNEL, self._on_message)
        self._publishing: set[asyncio.Task[None]] = set()

    def close(self) -> None:
        self._unsubscribe()

    async def announce(self, what: str, ident: str) -> None:
        """Tell every instance (this one too) that an organization's gateway set-up or an agent changed."""
        self._forget(what, ident)
        await self.shared.publish(CHANNEL, f"{what}:{ident}".encode())

    def forget_changed(self, changes: Changes) -> None:
        """A commit listener: agents a commit changed (a lifecycle move, new limits, a quarantine by surveillance,
        a deletion), whichever service made it, are dropped here and announced to the other instances."""
        agents = {a.id for a in (*changes.written, *changes.deleted) if isinstance(a, Agent)}
        if not agents:
            return
        for agent_id in agents:
            self._forget("agent", agent_id)
        task = asyncio.get_running_loop().create_task(self._publish_agents(agents))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    async def _publish_agents(self, agents: set[str]) -> None:
        for agent_id in agents:
            try:
                await self.shared.publish(CHANNEL, f"agent:{agent_id}".encode())
            except Exception:  # the other instances' TTL still bounds how long they serve a stale entry
                log.exception("announcing a change of agent %s to other instances failed", agent_id)

    def _on_message(self, message: bytes) -> None:
        what, _, ident = message.decode().partition(":")
        self._forget(what, ident)

    def _forget(self, what: str, ident: str) -> None:
        if what == "org":
            self._orgs.forget(ident)
        elif what == "agent":
            self._agents.forget_where(lambda _key, entry: entry.id == ident)

    async def organization(self, organization_id: str) -> OrgSnapshot:
        snapshot = await self._orgs.get(organization_id, lambda: self._load(organization_id))
        assert snapshot is not None  # an organization with nothing set up still has a (empty) snapshot
        return snapshot

    async def _load(self, organization_id: str) -> OrgSnapshot:
        async with self.db.write() as session:  # write: revealing records the credential's last use
            providers = (
                (await session.execute(select(Provider).where(Provider.organization_id == organization_id)))
                .scalars()
                .all()
            )
            routes = (
                (await session.execute(select(ModelRoute).where(ModelRoute.organization_id == organization_id)))
                .scalars()
                .all()
            )
            limits = (
                (await session.execute(select(GatewayLimit).where(GatewayLimit.organization_id == organization_id)))
                .scalars()
                .all()
            )
            entries = {}
            for p in providers:
                entries[p.id] = ProviderEntry(
                    p.id, p.organization_id, p.name, p.kind, p.base_url, await open_api_key(session, self.cipher, p.id),
                    {m["name"]: m for m in p.models}, dict(p.limits), dict(p.options), p.enabled,
                )  # fmt: skip
        snapshot = OrgSnapshot(
            providers=entries,
            by_name={e.name: e for e in entries.values()},
            routes={r.alias: RouteEntry(r.id, r.alias, r.strategy, list(r.targets), dict(r.policy)) for r in routes},
            limits={(row.scope, row.scope_id): dict(row.limits) for row in limits},
        )
        return snapshot

    async def agent(self, project_id: str, ref: str) -> AgentEntry | None:
        """The agent `ref` (id or name) of a project, or None."""
        return await self._agents.get((project_id, ref), lambda: self._load_agent(project_id, ref))

    async def _load_agent(self, project_id: str, ref: str) -> AgentEntry | None:
        # Columns, not the Agent entity: the entity would also load its tags and capabilities.
        query = (
            select(
                Agent.id,
                Agent.organization_id,
                Agent.project_id,
                Agent.name,
                Agent.lifecycle_state,
                Agent.limits,
                AgentVersion.version,
            )
            .outerjoin(AgentVersion, AgentVersion.id == Agent.current_version_id)
            .where(Agent.project_id == project_id, or_(Agent.id == ref, Agent.name == ref))
            .limit(1)
        )
        async with self.db.read() as session:
            row = (await session.execute(query)).first()
        if row is None:
            return None
        agent_id, org_id, project, name, state, limits, version = row
        return AgentEntry(agent_id, org_id, project, name, state, version or "", dict(limits or {}))


def resolve_route(org: OrgSnapshot, alias: str) -> RouteEntry | None:
    """The route named `alias`; else `provider/model` of a registered provider; else the one provider model of
    that name (the first provider by name when several list it)."""
    route = org.routes.get(alias)
    if route is not None:
        return route
    name, _, model = alias.partition("/")
    provider = org.by_name.get(name) if model else None
    if provider is not None:
        return RouteEntry("", alias, "ordered", [{"provider_id": provider.id, "model": model, "weight": 1.0}], {})
    for provider in sorted(org.providers.values(), key=lambda p: p.name):
        if provider.enabled and alias in provider.models:
            return RouteEntry("", alias, "ordered", [{"provider_id": provider.id, "model": alias, "weight": 1.0}], {})
    return None
