"""Model routes: an alias agents ask for, its targets and policy; and the failover preview."""

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
from ams.errors import Conflict, FieldError, InvalidInput, NotFound
from ams.gateway import schemas
from ams.gateway.directory import Directory
from ams.gateway.health import HealthBook
from ams.gateway.models import ModelRoute, Provider
from ams.gateway.routing import Candidate, plan
from ams.governance.audit_service import Actor, diff, record
from ams.http.pagination import Page, page_of, paginate
from ams.ids import new_id


async def visible_route(session: AsyncSession, principal: Principal, route_id: str) -> ModelRoute:
    route = await session.get(ModelRoute, route_id)
    if route is None or not principal.can_see(route.organization_id):
        raise NotFound(f"route {route_id} not found")
    return route


async def _check_targets(session: AsyncSession, org_id: str, targets: list[schemas.RouteTarget]) -> None:
    """Every target names a provider of this organization, and a model it lists (when it lists any)."""
    ids = {t.provider_id for t in targets}
    providers = {
        p.id: p
        for p in (
            await session.execute(select(Provider).where(Provider.organization_id == org_id, Provider.id.in_(ids)))
        ).scalars()
    }
    errors = []
    for i, target in enumerate(targets):
        provider = providers.get(target.provider_id)
        if provider is None:
            errors.append(FieldError(f"targets.{i}.provider_id", f"no provider {target.provider_id} here"))
        elif provider.models and target.model not in {m["name"] for m in provider.models}:
            errors.append(FieldError(f"targets.{i}.model", f"provider {provider.name} lists no model {target.model!r}"))
    if errors:
        raise InvalidInput("; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)


def _summary(route: ModelRoute) -> dict[str, Any]:
    return {"alias": route.alias, "strategy": route.strategy, "targets": route.targets, "policy": route.policy}


class RouteService:
    def __init__(self, db: Database, directory: Directory, health: HealthBook) -> None:
        self.db, self.directory, self.health = db, directory, health

    async def create(self, principal: Principal, data: schemas.RouteCreate) -> schemas.RoutePublic:
        org_id = default_organization(principal, data.organization_id)
        principal.require(Permission.GATEWAY_MANAGE, org_id, what="organization")
        async with self.db.write() as session:
            taken = select(ModelRoute.id).where(ModelRoute.organization_id == org_id, ModelRoute.alias == data.alias)
            if (await session.execute(taken)).first():
                raise Conflict(f"a route for {data.alias!r} exists in this organization")
            await _check_targets(session, org_id, data.targets)
            route = ModelRoute(
                id=new_id("rte"), organization_id=org_id, alias=data.alias, strategy=data.strategy.value,
                targets=[t.model_dump() for t in data.targets], policy=data.policy.model_dump(),
                created_by=principal.id,
            )  # fmt: skip
            session.add(route)
            await session.flush()
            await record(session, Actor.of(principal), organization_id=org_id, action="route.create",
                         resource_type="route", resource_id=route.id, summary={"after": _summary(route)})  # fmt: skip
            result = schemas.RoutePublic.model_validate(route)
        await self.directory.announce("org", org_id)
        return result

    async def list(
        self, principal: Principal, organization_id: str | None, cursor: str | None, limit: int
    ) -> Page[schemas.RoutePublic]:
        query = select(ModelRoute).where(visible(principal, ModelRoute.organization_id))
        if organization_id:
            query = query.where(ModelRoute.organization_id == organization_id)
        query = paginate(query, ModelRoute.alias, ModelRoute.id, descending=False, cursor=cursor, limit=limit)
        async with self.db.read() as session:
            rows = (await session.execute(query)).scalars().all()
        items, next_cursor = page_of(rows, limit, "alias")
        return Page(items=[schemas.RoutePublic.model_validate(r) for r in items], next_cursor=next_cursor)

    async def read(self, principal: Principal, route_id: str) -> schemas.RoutePublic:
        async with self.db.read() as session:
            route = await visible_route(session, principal, route_id)
            principal.require(Permission.READ, route.organization_id, what="route")
            return schemas.RoutePublic.model_validate(route)

    async def update(self, principal: Principal, route_id: str, data: schemas.RouteUpdate) -> schemas.RoutePublic:
        async with self.db.write() as session:
            route = await visible_route(session, principal, route_id)
            principal.require(Permission.GATEWAY_MANAGE, route.organization_id, what="route")
            before = _summary(route)
            if data.targets is not None:
                await _check_targets(session, route.organization_id, data.targets)
                route.targets = [t.model_dump() for t in data.targets]
            if data.strategy is not None:
                route.strategy = data.strategy.value
            if data.policy is not None:
                route.policy = data.policy.model_dump()
            route.updated_at = utcnow()
            await record(session, Actor.of(principal), organization_id=route.organization_id, action="route.update",
                         resource_type="route", resource_id=route.id,
                         summary=diff(before, _summary(route)))  # fmt: skip
            result = schemas.RoutePublic.model_validate(route)
        await self.directory.announce("org", result.organization_id)
        return result

    async def delete(self, principal: Principal, route_id: str) -> None:
        async with self.db.write() as session:
            route = await visible_route(session, principal, route_id)
            principal.require(Permission.GATEWAY_MANAGE, route.organization_id, what="route")
            await record(session, Actor.of(principal), organization_id=route.organization_id, action="route.delete",
                         resource_type="route", resource_id=route.id, summary={"before": _summary(route)})  # fmt: skip
            org_id = route.organization_id
            await session.delete(route)
        await self.directory.announce("org", org_id)

    async def test_failover(self, principal: Principal, data: schemas.FailoverTest) -> schemas.FailoverResult:
        """Which target would serve `alias` now if the `failing` targets failed: the router's own plan, with the
        live breakers, and the failing targets' breakers treated as open."""
        org_id = default_organization(principal, data.organization_id)
        principal.require(Permission.READ, org_id, what="organization")
        async with self.db.read() as session:
            route = (
                await session.execute(
                    select(ModelRoute).where(ModelRoute.organization_id == org_id, ModelRoute.alias == data.alias)
                )
            ).scalar_one_or_none()
            if route is None:
                raise NotFound(f"no route {data.alias!r}")
            providers = {
                p.id: p
                for p in (await session.execute(select(Provider).where(Provider.organization_id == org_id))).scalars()
            }
        failing = set(data.failing)
        now = time.monotonic()
        policy = {**schemas.RoutePolicy().model_dump(), **route.policy}
        candidates, names, skipped = [], {}, {}
        for target in route.targets:
            key = f"{target['provider_id']}/{target['model']}"
            provider = providers.get(target["provider_id"])
            names[key] = provider.name if provider else "?"
            if provider is None or not provider.enabled:
                skipped[key] = "provider missing or disabled"
                continue
            model = next((m for m in provider.models if m["name"] == target["model"]), {})
            stats = self.health.known(key)
            price = None
            if model.get("input_per_mtok") is not None and model.get("output_per_mtok") is not None:
                price = model["input_per_mtok"] + model["output_per_mtok"]
            candidates.append(Candidate(key, float(target.get("weight", 1)), model.get("context_window"),
                                        stats.ewma_ms if stats else None, price))  # fmt: skip

        def allows(key: str) -> bool:
            if key in failing or key.split("/", 1)[0] in failing:
                return False
            stats = self.health.known(key)
            return stats is None or stats.breaker.allows(now)

        result = plan(route.strategy, candidates, prompt_tokens=data.prompt_tokens,
                      context_fallback=policy["context_fallback"], breaker_allows=allows)  # fmt: skip
        for key, why in result.skipped.items():
            marked = key in failing or key.split("/", 1)[0] in failing
            skipped[key] = "marked failing" if marked else why
        order = [self._step(c.key, names, None) for c in result.order]
        order += [self._step(key, names, why) for key, why in skipped.items()]
        serving = order[0] if result.order and allows(result.order[0].key) else None
        return schemas.FailoverResult(alias=route.alias, strategy=schemas.Strategy(route.strategy), order=order,
                                      serving=serving)  # fmt: skip

    @staticmethod
    def _step(key: str, names: dict[str, str], why: str | None) -> schemas.FailoverStep:
        provider_id, _, model = key.partition("/")
        return schemas.FailoverStep(provider_id=provider_id, provider=names.get(key, "?"), model=model, skipped=why)
