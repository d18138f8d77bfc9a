"""The KPI framework of DESIGN §4, from aggregates to named figures. Pure.

A task is a span with no parent (or a task/agent span with no parent). It succeeds when its recorded outcome
is `success` or, with no outcome, when its root span is not an error. TSR = successes / tasks; HIR = tasks with a
human intervention / tasks; error rate = failed tasks / tasks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class TaskAggregate:
    tasks: int = 0
    successes: int = 0
    failures: int = 0
    interventions: int = 0
    p50: float | None = None
    p95: float | None = None
    p99: float | None = None


@dataclass
class SpanAggregate:
    spans: int = 0
    span_errors: int = 0
    cost_usd: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    unpriced_spans: int = 0
    unpriced_models: list[str] | None = None


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def kpis(tasks: TaskAggregate, spans: SpanAggregate, window_hours: float) -> dict[str, Any]:
    """The KPI document of DESIGN §4 (rates are fractions 0–1; None when there is nothing to divide by)."""
    tokens = spans.input_tokens + spans.output_tokens
    return {
        "tasks": tasks.tasks,
        "successes": tasks.successes,
        "failures": tasks.failures,
        "tsr": _ratio(tasks.successes, tasks.tasks),
        "hir": _ratio(tasks.interventions, tasks.tasks),
        "error_rate": _ratio(tasks.failures, tasks.tasks),
        "span_error_rate": _ratio(spans.span_errors, spans.spans),
        "latency_ms": {"p50": tasks.p50, "p95": tasks.p95, "p99": tasks.p99},
        "throughput_per_hour": tasks.tasks / window_hours if window_hours > 0 else None,
        "cost_usd": round(spans.cost_usd, 10),
        "cost_per_task": _ratio(spans.cost_usd, tasks.tasks),
        "input_tokens": spans.input_tokens,
        "output_tokens": spans.output_tokens,
        "cached_input_tokens": spans.cached_input_tokens,
        "tokens_per_success": _ratio(tokens, tasks.successes),
        "spans": spans.spans,
        "unpriced_spans": spans.unpriced_spans,
        "unpriced_models": sorted(spans.unpriced_models or []),
    }


def _same(_hours: float, value: float) -> float:
    return value


# A time series computes one figure per point, straight from the point's sums: for each metric, the sums it reads
# and its formula over them and the bucket's hours. Same formulas as `kpis` (a unit test holds them to it);
# building the whole document for each of thousands of points cost most of a series' time.
SERIES: dict[str, tuple[tuple[str, ...], Callable[..., float | None]]] = {
    "tasks": (("tasks",), _same),
    "successes": (("successes",), _same),
    "failures": (("failures",), _same),
    "tsr": (("successes", "tasks"), lambda _h, successes, tasks: _ratio(successes, tasks)),
    "hir": (("interventions", "tasks"), lambda _h, interventions, tasks: _ratio(interventions, tasks)),
    "error_rate": (("failures", "tasks"), lambda _h, failures, tasks: _ratio(failures, tasks)),
    "throughput_per_hour": (("tasks",), lambda hours, tasks: tasks / hours if hours > 0 else None),
    "spans": (("spans",), _same),
    "span_error_rate": (("span_errors", "spans"), lambda _h, errors, spans: _ratio(errors, spans)),
    "cost_usd": (("cost_usd",), lambda _h, cost: round(cost, 10)),
    "input_tokens": (("input_tokens",), _same),
    "output_tokens": (("output_tokens",), _same),
    "tokens": (("input_tokens", "output_tokens"), lambda _h, tokens_in, tokens_out: tokens_in + tokens_out),
    "cost_per_task": (("cost_usd", "tasks"), lambda _h, cost, tasks: _ratio(cost, tasks)),
    "tokens_per_success": (
        ("input_tokens", "output_tokens", "successes"),
        lambda _h, tokens_in, tokens_out, successes: _ratio(tokens_in + tokens_out, successes),
    ),
}
