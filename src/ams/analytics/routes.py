"""HTTP doors of analytics: KPIs, the fleet, time series, providers and usage."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ams.analytics import schemas, service, timeseries_service, usage_service
from ams.analytics.scope import resolve_scope
from ams.analytics.windows import parse_window
from ams.http.deps import ContextDep, CurrentPrincipal, UTCTimestamp
from ams.http.responses import model_json

router = APIRouter(prefix="/api/v1", tags=["analytics"])
Window = Annotated[str | None, Query(description="15m, 1h, 24h, 7d, 30d… (default 24h)")]


@router.get("/agents/{agent}/kpis")
async def agent_kpis(
    agent: str,
    principal: CurrentPrincipal,
    context: ContextDep,
    project_id: str | None = None,
    version: str = Query("", description="Only this agent version."),
    window: Window = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
) -> schemas.AgentKpis:
    """An agent's KPIs over a window, overall and per version."""
    scope = await resolve_scope(context.db, principal, project_id=project_id, agent=agent)
    telemetry = context.telemetry
    return await service.agent_kpis(
        telemetry.store, telemetry.rollups, scope, parse_window(window, since, until), version
    )


@router.get("/analytics/fleet", response_model=schemas.Fleet)
async def fleet(
    principal: CurrentPrincipal,
    context: ContextDep,
    organization_id: str | None = None,
    project_id: str | None = None,
    sort: str = Query(
        "name",
        description="name, tasks, tsr, hir, error_rate, latency_p95, cost_usd, "
        "cost_per_task or throughput_per_hour; prefix - for descending.",
    ),
    window: Window = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
) -> Response:
    """Every agent's KPIs in one answer: the fleet heatmap's data."""
    scope = await resolve_scope(context.db, principal, organization_id=organization_id, project_id=project_id)
    telemetry = context.telemetry
    answer = await service.fleet(
        context.db, telemetry.store, telemetry.rollups, scope, parse_window(window, since, until), sort
    )
    return model_json(answer)


@router.get("/analytics/timeseries", response_model=schemas.Timeseries)
async def timeseries(
    principal: CurrentPrincipal,
    context: ContextDep,
    metric: str = Query(
        "tasks",
        description="tasks, tsr, hir, error_rate, latency_p50/p95/p99, "
        "throughput_per_hour, cost_usd, cost_per_task, tokens, input_tokens, output_tokens, spans, "
        "span_error_rate, tokens_per_success",
    ),
    bucket: str = Query("hour", description="minute, hour or day"),
    group_by: str | None = Query(None, description="agent, project, version, model or provider"),
    agent: str | None = None,
    organization_id: str | None = None,
    project_id: str | None = None,
    window: Window = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
) -> Response:
    """Any KPI bucketed by minute, hour or day, overall or per agent, project, version, model or provider."""
    scope = await resolve_scope(
        context.db, principal, organization_id=organization_id, project_id=project_id, agent=agent
    )
    telemetry = context.telemetry
    answer = await timeseries_service.timeseries(
        telemetry.store, telemetry.rollups, scope, parse_window(window, since, until), metric, bucket, group_by
    )
    return model_json(answer)


@router.get("/analytics/providers")
async def providers(
    principal: CurrentPrincipal,
    context: ContextDep,
    organization_id: str | None = None,
    project_id: str | None = None,
    window: Window = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
) -> schemas.Providers:
    """Per provider and model: calls, error rate, latency percentiles, tokens, cost, cost per 1k tokens."""
    scope = await resolve_scope(context.db, principal, organization_id=organization_id, project_id=project_id)
    telemetry = context.telemetry
    return await usage_service.providers(telemetry.store, telemetry.rollups, scope, parse_window(window, since, until))


@router.get("/analytics/usage", response_model=schemas.Usage, responses={200: {"content": {"text/csv": {}}}})
async def usage(
    principal: CurrentPrincipal,
    context: ContextDep,
    group_by: str = Query("day", description="Comma-separated: project, agent, model, day"),
    format: str = Query("json", pattern="^(json|csv)$"),
    organization_id: str | None = None,
    project_id: str | None = None,
    window: Window = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
) -> schemas.Usage | Response:
    """Tokens and cost by project, agent, model and day; `format=csv` downloads it."""
    scope = await resolve_scope(context.db, principal, organization_id=organization_id, project_id=project_id)
    groups = [g.strip() for g in group_by.split(",") if g.strip()]
    report = await usage_service.usage(context.telemetry.store, scope, parse_window(window, since, until), groups)
    if format == "csv":
        return Response(
            usage_service.usage_csv(report),
            media_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="ams-usage.csv"'},
        )
    return report
