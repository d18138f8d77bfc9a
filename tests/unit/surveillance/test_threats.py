"""Threat rules and the security score."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ams.surveillance.threats import Activity, counts_again, findings, penalised, recovered, released

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


def _rules(**activity) -> list[str]:
    return [f.rule for f in findings(Activity(**activity))]


def test_each_threat_rule_holds_past_its_limit_only():
    assert _rules(tasks_15m=10, failures_15m=3) == ["excessive_errors"]
    assert _rules(tasks_15m=10, failures_15m=2) == []  # 20% is not over 20%
    assert _rules(tasks_15m=4, failures_15m=4) == []  # too few tasks
    covered = timedelta(minutes=9)
    assert _rules(cpu_min_10m=97, memory_min_10m=50, heartbeat_coverage_10m=covered) == ["resource_abuse"]
    assert _rules(cpu_min_10m=97, heartbeat_coverage_10m=timedelta(minutes=3)) == []  # not 10 minutes yet
    assert _rules(task_sigmas=4.2) == ["abnormal_task_pattern"]
    assert _rules(forest_score=0.75) == ["anomaly"]
    assert _rules(status_changes_5m=11) == ["rapid_status_changes"]
    assert _rules(egress_bytes_1h=1_200_000_000) == ["data_exfiltration"]
    assert _rules(egress_bytes_1h=900_000_000) == []


def test_the_score_falls_by_severity_and_recovers_slowly():
    assert penalised(100, "warning") == 85 and penalised(100, "high") == 80 and penalised(100, "critical") == 70
    assert penalised(10, "critical") == 0
    assert recovered(50, NOW - timedelta(hours=2), NOW) == 60
    assert recovered(99, NOW - timedelta(hours=10), NOW) == 100


def test_a_lasting_threat_counts_again_by_severity():
    five_minutes_ago = NOW - timedelta(minutes=5)
    assert counts_again("critical", five_minutes_ago, NOW)
    assert not counts_again("high", five_minutes_ago, NOW)
    assert counts_again("high", NOW - timedelta(minutes=11), NOW)
    assert counts_again("warning", None, NOW)


def test_an_anomaly_names_the_metrics_that_drove_it():
    [anomaly] = findings(Activity(forest_score=0.78, drivers=["tasks +2.4σ", "cost_usd -2.4σ"]))
    assert anomaly.title == "the last 5 minutes look like nothing in the baseline: tasks +2.4σ, cost_usd -2.4σ"
    assert anomaly.detail == {"forest_score": 0.78, "drivers": ["tasks +2.4σ", "cost_usd -2.4σ"]}


def test_a_release_is_a_fresh_start_that_never_lowers_a_score():
    assert released(10, 50) == 50
    assert released(80, 50) == 80  # a person's review does not cost a clean agent points
