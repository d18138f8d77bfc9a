"""What an alert rule can watch and how its condition is judged; the built-in rules of the seeds. Pure.

A rule watches one metric over a window for a scope. The metric decides what a firing is about (its subject):
agent metrics fire per agent of the scope, provider and model metrics per provider or model, scope metrics
(spend, tasks waiting with no agent to serve them) once for the scope as a whole, budgets per spend cap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    HIGH = "high"
    CRITICAL = "critical"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANKS[self]


_SEVERITY_RANKS = {severity: rank for rank, severity in enumerate(Severity)}


class Category(StrEnum):
    SYSTEM = "system"
    SECURITY = "security"
    PERFORMANCE = "performance"
    COST = "cost"
    COMPLIANCE = "compliance"


class Condition(StrEnum):
    ABOVE = "above"  # value > threshold
    BELOW = "below"  # value < threshold
    CHANGE_ABOVE = "change_above"  # grew by more than threshold percent against the previous window
    CHANGE_BELOW = "change_below"  # fell by more than threshold percent against the previous window
    DEVIATION = "deviation"  # more than threshold standard deviations from the agent's learnt baseline


class ScopeType(StrEnum):
    FLEET = "fleet"
    PROJECT = "project"
    AGENT = "agent"
    TAG = "tag"
    PROVIDER = "provider"
    MODEL = "model"


class Subject(StrEnum):
    AGENT = "agent"
    PROVIDER = "provider"
    MODEL = "model"
    SCOPE = "scope"
    SPEND_CAP = "spend_cap"


@dataclass(frozen=True)
class Metric:
    name: str
    subject: Subject
    unit: str
    description: str


_AGENT_KPIS = {
    "tasks": ("tasks", "Tasks started in the window"),
    "tsr": ("fraction", "Task success rate"),
    "hir": ("fraction", "Human intervention rate"),
    "error_rate": ("fraction", "Failed tasks / tasks"),
    "span_error_rate": ("fraction", "Spans in error / spans"),
    "latency_p50": ("ms", "Median task duration"),
    "latency_p95": ("ms", "95th percentile of task duration"),
    "latency_p99": ("ms", "99th percentile of task duration"),
    "throughput_per_hour": ("tasks/h", "Tasks per hour"),
    "cost_usd": ("USD", "The agent's spend in the window"),
    "cost_per_task": ("USD", "Spend per task"),
    "tokens": ("tokens", "Input plus output tokens"),
    "tokens_per_success": ("tokens", "Tokens per successful task"),
    "cost_spike": ("×", "The costliest task of the window against the agent's mean task cost over the last 24 hours"),
    "cpu_percent": ("%", "Mean CPU use in heartbeats"),
    "memory_percent": ("%", "Mean memory use in heartbeats"),
    "memory_mb": ("MB", "Mean memory in heartbeats"),
    "active_tasks": ("tasks", "Mean active tasks in heartbeats"),
}
METRICS: dict[str, Metric] = {
    name: Metric(name, Subject.AGENT, unit, text) for name, (unit, text) in _AGENT_KPIS.items()
} | {
    "provider_error_rate": Metric("provider_error_rate", Subject.PROVIDER, "fraction", "Failed calls / calls"),
    "provider_latency_p95": Metric("provider_latency_p95", Subject.PROVIDER, "ms", "95th percentile of call time"),
    "model_error_rate": Metric("model_error_rate", Subject.MODEL, "fraction", "Failed calls / calls, per model"),
    "model_latency_p95": Metric("model_latency_p95", Subject.MODEL, "ms", "95th percentile of call time"),
    "spend_usd": Metric("spend_usd", Subject.SCOPE, "USD", "Total spend of the scope in the window"),
    "budget_used": Metric(
        "budget_used",
        Subject.SPEND_CAP,
        "fraction",
        "What a spend cap (a policy's budget) counted in its current hour, day or month, or in total, against its "
        "amount; judged per cap, whatever the rule's window. A blocking cap refuses calls at 100%",
    ),
    "tasks_waiting_unserved": Metric(
        "tasks_waiting_unserved",
        Subject.SCOPE,
        "tasks",
        "Tasks waiting (heartbeat metric tasks_waiting) while no agent of the scope is active and online",
    ),
}
# Heartbeat custom metrics: `heartbeat.<name>`, the mean of what agents report under that name.
CUSTOM_PREFIX = "heartbeat."
_CUSTOM = re.compile(r"^heartbeat\.[A-Za-z0-9_.:-]{1,100}$")
# What surveillance learns a baseline of, so what `deviation` can be judged on.
BASELINE_METRICS = ("tasks", "error_rate", "latency_p95", "cost_usd", "tokens", "cpu_percent", "memory_percent")
# Of those, the ones that add up over time: a window of n baseline buckets expects n times the bucket's figure.
ADDITIVE_METRICS = frozenset({"tasks", "cost_usd", "tokens"})
# Metrics where a rule's min_tasks applies (tasks, or calls for providers and models): rates over a handful say
# little.
SAMPLED_METRICS = frozenset(
    {"tsr", "hir", "error_rate", "latency_p50", "latency_p95", "latency_p99", "cost_per_task"}
    | {"provider_error_rate", "provider_latency_p95", "model_error_rate", "model_latency_p95"}
)

_SCOPES_FOR: dict[Subject, frozenset[ScopeType]] = {
    Subject.AGENT: frozenset({ScopeType.FLEET, ScopeType.PROJECT, ScopeType.AGENT, ScopeType.TAG}),
    Subject.SCOPE: frozenset({ScopeType.FLEET, ScopeType.PROJECT, ScopeType.AGENT, ScopeType.TAG}),
    # The caps of policies scoped to that project, agent or tag (or every cap, for the fleet).
    Subject.SPEND_CAP: frozenset({ScopeType.FLEET, ScopeType.PROJECT, ScopeType.AGENT, ScopeType.TAG}),
    Subject.PROVIDER: frozenset({ScopeType.FLEET, ScopeType.PROVIDER}),
    Subject.MODEL: frozenset({ScopeType.FLEET, ScopeType.PROVIDER, ScopeType.MODEL}),
}


def metric(name: str) -> Metric | None:
    if name in METRICS:
        return METRICS[name]
    if _CUSTOM.match(name):
        return Metric(name, Subject.AGENT, "", f"Mean of the heartbeat metric {name.removeprefix(CUSTOM_PREFIX)!r}")
    return None


def check_rule(metric_name: str, scope_type: ScopeType, scope_value: str, condition: Condition) -> dict[str, str]:
    """What is wrong with a rule's definition, by field ({} when nothing is)."""
    found = metric(metric_name)
    if found is None:
        return {"metric": f"unknown metric {metric_name!r}; see GET /api/v1/alert-metrics"}
    problems: dict[str, str] = {}
    if scope_type not in _SCOPES_FOR[found.subject]:
        allowed = ", ".join(sorted(_SCOPES_FOR[found.subject]))
        problems["scope.type"] = f"{metric_name} is watched per {found.subject}: use a scope of {allowed}"
    if scope_type is not ScopeType.FLEET and not scope_value:
        problems["scope.value"] = f"a {scope_type} scope names its {scope_type}"
    if condition is Condition.DEVIATION and metric_name not in BASELINE_METRICS:
        problems["condition"] = f"deviation is judged on learnt baselines: {', '.join(BASELINE_METRICS)}"
    return problems


def window_baseline(
    name: str, mean: float, std: float, floor: float, bucket_minutes: float, window_minutes: float
) -> tuple[float, float]:
    """A baseline learnt per bucket, as (mean, std) for a rule's window. Sums (tasks, cost, tokens) scale with the
    window: n buckets expect n times the mean, and, taken as independent, √n times the deviation. Rates and levels
    are compared as learnt. The deviation is floored (`floor`, or 5% of the mean) as surveillance floors it: a
    metric that never moved would make any change look infinitely many deviations away."""
    spread = max(std, floor, 0.05 * abs(mean))
    if name in ADDITIVE_METRICS:
        buckets = max(window_minutes / bucket_minutes, 1.0)
        return mean * buckets, spread * buckets**0.5
    return mean, spread


@dataclass(frozen=True)
class Judgement:
    breached: bool
    why: str  # the reason in plain words, shown with the alert


def breaches(
    condition: Condition,
    threshold: float,
    value: float | None,
    previous: float | None = None,
    baseline: tuple[float, float] | None = None,
) -> bool:
    """`judge(...).breached` without the words: evaluation asks this of every subject of every rule."""
    if value is None:
        return False
    if condition is Condition.ABOVE:
        return value > threshold
    if condition is Condition.BELOW:
        return value < threshold
    if condition is Condition.DEVIATION:
        return baseline is not None and baseline[1] > 0 and abs(value - baseline[0]) / baseline[1] > threshold
    if previous is None or previous == 0:
        return False
    change = (value - previous) / abs(previous) * 100
    return change > threshold if condition is Condition.CHANGE_ABOVE else -change > threshold


def judge(
    condition: Condition,
    threshold: float,
    value: float | None,
    *,
    unit: str = "",
    previous: float | None = None,
    baseline: tuple[float, float] | None = None,
) -> Judgement:
    """Whether `value` breaches the condition. A value that is missing (no data), or a change or deviation that
    cannot be computed (no previous value, no baseline), breaches nothing."""
    if value is None:
        return Judgement(False, "no data in the window")
    shown = _show(value, unit)
    if condition is Condition.ABOVE:
        return Judgement(value > threshold, f"{shown} is above {_show(threshold, unit)}")
    if condition is Condition.BELOW:
        return Judgement(value < threshold, f"{shown} is below {_show(threshold, unit)}")
    if condition in (Condition.CHANGE_ABOVE, Condition.CHANGE_BELOW):
        if previous is None or previous == 0:
            return Judgement(False, "no value in the previous window to compare with")
        change = (value - previous) / abs(previous) * 100
        rising = condition is Condition.CHANGE_ABOVE
        breached = change > threshold if rising else -change > threshold
        direction = "rose" if change >= 0 else "fell"
        return Judgement(
            breached, f"{shown} {direction} {abs(change):.0f}% from {_show(previous, unit)} in the previous window"
        )
    if baseline is None:
        return Judgement(False, "no baseline learnt yet")
    mean, std = baseline
    sigmas = (value - mean) / std if std > 0 else 0.0
    return Judgement(
        abs(sigmas) > threshold, f"{shown} is {abs(sigmas):.1f}σ from the baseline mean {_show(mean, unit)}"
    )


def _show(value: float, unit: str) -> str:
    if unit == "fraction":
        return f"{value:.1%}"
    if unit == "USD":
        return f"${value:,.4f}" if abs(value) < 1 else f"${value:,.2f}"
    if unit == "ms":
        return f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms"
    if unit == "×":
        return f"{value:.1f}×"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{number} {unit}".rstrip()


@dataclass(frozen=True)
class BuiltinRule:
    key: str
    name: str
    description: str
    metric: str
    window: str
    condition: Condition
    threshold: float
    severity: Severity
    category: Category
    min_tasks: int = 0
    interval_s: int = 60


# The seeds' defaults (seed 003): every organization gets these and may tune or disable them.
BUILTIN_RULES = (
    BuiltinRule(
        "slow_tasks", "Slow tasks", "Task time over 30 s (p95 over 15 minutes).",
        "latency_p95", "15m", Condition.ABOVE, 30_000, Severity.WARNING, Category.PERFORMANCE, min_tasks=1,
    ),
    BuiltinRule(
        "cost_spike", "Cost spike", "A task costing more than 3 times the agent's mean task over the last 24 hours.",
        "cost_spike", "15m", Condition.ABOVE, 3.0, Severity.WARNING, Category.COST,
    ),
    BuiltinRule(
        "provider_errors", "Provider errors", "A provider's error rate over 20% (15 minutes).",
        "provider_error_rate", "15m", Condition.ABOVE, 0.2, Severity.WARNING, Category.PERFORMANCE, min_tasks=5,
    ),
    BuiltinRule(
        "low_success", "Low success rate", "An agent's task success rate under 70% (1 hour, at least 5 tasks).",
        "tsr", "1h", Condition.BELOW, 0.7, Severity.CRITICAL, Category.PERFORMANCE, min_tasks=5,
    ),
    BuiltinRule(
        "daily_spend", "Spend over budget",
        "A spend cap's spend in its current period (the day, for a daily budget) reaching its amount.",
        "budget_used", "24h", Condition.ABOVE, 0.99, Severity.CRITICAL, Category.COST,
    ),
    BuiltinRule(
        "tasks_waiting", "Tasks waiting with no active agent",
        "Agents report tasks waiting (heartbeat metric tasks_waiting) but no agent is active and online.",
        "tasks_waiting_unserved", "5m", Condition.ABOVE, 0, Severity.CRITICAL, Category.SYSTEM,
    ),
)  # fmt: skip
