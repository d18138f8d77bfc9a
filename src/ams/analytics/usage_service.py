"""Provider and model breakdowns, and usage (tokens and cost by project, agent, model and day)."""

from __future__ import annotations

import csv
import io

from ams.analytics import queries, rollup_queries, schemas
from ams.analytics.scope import Scope
from ams.analytics.service import params, run, window_public
from ams.analytics.windows import Window
from ams.errors import InvalidInput
from ams.telemetry.rollups import MODEL_HOURLY, Rollups
from ams.telemetry.store import TelemetryStore


async def providers(store: TelemetryStore, rollups: Rollups, scope: Scope, window: Window) -> schemas.Providers:
    """Per provider and model. Long windows read whole hours from `model_hourly`, unless the caller is restricted
    to agents (the rollup has no agent column; raw spans are sorted by agent, so cheap for them)."""
    plan = None if scope.agents else await rollups.plan(window, MODEL_HOURLY)
    if plan is not None and plan.uses_rollups:
        sql = rollup_queries.model_spans(["provider", "model"], calls_only=True, latency=True)
    else:
        sql = queries.span_kpis(["provider", "model"], where=f"AND {queries.MODEL_CALL}", latency=True)
    rows = (await run(store, sql, params(scope, window, plan=plan))).dicts()
    items = []
    for row in rows:
        tokens = row["input_tokens"] + row["output_tokens"]
        p50, p95, p99 = row["latency"] if row["spans"] else (None, None, None)
        items.append(
            schemas.ProviderRow(
                provider=row["provider"],
                model=row["model"],
                calls=row["spans"],
                errors=row["span_errors"],
                error_rate=row["span_errors"] / row["spans"] if row["spans"] else None,
                latency_ms=schemas.Latency(p50=p50, p95=p95, p99=p99),
                input_tokens=row["input_tokens"],
                output_tokens=row["output_tokens"],
                cost_usd=row["cost_usd"],
                cost_per_1k_tokens=row["cost_usd"] / tokens * 1000 if tokens else None,
                unpriced_calls=row["unpriced_spans"],
            )
        )
    items.sort(key=lambda r: (-r.calls, r.provider, r.model))
    return schemas.Providers(window=window_public(window), items=items)


USAGE_GROUPS = {"project": "project_id", "agent": "agent_id", "model": "model", "day": "bucket"}


async def usage(store: TelemetryStore, scope: Scope, window: Window, group_by: list[str]) -> schemas.Usage:
    for group in group_by:
        if group not in USAGE_GROUPS:
            raise InvalidInput.on("group_by", f"choose from {', '.join(USAGE_GROUPS)}")
    dims = [USAGE_GROUPS[g] for g in group_by if g != "day"]
    bucket = "day" if "day" in group_by else None
    # Usage is what was consumed: spans without tokens or cost (tasks, tools) would only add empty rows.
    sql = queries.span_kpis(dims, bucket, where="AND (input_tokens + output_tokens > 0 OR cost_usd > 0)")
    rows = (await run(store, sql, params(scope, window))).dicts()
    items = [
        schemas.UsageRow(
            day=str(row["bucket"])[:10] if bucket else None,
            project_id=row.get("project_id"),
            agent_id=row.get("agent_id"),
            model=row.get("model"),
            input_tokens=row["input_tokens"],
            output_tokens=row["output_tokens"],
            cost_usd=row["cost_usd"],
            spans=row["spans"],
        )
        for row in rows
    ]
    totals = {
        "input_tokens": sum(i.input_tokens for i in items),
        "output_tokens": sum(i.output_tokens for i in items),
        "cost_usd": sum(i.cost_usd for i in items),
        "spans": sum(i.spans for i in items),
    }
    return schemas.Usage(window=window_public(window), group_by=group_by, items=items, totals=totals)


def usage_csv(report: schemas.Usage) -> str:
    columns = [*report.group_by, "input_tokens", "output_tokens", "cost_usd", "spans"]
    names = {"project": "project_id", "agent": "agent_id", "model": "model", "day": "day"}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for item in report.items:
        data = item.model_dump()
        writer.writerow([data[names.get(c, c)] for c in columns])
    return out.getvalue()
