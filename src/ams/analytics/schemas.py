"""API shapes of analytics."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from typing_extensions import TypedDict


class Latency(BaseModel):
    p50: float | None
    p95: float | None
    p99: float | None


class Kpis(BaseModel):
    tasks: int
    successes: int
    failures: int
    tsr: float | None
    hir: float | None
    error_rate: float | None
    span_error_rate: float | None
    latency_ms: Latency
    throughput_per_hour: float | None
    cost_usd: float
    cost_per_task: float | None
    input_tokens: int
    output_tokens: int
    cached_input_tokens: int
    tokens_per_success: float | None
    spans: int
    unpriced_spans: int
    unpriced_models: list[str]


class WindowPublic(BaseModel):
    since: datetime
    until: datetime


class VersionKpis(BaseModel):
    version: str
    kpis: Kpis


class AgentKpis(BaseModel):
    agent_id: str
    window: WindowPublic
    kpis: Kpis
    by_version: list[VersionKpis]


class FleetRow(BaseModel):
    agent_id: str
    name: str
    project_id: str
    lifecycle_state: str
    health: str
    kpis: Kpis


class Fleet(BaseModel):
    window: WindowPublic
    items: list[FleetRow]


class SeriesPoint(TypedDict):
    """A typed dict, not a model: a series may hold tens of thousands of points."""

    time: datetime
    value: float | None


class Series(BaseModel):
    key: str
    points: list[SeriesPoint]


class Timeseries(BaseModel):
    metric: str
    bucket: str
    group_by: str | None
    window: WindowPublic
    series: list[Series]


class ProviderRow(BaseModel):
    provider: str
    model: str
    calls: int
    errors: int
    error_rate: float | None
    latency_ms: Latency
    input_tokens: int
    output_tokens: int
    cost_usd: float
    cost_per_1k_tokens: float | None
    unpriced_calls: int


class Providers(BaseModel):
    window: WindowPublic
    items: list[ProviderRow]


class UsageRow(BaseModel):
    day: str | None = None
    project_id: str | None = None
    agent_id: str | None = None
    model: str | None = None
    input_tokens: int
    output_tokens: int
    cost_usd: float
    spans: int


class Usage(BaseModel):
    window: WindowPublic
    group_by: list[str]
    items: list[UsageRow]
    totals: dict[str, Any]
