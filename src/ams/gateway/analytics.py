"""Provider analytics from real traffic: comparison, cost analysis with a month-end forecast, capabilities.

The query texts follow analytics/queries.py: ClickHouse SQL with bound parameters, starting from the tenant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select

from ams.analytics.queries import SPAN_FILTER
from ams.analytics.scope import Scope
from ams.analytics.service import run
from ams.analytics.windows import Window
from ams.db.engine import Database
from ams.gateway.forecast import month_end
from ams.gateway.models import Provider
from ams.telemetry.store import TelemetryStore

LLM_SPANS = "AND kind IN ('llm', 'embedding')"

COMPARE = f"""
SELECT provider, model, count() AS calls, countIf(status = 'error') AS errors,
    quantilesExactInclusive(0.5, 0.95, 0.99)(duration_ms) AS latency,
    quantileExactInclusiveIf(0.5)(JSONExtractFloat(attributes, 'ams.gateway.ttft_ms'),
        JSONHas(attributes, 'ams.gateway.ttft_ms')) AS ttft_p50,
    sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cost_usd) AS cost_usd
FROM spans FINAL
WHERE {SPAN_FILTER} {LLM_SPANS}
GROUP BY provider, model
ORDER BY calls DESC, provider, model
SETTINGS prefer_column_name_to_alias = 1
"""

COSTS = f"""
SELECT provider, model, agent_id, toDate(start_time) AS day, count() AS calls,
    sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cost_usd) AS cost_usd
FROM spans FINAL
WHERE {SPAN_FILTER} {LLM_SPANS}
GROUP BY provider, model, agent_id, day
ORDER BY day, provider, model, agent_id
SETTINGS prefer_column_name_to_alias = 1
"""

DAILY = f"""
SELECT toDate(start_time) AS day, sum(cost_usd) AS cost_usd
FROM spans FINAL
WHERE {SPAN_FILTER} {LLM_SPANS}
GROUP BY day
SETTINGS prefer_column_name_to_alias = 1
"""


class Latency(BaseModel):
    p50: float | None
    p95: float | None
    p99: float | None


class CompareRow(BaseModel):
    provider: str
    model: str
    calls: int
    errors: int
    error_rate: float | None
    latency_ms: Latency
    ttft_ms_p50: float | None = Field(description="Time to first token of streamed calls through the gateway.")
    input_tokens: int
    output_tokens: int
    cost_usd: float
    cost_per_1k_tokens: float | None


class Compare(BaseModel):
    since: datetime
    until: datetime
    items: list[CompareRow]


class CostRow(BaseModel):
    day: str
    provider: str
    model: str
    agent_id: str
    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: float


class ForecastPublic(BaseModel):
    month: str
    month_to_date_usd: float
    daily_run_rate_usd: float = Field(description="Mean cost of the last whole days (up to 7) before today.")
    run_rate_days: int
    days_left: int
    month_end_usd: float = Field(description="Month to date + run-rate × days left.")


class CostAnalysis(BaseModel):
    since: datetime
    until: datetime
    total_usd: float
    by_provider: dict[str, float]
    by_model: dict[str, float]
    by_agent: dict[str, float]
    by_day: dict[str, float]
    items: list[CostRow]
    forecast: ForecastPublic


class CapabilityRow(BaseModel):
    provider_id: str
    provider: str
    kind: str
    model: str
    context_window: int | None
    capabilities: dict[str, bool]
    input_per_mtok: float | None
    output_per_mtok: float | None


class Capabilities(BaseModel):
    capabilities: list[str]
    items: list[CapabilityRow]


def _params(scope: Scope, window: Window) -> dict[str, Any]:
    return {**scope.params(), "since": window.since, "until": window.until, "version": ""}


async def compare(store: TelemetryStore, scope: Scope, window: Window) -> Compare:
    rows = (await run(store, COMPARE, _params(scope, window))).dicts()
    items = []
    for row in rows:
        tokens = row["input_tokens"] + row["output_tokens"]
        p50, p95, p99 = row["latency"]
        items.append(CompareRow(
            provider=row["provider"], model=row["model"], calls=row["calls"], errors=row["errors"],
            error_rate=row["errors"] / row["calls"] if row["calls"] else None,
            latency_ms=Latency(p50=p50, p95=p95, p99=p99), ttft_ms_p50=row["ttft_p50"] or None,
            input_tokens=row["input_tokens"], output_tokens=row["output_tokens"], cost_usd=row["cost_usd"],
            cost_per_1k_tokens=row["cost_usd"] / tokens * 1000 if tokens else None,
        ))  # fmt: skip
    return Compare(since=window.since, until=window.until, items=items)


def _sum_by(items: list[CostRow], field: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        key = getattr(item, field)
        out[key] = out.get(key, 0.0) + item.cost_usd
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


async def cost_analysis(
    store: TelemetryStore, scope: Scope, window: Window, now: datetime | None = None
) -> CostAnalysis:
    rows = (await run(store, COSTS, _params(scope, window))).dicts()
    items = [CostRow(day=str(r["day"])[:10], provider=r["provider"], model=r["model"], agent_id=r["agent_id"],
                     calls=r["calls"], input_tokens=r["input_tokens"], output_tokens=r["output_tokens"],
                     cost_usd=r["cost_usd"]) for r in rows]  # fmt: skip
    now = now or datetime.now(UTC)
    today = now.date()
    # The forecast reads its own window: this month and the week before, whatever window the report shows.
    since = datetime.combine(min(today.replace(day=1), today - timedelta(days=7)), datetime.min.time(), UTC)
    daily_rows = (await run(store, DAILY, _params(scope, Window(since, now)))).dicts()
    daily = {date.fromisoformat(str(r["day"])[:10]): float(r["cost_usd"]) for r in daily_rows}
    f = month_end(daily, today)
    by_day = dict(sorted(_sum_by(items, "day").items()))
    return CostAnalysis(
        since=window.since, until=window.until, total_usd=sum(i.cost_usd for i in items),
        by_provider=_sum_by(items, "provider"), by_model=_sum_by(items, "model"), by_agent=_sum_by(items, "agent_id"),
        by_day=by_day, items=items,
        forecast=ForecastPublic(month=f.month, month_to_date_usd=f.month_to_date_usd,
                                daily_run_rate_usd=f.daily_run_rate_usd, run_rate_days=f.run_rate_days,
                                days_left=f.days_left, month_end_usd=f.month_end_usd),
    )  # fmt: skip


async def capabilities(db: Database, organization_id: str) -> Capabilities:
    from ams.gateway.schemas import Capability

    names = [c.value for c in Capability]
    async with db.read() as session:
        providers = (
            (
                await session.execute(
                    select(Provider).where(Provider.organization_id == organization_id).order_by(Provider.name)
                )
            )
            .scalars()
            .all()
        )
    items = []
    for p in providers:
        for m in p.models:
            has = set(m.get("capabilities") or [])
            items.append(CapabilityRow(
                provider_id=p.id, provider=p.name, kind=p.kind, model=m["name"],
                context_window=m.get("context_window"), capabilities={c: c in has for c in names},
                input_per_mtok=m.get("input_per_mtok"), output_per_mtok=m.get("output_per_mtok"),
            ))  # fmt: skip
    return Capabilities(capabilities=names, items=items)
