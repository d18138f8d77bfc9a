"""The threat rules of seed 004 and the security score they move. Pure.

Rules, each judged on what an agent did recently:
- excessive errors: over 20% of its tasks failed in the last 15 minutes (at least 5 tasks);
- resource abuse: CPU or memory above 95% in every heartbeat of the last 10 minutes (covering 8 of them);
- abnormal task patterns: tasks in the last 5 minutes more than 3σ from its baseline;
- anomaly: the baseline's forest isolates the last 5 minutes;
- rapid status changes: more than 10 lifecycle or health changes in 5 minutes;
- data exfiltration: over 1 GB of tool output or egress in the last hour.

The score starts at 100 and loses 15, 20 or 30 points per finding by severity; it recovers 5 points an hour
without findings. A rule that keeps holding counts again only after its severity's repeat interval, except a
critical one, which counts every round it holds: a sustained exfiltration sinks the score within minutes.
A person resuming a quarantined agent gives it a fresh start (`released`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

START_SCORE = 100.0
POINTS = {"warning": 15.0, "high": 20.0, "critical": 30.0}
REPEAT_AFTER = {"warning": timedelta(minutes=30), "high": timedelta(minutes=10), "critical": timedelta(0)}
RECOVERY_PER_HOUR = 5.0
ERROR_RATE_LIMIT, MIN_TASKS = 0.2, 5
RESOURCE_LIMIT, RESOURCE_SPAN, RESOURCE_COVERAGE = 95.0, timedelta(minutes=10), timedelta(minutes=8)
STATUS_CHANGES_LIMIT = 10
EGRESS_LIMIT_BYTES = 1_000_000_000


@dataclass(frozen=True)
class Activity:
    """What surveillance read of one agent this round."""

    tasks_15m: int = 0
    failures_15m: int = 0
    cpu_min_10m: float | None = None
    memory_min_10m: float | None = None
    heartbeat_coverage_10m: timedelta = timedelta(0)  # from the first to the last heartbeat of the 10 minutes
    status_changes_5m: int = 0
    egress_bytes_1h: int = 0
    task_sigmas: float | None = None  # tasks in the last 5 minutes, in baseline deviations
    forest_score: float | None = None
    drivers: list[str] = field(default_factory=list)  # metrics furthest from the baseline


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    title: str
    detail: dict[str, Any]


def findings(activity: Activity, forest_threshold: float = 0.7, sigmas: float = 3.0) -> list[Finding]:
    found = []
    if activity.tasks_15m >= MIN_TASKS and activity.failures_15m / activity.tasks_15m > ERROR_RATE_LIMIT:
        rate = activity.failures_15m / activity.tasks_15m
        found.append(
            Finding("excessive_errors", "high", f"{rate:.0%} of {activity.tasks_15m} tasks failed in 15 minutes",
                    {"error_rate": round(rate, 3), "tasks": activity.tasks_15m})
        )  # fmt: skip
    if activity.heartbeat_coverage_10m >= RESOURCE_COVERAGE:
        for name, low in (("cpu", activity.cpu_min_10m), ("memory", activity.memory_min_10m)):
            if low is not None and low > RESOURCE_LIMIT:
                found.append(
                    Finding("resource_abuse", "high", f"{name} above {RESOURCE_LIMIT:.0f}% for 10 minutes",
                            {"resource": name, "lowest_percent": round(low, 1)})
                )  # fmt: skip
    if activity.task_sigmas is not None and abs(activity.task_sigmas) > sigmas:
        found.append(
            Finding("abnormal_task_pattern", "warning",
                    f"tasks in the last 5 minutes {activity.task_sigmas:+.1f}σ from the baseline",
                    {"task_sigmas": round(activity.task_sigmas, 2), "drivers": activity.drivers})
        )  # fmt: skip
    if activity.forest_score is not None and activity.forest_score > forest_threshold:
        # The title names the drivers: it becomes the alert's summary, and "unlike the baseline" alone says
        # nothing a person can check.
        named = f": {', '.join(activity.drivers)}" if activity.drivers else ""
        found.append(
            Finding("anomaly", "warning", f"the last 5 minutes look like nothing in the baseline{named}",
                    {"forest_score": round(activity.forest_score, 3), "drivers": activity.drivers})
        )  # fmt: skip
    if activity.status_changes_5m > STATUS_CHANGES_LIMIT:
        found.append(
            Finding("rapid_status_changes", "high", f"{activity.status_changes_5m} status changes in 5 minutes",
                    {"changes": activity.status_changes_5m})
        )  # fmt: skip
    if activity.egress_bytes_1h > EGRESS_LIMIT_BYTES:
        found.append(
            Finding("data_exfiltration", "critical",
                    f"{activity.egress_bytes_1h / 1e9:.2f} GB of tool output or egress in an hour",
                    {"egress_bytes": activity.egress_bytes_1h})
        )  # fmt: skip
    return found


def counts_again(severity: str, last_counted: datetime | None, now: datetime) -> bool:
    """Whether a finding of a rule that already held counts against the score again now."""
    return last_counted is None or now - last_counted >= REPEAT_AFTER[severity]


def recovered(score: float, since: datetime, now: datetime) -> float:
    """The score after recovering for the time since it was last updated."""
    hours = max(0.0, (now - since).total_seconds() / 3600)
    return min(START_SCORE, score + RECOVERY_PER_HOUR * hours)


def penalised(score: float, severity: str) -> float:
    return max(0.0, score - POINTS[severity])


def released(score: float, release_score: float) -> float:
    """The score of an agent a person has just resumed out of quarantine: a fresh start at `release_score` at
    least. Left where it was, a score under the quarantine threshold would quarantine the agent again in the
    next round, undoing the person's decision on the findings they have already reviewed."""
    return max(score, release_score)
