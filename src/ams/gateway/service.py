"""Providers: register, read, change, remove, their limits and health. Keys go to the vault, never come back."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.auth.scoping import visible
from ams.auth.tenancy_service import default_organization
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import Conflict, NotFound
from ams.gateway import schemas
from ams.gateway.directory import API_KEY_CREDENTIAL, Directory
from ams.gateway.health import WINDOW_S, HealthBook, status_of
from ams.gateway.models import ModelRoute, Provider
from ams.gateway.upstream import Clients
from ams.governance.audit_service import Actor, diff, record
from ams.http.pagination import Page, page_of, paginate
from ams.ids import new_id
from ams.vault import service as vault
from ams.vault.cipher import Cipher
from ams.vault.models import Credential
from ams.vault.schemas import CredentialPut, CredentialType


async def visible_provider(session: AsyncSession, principal: Principal, provider_id: str) -> Provider:
    provider = await session.get(Provider, provider_id)
    if provider is None or not principal.can_see(provider.organization_id):
        raise NotFound(f"provider {provider_id} not found")
    return provider


async def _has_key(session: AsyncSession, provider_id: str) -> bool:
    query = select(Credential.id).where(Credential.owner_type == "provider", Credential.owner_id == provider_id)
    return (await session.execute(query)).first() is not None


def public(provider: Provider, has_key: bool) -> schemas.ProviderPublic:
    out = schemas.ProviderPublic.model_validate(provider)
    out.has_api_key = has_key
    return out


def _summary(provider: Provider) -> dict[str, Any]:
    """What the audit trail keeps of a provider: never its key."""
    return {
        "name": provider.name,
        "kind": provider.kind,
        "base_url": provider.base_url,
        "models": [m["name"] for m in provider.models],
        "enabled": provider.enabled,
        "limits": provider.limits,
    }


class ProviderService:
    def __init__(self, db: Database, cipher: Cipher, directory: Directory, clients: Clients, health: HealthBook):
        self.db, self.cipher, self.directory, self.clients = db, cipher, directory, clients
        self.health_book = health

    async def _seal(self, session: AsyncSession, principal: Principal, provider: Provider, key: str) -> None:
        await vault.put(
            session, self.cipher, Actor.of(principal), organization_id=provider.organization_id, project_id=None,
            owner_type="provider", owner_id=provider.id, name=API_KEY_CREDENTIAL,
            data=CredentialPut(type=CredentialType.API_KEY, key=key),  # type: ignore[arg-type]
        )  # fmt: skip

    async def create(self, principal: Principal, data: schemas.ProviderCreate) -> schemas.ProviderPublic:
        org_id = default_organization(principal, data.organization_id)
        principal.require(Permission.GATEWAY_MANAGE, org_id, what="organization")
        async with self.db.write() as session:
            taken = select(Provider.id).where(Provider.organization_id == org_id, Provider.name == data.name)
            if (await session.execute(taken)).first():
                raise Conflict(f"a provider named {data.name!r} exists in this organization")
            provider = Provider(
                id=new_id("prv"), organization_id=org_id, name=data.name, kind=data.kind.value,
                base_url=data.base_url or schemas.DEFAULT_BASE_URLS[data.kind],
                models=[m.model_dump(mode="json") for m in data.models],
                limits=data.limits.model_dump(exclude_none=True), options=data.options.model_dump(mode="json"),
                enabled=data.enabled, created_by=principal.id,
            )  # fmt: skip
            session.add(provider)
            await session.flush()
            await record(session, Actor.of(principal), organization_id=org_id, action="provider.create",
                         resource_type="provider", resource_id=provider.id,
                         summary={"after": _summary(provider)})  # fmt: skip
            has_key = bool(data.api_key and data.api_key.get_secret_value())
            if data.api_key and has_key:
                await self._seal(session, principal, provider, data.api_key.get_secret_value())
            result = public(provider, has_key)
        await self.directory.announce("org", org_id)
        return result

    async def list(
        self, principal: Principal, organization_id: str | None, cursor: str | None, limit: int
    ) -> Page[schemas.ProviderPublic]:
        query = select(Provider).where(visible(principal, Provider.organization_id))
        if organization_id:
            query = query.where(Provider.organization_id == organization_id)
        query = paginate(query, Provider.name, Provider.id, descending=False, cursor=cursor, limit=limit)
        async with self.db.read() as session:
            rows = (await session.execute(query)).scalars().all()
            items, next_cursor = page_of(rows, limit, "name")
            keyed = set(
                (
                    await session.execute(
                        select(Credential.owner_id).where(
                            Credential.owner_type == "provider", Credential.owner_id.in_([p.id for p in items])
                        )
                    )
                ).scalars()
            )
        return Page(items=[public(p, p.id in keyed) for p in items], next_cursor=next_cursor)

    async def read(self, principal: Principal, provider_id: str) -> schemas.ProviderPublic:
        async with self.db.read() as session:
            provider = await visible_provider(session, principal, provider_id)
            principal.require(Permission.READ, provider.organization_id, what="provider")
            return public(provider, await _has_key(session, provider.id))

    async def update(
        self, principal: Principal, provider_id: str, data: schemas.ProviderUpdate
    ) -> schemas.ProviderPublic:
        async with self.db.write() as session:
            provider = await visible_provider(session, principal, provider_id)
            principal.require(Permission.GATEWAY_MANAGE, provider.organization_id, what="provider")
            before = _summary(provider)
            if data.base_url is not None:
                provider.base_url = data.base_url
            if data.models is not None:
                provider.models = [m.model_dump(mode="json") for m in data.models]
            if data.options is not None:
                provider.options = data.options.model_dump(mode="json")
            if data.enabled is not None:
                provider.enabled = data.enabled
            provider.updated_at = utcnow()
            summary = diff(before, _summary(provider))
            if data.api_key is not None:
                await self._seal(session, principal, provider, data.api_key.get_secret_value())
                summary["api_key"] = "replaced"
            await record(session, Actor.of(principal), organization_id=provider.organization_id,
                         action="provider.update", resource_type="provider", resource_id=provider.id,
                         summary=summary)  # fmt: skip
            result = public(provider, await _has_key(session, provider.id))
        self.clients.forget(provider_id)
        await self.directory.announce("org", result.organization_id)
        return result

    async def delete(self, principal: Principal, provider_id: str) -> None:
        async with self.db.write() as session:
            provider = await visible_provider(session, principal, provider_id)
            principal.require(Permission.GATEWAY_MANAGE, provider.organization_id, what="provider")
            routes = (
                await session.execute(select(ModelRoute).where(ModelRoute.organization_id == provider.organization_id))
            ).scalars()
            using = sorted(r.alias for r in routes if any(t["provider_id"] == provider.id for t in r.targets))
            if using:
                raise Conflict(f"routes still send calls to this provider: {', '.join(using)}", routes=using)
            await vault.delete_owned(session, "provider", provider.id)
            await record(session, Actor.of(principal), organization_id=provider.organization_id,
                         action="provider.delete", resource_type="provider", resource_id=provider.id,
                         summary={"before": _summary(provider)})  # fmt: skip
            org_id = provider.organization_id
            await session.delete(provider)
        self.clients.forget(provider_id)
        await self.directory.announce("org", org_id)

    async def put_limits(
        self, principal: Principal, provider_id: str, data: schemas.ProviderLimits
    ) -> schemas.ProviderPublic:
        async with self.db.write() as session:
            provider = await visible_provider(session, principal, provider_id)
            principal.require(Permission.GATEWAY_MANAGE, provider.organization_id, what="provider")
            before = dict(provider.limits)
            provider.limits = data.model_dump(exclude_none=True)
            provider.updated_at = utcnow()
            await record(session, Actor.of(principal), organization_id=provider.organization_id,
                         action="provider.limits", resource_type="provider", resource_id=provider.id,
                         summary={"before": before, "after": provider.limits})  # fmt: skip
            result = public(provider, await _has_key(session, provider.id))
        await self.directory.announce("org", result.organization_id)
        return result

    async def health(self, principal: Principal, provider_id: str) -> schemas.ProviderHealth:
        async with self.db.read() as session:
            provider = await visible_provider(session, principal, provider_id)
            principal.require(Permission.READ, provider.organization_id, what="provider")
        now = time.monotonic()
        targets = []
        calls = errors = 0
        any_open = False
        for model, stats in sorted(self.health_book.of_provider(provider.id).items()):
            n, e, p50 = stats.recent(now)
            calls, errors = calls + n, errors + e
            state = stats.breaker.state(now).value
            any_open = any_open or state == "open"
            targets.append(schemas.TargetHealth(
                model=model, calls=n, errors=e, error_rate=e / n if n else None, latency_ms_p50=p50,
                latency_ms_ewma=stats.ewma_ms, breaker=state, breaker_reopens_in_s=stats.breaker.reopens_in(now),
            ))  # fmt: skip
        return schemas.ProviderHealth(
            provider_id=provider.id, name=provider.name,
            status=status_of(calls, errors, provider.probe_ok, any_open),
            probe=schemas.ProbeResult(ok=provider.probe_ok, at=provider.probe_at,
                                      latency_ms=provider.probe_latency_ms, error=provider.probe_error),
            window_s=WINDOW_S, targets=targets,
        )  # fmt: skip
