"""HTTP doors of gateway management: providers, model routes, limits, failover preview, provider analytics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ams.analytics.scope import resolve_scope
from ams.analytics.windows import parse_window
from ams.auth.roles import Permission
from ams.auth.tenancy_service import default_organization
from ams.errors import NotFound
from ams.gateway import analytics, schemas
from ams.gateway.runtime import Gateway
from ams.http.deps import DEFAULT_PAGE, ContextDep, CurrentPrincipal, Cursor, Limit, UTCTimestamp
from ams.http.pagination import Page
from ams.http.permissions import requires

router = APIRouter(prefix="/api/v1", tags=["gateway"])
Window = Annotated[str | None, Query(description="15m, 1h, 24h, 7d, 30d… (default 24h)")]


def _gateway(request: Request) -> Gateway:
    gateway: Gateway = request.app.state.context.gateway
    return gateway


@router.post("/providers", status_code=201, **requires(Permission.GATEWAY_MANAGE))
async def create_provider(
    data: schemas.ProviderCreate, principal: CurrentPrincipal, request: Request
) -> schemas.ProviderPublic:
    """Register an LLM provider: kind, base URL, key (sealed in the vault), models and limits (Admin)."""
    return await _gateway(request).providers.create(principal, data)


@router.get("/providers")
async def list_providers(
    principal: CurrentPrincipal,
    request: Request,
    organization_id: str | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.ProviderPublic]:
    """Providers of your organizations, by name. Keys are never shown: `has_api_key` says whether one is set."""
    return await _gateway(request).providers.list(principal, organization_id, cursor, limit)


@router.post("/providers/test-failover", **requires(Permission.READ))
async def test_failover(
    data: schemas.FailoverTest, principal: CurrentPrincipal, request: Request
) -> schemas.FailoverResult:
    """Which target would serve a route if the given targets failed, and why each other would not."""
    return await _gateway(request).routes.test_failover(principal, data)


@router.get("/providers/compare")
async def compare_providers(
    principal: CurrentPrincipal,
    context: ContextDep,
    organization_id: str | None = None,
    project_id: str | None = None,
    window: Window = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
) -> analytics.Compare:
    """Per provider and model, from real traffic: calls, error rate, latency, time to first token, cost per 1k."""
    scope = await resolve_scope(context.db, principal, organization_id=organization_id, project_id=project_id)
    return await analytics.compare(context.telemetry.store, scope, parse_window(window, since, until))


@router.get("/providers/cost-analysis")
async def cost_analysis(
    principal: CurrentPrincipal,
    context: ContextDep,
    organization_id: str | None = None,
    project_id: str | None = None,
    window: Window = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
) -> analytics.CostAnalysis:
    """Cost by provider, model, agent and day, with a month-end forecast (month to date + daily run-rate)."""
    scope = await resolve_scope(context.db, principal, organization_id=organization_id, project_id=project_id)
    return await analytics.cost_analysis(context.telemetry.store, scope, parse_window(window, since, until))


@router.get("/providers/capabilities")
async def capabilities(
    principal: CurrentPrincipal, context: ContextDep, organization_id: str | None = None
) -> analytics.Capabilities:
    """The capability matrix: every provider model with its context window, capabilities and prices."""
    org_id = default_organization(principal, organization_id)
    if not principal.can_see(org_id):
        raise NotFound(f"organization {org_id} not found")
    principal.require(Permission.READ, org_id, what="organization")
    return await analytics.capabilities(context.db, org_id)


@router.get("/providers/{provider_id}")
async def read_provider(provider_id: str, principal: CurrentPrincipal, request: Request) -> schemas.ProviderPublic:
    """One provider."""
    return await _gateway(request).providers.read(principal, provider_id)


@router.patch("/providers/{provider_id}", **requires(Permission.GATEWAY_MANAGE))
async def update_provider(
    provider_id: str, data: schemas.ProviderUpdate, principal: CurrentPrincipal, request: Request
) -> schemas.ProviderPublic:
    """Change a provider's URL, key, models, options or whether it serves (Admin)."""
    return await _gateway(request).providers.update(principal, provider_id, data)


@router.delete("/providers/{provider_id}", status_code=204, **requires(Permission.GATEWAY_MANAGE))
async def delete_provider(provider_id: str, principal: CurrentPrincipal, request: Request) -> Response:
    """Remove a provider and its sealed key; refused while a route still uses it (Admin)."""
    await _gateway(request).providers.delete(principal, provider_id)
    return Response(status_code=204)


@router.put("/providers/{provider_id}/limits", **requires(Permission.GATEWAY_MANAGE))
async def put_provider_limits(
    provider_id: str, data: schemas.ProviderLimits, principal: CurrentPrincipal, request: Request
) -> schemas.ProviderPublic:
    """Set a provider's requests/min, tokens/min, concurrency and monthly budget (Admin)."""
    return await _gateway(request).providers.put_limits(principal, provider_id, data)


@router.get("/providers/{provider_id}/health")
async def provider_health(provider_id: str, principal: CurrentPrincipal, request: Request) -> schemas.ProviderHealth:
    """Health from the last active probe and from recent calls through this instance, with breaker states."""
    return await _gateway(request).providers.health(principal, provider_id)


@router.post("/routes", status_code=201, **requires(Permission.GATEWAY_MANAGE))
async def create_route(data: schemas.RouteCreate, principal: CurrentPrincipal, request: Request) -> schemas.RoutePublic:
    """Route a model alias to targets with a strategy, retries, timeout, breaker and context fallback (Admin)."""
    return await _gateway(request).routes.create(principal, data)


@router.get("/routes")
async def list_routes(
    principal: CurrentPrincipal,
    request: Request,
    organization_id: str | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> Page[schemas.RoutePublic]:
    """Model routes, by alias."""
    return await _gateway(request).routes.list(principal, organization_id, cursor, limit)


@router.get("/routes/{route_id}")
async def read_route(route_id: str, principal: CurrentPrincipal, request: Request) -> schemas.RoutePublic:
    """One model route."""
    return await _gateway(request).routes.read(principal, route_id)


@router.patch("/routes/{route_id}", **requires(Permission.GATEWAY_MANAGE))
async def update_route(
    route_id: str, data: schemas.RouteUpdate, principal: CurrentPrincipal, request: Request
) -> schemas.RoutePublic:
    """Change a route's strategy, targets or policy (Admin)."""
    return await _gateway(request).routes.update(principal, route_id, data)


@router.delete("/routes/{route_id}", status_code=204, **requires(Permission.GATEWAY_MANAGE))
async def delete_route(route_id: str, principal: CurrentPrincipal, request: Request) -> Response:
    """Remove a model route (Admin)."""
    await _gateway(request).routes.delete(principal, route_id)
    return Response(status_code=204)


@router.get("/projects/{project_id}/gateway-limits")
async def read_project_limits(project_id: str, principal: CurrentPrincipal, request: Request) -> schemas.LimitsPublic:
    """A project's gateway limits: requests/min, tokens/min, concurrent requests over all its agents."""
    return await _gateway(request).limits.read(principal, "project", project_id)


@router.put("/projects/{project_id}/gateway-limits", **requires(Permission.GATEWAY_MANAGE))
async def put_project_limits(
    project_id: str, data: schemas.ScopeLimits, principal: CurrentPrincipal, request: Request
) -> schemas.LimitsPublic:
    """Set a project's gateway limits (Admin)."""
    return await _gateway(request).limits.replace(principal, "project", project_id, data)


@router.get("/api-keys/{key_id}/gateway-limits")
async def read_key_limits(key_id: str, principal: CurrentPrincipal, request: Request) -> schemas.LimitsPublic:
    """An API key's gateway limits."""
    return await _gateway(request).limits.read(principal, "key", key_id)


@router.put("/api-keys/{key_id}/gateway-limits", **requires(Permission.GATEWAY_MANAGE))
async def put_key_limits(
    key_id: str, data: schemas.ScopeLimits, principal: CurrentPrincipal, request: Request
) -> schemas.LimitsPublic:
    """Set an API key's gateway limits (Admin)."""
    return await _gateway(request).limits.replace(principal, "key", key_id, data)
