"""An agent's observed health and activity, judged from what was last heard of it. Pure.

In order: an agent that sends heartbeats and has been silent past the timeout is `offline`; a failed probe of
its endpoint, or a success rate under the unhealthy threshold, makes it `unhealthy`; a success rate under the
degraded threshold, or a p95 task time over the latency limit, makes it `degraded`; any recent sign of life makes
it `healthy`; with none, it is `unknown`. Success rate and p95 count only over at least `min_tasks` tasks of the
health window; a latency limit of 0 turns the latency check off. It is `busy` while its last heartbeat reports
active tasks or a span started in the last minute, else `idle`.

Each check judged goes into `checks` (`heartbeat`, `probe`, `success_rate`, `latency_p95`) with whether it passed
and a plain-words detail; the reason of a verdict names what decided it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ams.agents.lifecycle import Activity, Health

BUSY_WINDOW = timedelta(minutes=1)
RECENT = timedelta(hours=1)  # a span or heartbeat this recent is a sign of life


@dataclass(frozen=True)
class Probe:
    ok: bool
    detail: str
    at: datetime


@dataclass(frozen=True)
class Thresholds:
    heartbeat_timeout: timedelta = timedelta(seconds=90)
    degraded_tsr: float = 0.9
    unhealthy_tsr: float = 0.7
    degraded_p95_ms: float = 30_000  # 0: no latency check
    min_tasks: int = 5


@dataclass(frozen=True)
class Signals:
    now: datetime
    last_heartbeat: datetime | None = None
    last_span: datetime | None = None
    active_tasks: int = 0  # in the last heartbeat
    tasks: int = 0  # over the health window
    tsr: float | None = None
    p95_ms: float | None = None  # task time, over the health window
    probe: Probe | None = None


@dataclass(frozen=True)
class HealthVerdict:
    health: Health
    activity: Activity
    reason: str
    checks: dict[str, Any] = field(default_factory=dict)


def _ago(now: datetime, then: datetime) -> str:
    seconds = max(0, int((now - then).total_seconds()))
    return f"{seconds} s ago" if seconds < 120 else f"{seconds // 60} min ago"


def _duration(ms: float) -> str:
    if round(ms) < 1000:
        return f"{ms:.0f} ms"
    return f"{ms / 1000:.1f}".removesuffix(".0") + " s"


def judge_health(signals: Signals, limits: Thresholds) -> HealthVerdict:
    now = signals.now
    checks: dict[str, Any] = {}
    silent = False
    if signals.last_heartbeat is not None:
        silent = now - signals.last_heartbeat > limits.heartbeat_timeout
        checks["heartbeat"] = {"ok": not silent, "detail": f"last heartbeat {_ago(now, signals.last_heartbeat)}"}
    if signals.probe is not None:
        checks["probe"] = {"ok": signals.probe.ok, "detail": signals.probe.detail, "at": signals.probe.at.isoformat()}
    rated = signals.tsr is not None and signals.tasks >= limits.min_tasks
    if rated:
        checks["success_rate"] = {
            "ok": signals.tsr >= limits.degraded_tsr,  # type: ignore[operator]
            "detail": f"{signals.tsr:.0%} of {signals.tasks} tasks succeeded",
        }
    slow = False
    if limits.degraded_p95_ms > 0 and signals.p95_ms is not None and signals.tasks >= limits.min_tasks:
        slow = signals.p95_ms > limits.degraded_p95_ms
        checks["latency_p95"] = {
            "ok": not slow,
            "detail": f"95% of {signals.tasks} tasks finished within {_duration(signals.p95_ms)} "
            f"(limit {_duration(limits.degraded_p95_ms)})",
        }
    fresh_beat = signals.last_heartbeat is not None and not silent
    busy = (fresh_beat and signals.active_tasks > 0) or (
        signals.last_span is not None and now - signals.last_span <= BUSY_WINDOW
    )
    activity = Activity.BUSY if busy else Activity.IDLE
    if silent:
        timeout = int(limits.heartbeat_timeout.total_seconds())
        return HealthVerdict(Health.OFFLINE, Activity.IDLE, f"no heartbeat for over {timeout} s", checks)
    if signals.probe is not None and not signals.probe.ok:
        return HealthVerdict(Health.UNHEALTHY, activity, f"its endpoint failed a probe: {signals.probe.detail}", checks)
    if rated and signals.tsr < limits.unhealthy_tsr:  # type: ignore[operator]
        return HealthVerdict(Health.UNHEALTHY, activity, checks["success_rate"]["detail"], checks)
    if rated and signals.tsr < limits.degraded_tsr:  # type: ignore[operator]
        return HealthVerdict(Health.DEGRADED, activity, checks["success_rate"]["detail"], checks)
    if slow:
        return HealthVerdict(Health.DEGRADED, activity, checks["latency_p95"]["detail"], checks)
    alive = (
        fresh_beat
        or (signals.probe is not None and signals.probe.ok)
        or (signals.last_span is not None and now - signals.last_span <= RECENT)
    )
    if alive:
        return HealthVerdict(Health.HEALTHY, activity, "heard from recently, nothing wrong", checks)
    return HealthVerdict(Health.UNKNOWN, activity, "nothing heard from it recently", checks)
