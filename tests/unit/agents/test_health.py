"""Health from what was last heard of an agent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ams.agents.health import Probe, Signals, Thresholds, judge_health
from ams.agents.lifecycle import Activity, Health

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)
LIMITS = Thresholds(heartbeat_timeout=timedelta(seconds=90))


def _judge(**signals):
    return judge_health(Signals(now=NOW, **signals), LIMITS)


def test_silence_past_the_timeout_is_offline_whatever_else():
    verdict = _judge(last_heartbeat=NOW - timedelta(seconds=91), tasks=50, tsr=1.0, active_tasks=3)
    assert verdict.health is Health.OFFLINE and verdict.activity is Activity.IDLE
    assert verdict.reason == "no heartbeat for over 90 s" and verdict.checks["heartbeat"]["ok"] is False


def test_success_rate_grades_health_over_enough_tasks():
    beat = NOW - timedelta(seconds=10)
    assert _judge(last_heartbeat=beat, tasks=10, tsr=0.95).health is Health.HEALTHY
    assert _judge(last_heartbeat=beat, tasks=10, tsr=0.8).health is Health.DEGRADED
    unhealthy = _judge(last_heartbeat=beat, tasks=10, tsr=0.5)
    assert unhealthy.health is Health.UNHEALTHY and unhealthy.reason == "50% of 10 tasks succeeded"
    assert _judge(last_heartbeat=beat, tasks=3, tsr=0.0).health is Health.HEALTHY  # too few tasks to say


def test_a_failed_probe_is_unhealthy_and_a_good_one_is_a_sign_of_life():
    bad = Probe(False, "GET http://agent/healthz: ConnectError", NOW)
    assert _judge(probe=bad).health is Health.UNHEALTHY
    assert _judge(probe=Probe(True, "200", NOW)).health is Health.HEALTHY


def test_activity_and_the_unknown():
    assert _judge(last_heartbeat=NOW, active_tasks=2).activity is Activity.BUSY
    assert _judge(last_span=NOW - timedelta(seconds=30)).activity is Activity.BUSY
    assert _judge(last_span=NOW - timedelta(minutes=30)).health is Health.HEALTHY
    assert _judge(last_span=NOW - timedelta(hours=3)).health is Health.UNKNOWN
    assert _judge().health is Health.UNKNOWN


def test_slow_tasks_make_an_agent_degraded():
    beat = NOW - timedelta(seconds=10)
    slow = _judge(last_heartbeat=beat, tasks=12, tsr=1.0, p95_ms=45_000)
    assert slow.health is Health.DEGRADED
    assert slow.reason == "95% of 12 tasks finished within 45 s (limit 30 s)"
    assert slow.checks["latency_p95"] == {"ok": False, "detail": slow.reason}
    quick = _judge(last_heartbeat=beat, tasks=12, tsr=1.0, p95_ms=850)
    assert quick.health is Health.HEALTHY
    assert quick.checks["latency_p95"] == {"ok": True, "detail": "95% of 12 tasks finished within 850 ms (limit 30 s)"}
    assert _judge(last_heartbeat=beat, tasks=12, tsr=1.0, p95_ms=30_000).health is Health.HEALTHY  # at the limit


def test_latency_counts_over_enough_tasks_and_a_zero_limit_turns_it_off():
    beat = NOW - timedelta(seconds=10)
    few = _judge(last_heartbeat=beat, tasks=4, tsr=1.0, p95_ms=90_000)
    assert few.health is Health.HEALTHY and "latency_p95" not in few.checks
    off = judge_health(
        Signals(now=NOW, last_heartbeat=beat, tasks=50, tsr=1.0, p95_ms=90_000), Thresholds(degraded_p95_ms=0)
    )
    assert off.health is Health.HEALTHY and "latency_p95" not in off.checks
    strict = judge_health(
        Signals(now=NOW, last_heartbeat=beat, tasks=50, tsr=1.0, p95_ms=1_500), Thresholds(degraded_p95_ms=1_000)
    )
    assert strict.health is Health.DEGRADED and strict.reason == "95% of 50 tasks finished within 1.5 s (limit 1 s)"


def test_latency_ranks_under_failures_and_a_failed_probe():
    beat = NOW - timedelta(seconds=10)
    failing = _judge(last_heartbeat=beat, tasks=10, tsr=0.5, p95_ms=60_000)
    assert failing.health is Health.UNHEALTHY and failing.reason == "50% of 10 tasks succeeded"
    assert failing.checks["latency_p95"]["ok"] is False  # still shown beside the check that decided
    shaky = _judge(last_heartbeat=beat, tasks=10, tsr=0.8, p95_ms=60_000)
    assert shaky.health is Health.DEGRADED and shaky.reason == "80% of 10 tasks succeeded"
    bad = Probe(False, "GET http://agent/ok answered 500 in 3 ms", NOW)
    assert _judge(probe=bad, tasks=10, tsr=1.0, p95_ms=60_000).health is Health.UNHEALTHY
    silent = _judge(last_heartbeat=NOW - timedelta(minutes=5), tasks=10, tsr=1.0, p95_ms=60_000)
    assert silent.health is Health.OFFLINE
