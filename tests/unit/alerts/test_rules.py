"""Judging alert conditions, checking rule definitions, and deciding which alerts open, refresh or resolve."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ams.alerts.evaluation import Observation, OpenAlert, RuleSpec, evaluate, reconcile
from ams.alerts.lifecycle import AlertStatus, acknowledged, resolved
from ams.alerts.rules import (
    BUILTIN_RULES,
    Condition,
    ScopeType,
    breaches,
    check_rule,
    judge,
    metric,
    window_baseline,
)
from ams.errors import Conflict

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("condition", "threshold", "value", "previous", "baseline", "expected"),
    [
        (Condition.ABOVE, 10, 11, None, None, True),
        (Condition.ABOVE, 10, 10, None, None, False),
        (Condition.BELOW, 0.7, 0.69, None, None, True),
        (Condition.BELOW, 0.7, None, None, None, False),  # no data breaches nothing
        (Condition.CHANGE_ABOVE, 50, 160, 100, None, True),
        (Condition.CHANGE_ABOVE, 50, 140, 100, None, False),
        (Condition.CHANGE_BELOW, 50, 40, 100, None, True),
        (Condition.CHANGE_ABOVE, 50, 160, None, None, False),  # nothing to compare with
        (Condition.CHANGE_ABOVE, 50, 160, 0, None, False),
        (Condition.DEVIATION, 3, 20, None, (10, 2), True),
        (Condition.DEVIATION, 3, 15, None, (10, 2), False),
        (Condition.DEVIATION, 3, 0, None, (10, 2), True),  # both directions
        (Condition.DEVIATION, 3, 20, None, None, False),  # no baseline learnt yet
    ],
)
def test_conditions(condition, threshold, value, previous, baseline, expected):
    assert breaches(condition, threshold, value, previous, baseline) is expected
    assert judge(condition, threshold, value, previous=previous, baseline=baseline).breached is expected


def test_reasons_are_plain_words_in_the_metrics_unit():
    assert judge(Condition.BELOW, 0.7, 0.4, unit="fraction").why == "40.0% is below 70.0%"
    assert judge(Condition.ABOVE, 30_000, 45_000, unit="ms").why == "45.0 s is above 30.0 s"
    assert judge(Condition.ABOVE, 50, 61.5, unit="USD").why == "$61.50 is above $50.00"
    assert judge(Condition.CHANGE_ABOVE, 50, 3, unit="tasks", previous=1).why == (
        "3 tasks rose 200% from 1 tasks in the previous window"
    )
    assert judge(Condition.DEVIATION, 3, 20, baseline=(10, 2)).why == "20 is 5.0σ from the baseline mean 10"


def test_rule_definitions_are_checked_by_field():
    assert check_rule("tsr", ScopeType.PROJECT, "prj_1", Condition.BELOW) == {}
    assert set(check_rule("nope", ScopeType.FLEET, "", Condition.ABOVE)) == {"metric"}
    assert set(check_rule("provider_error_rate", ScopeType.TAG, "x", Condition.ABOVE)) == {"scope.type"}
    assert set(check_rule("tsr", ScopeType.AGENT, "", Condition.BELOW)) == {"scope.value"}
    assert set(check_rule("hir", ScopeType.FLEET, "", Condition.DEVIATION)) == {"condition"}
    assert metric("heartbeat.queue_depth") is not None and metric("heartbeat.") is None


def test_the_builtin_rules_are_valid_definitions():
    for rule in BUILTIN_RULES:
        assert check_rule(rule.metric, ScopeType.FLEET, "", rule.condition) == {}, rule.key


def _seen(subject: str, value: float | None, tasks: int = 10) -> Observation:
    return Observation("agent", subject, value, label=subject, agent_id=subject, tasks=tasks)


def test_evaluate_returns_only_breaches_and_respects_min_tasks():
    rule = RuleSpec("r1", "tsr", Condition.BELOW, 0.7, min_tasks=5, cooldown_s=0)
    found = evaluate(rule, [_seen("a", 0.5), _seen("b", 0.9), _seen("c", 0.1, tasks=2), _seen("d", None)])
    assert [v.observation.subject_id for v in found] == ["a"]
    assert found[0].dedup_key == "r1|agent|a" and found[0].why == "50.0% is below 70.0%"


def test_reconcile_opens_refreshes_resolves_and_keeps_quiet_in_cooldown():
    rule = RuleSpec("r1", "tsr", Condition.BELOW, 0.7, min_tasks=0, cooldown_s=900)
    found = evaluate(rule, [_seen("new", 0.1), _seen("still", 0.2), _seen("quiet", 0.3), _seen("late", 0.3)])
    open_alerts = {
        key: OpenAlert(alert_id, key)
        for key, alert_id in (("r1|agent|still", "alr_1"), ("r1|agent|gone", "alr_2"), ("r9|agent|other", "alr_3"))
    }
    resolved_at = {"r1|agent|quiet": NOW - timedelta(minutes=5), "r1|agent|late": NOW - timedelta(minutes=20)}
    plan = reconcile(found, open_alerts, resolved_at, {"r1": 900}, NOW, evaluated_rules={"r1"})
    assert sorted(v.observation.subject_id for v in plan.to_open) == ["late", "new"]
    assert [(a.id, v.observation.subject_id) for a, v in plan.to_refresh] == [("alr_1", "still")]
    assert [(a.id, why) for a, why in plan.to_resolve] == [("alr_2", "the condition no longer holds")]


def test_alert_lifecycle():
    assert acknowledged("firing") is AlertStatus.ACKNOWLEDGED
    assert resolved("firing") is AlertStatus.RESOLVED and resolved("acknowledged") is AlertStatus.RESOLVED
    with pytest.raises(Conflict):
        acknowledged("acknowledged")
    with pytest.raises(Conflict):
        resolved("resolved")


def test_a_baseline_learnt_per_bucket_scales_to_the_rules_window_for_sums_only():
    # 5-minute buckets of 10 tasks (± 2): a 15-minute window expects 30 (± 2√3); 30 tasks there is no news.
    mean, std = window_baseline("tasks", 10.0, 2.0, 1.0, 5, 15)
    assert mean == pytest.approx(30.0) and std == pytest.approx(2.0 * 3**0.5)
    assert not breaches(Condition.DEVIATION, 3.0, 30.0, baseline=(mean, std))
    assert breaches(Condition.DEVIATION, 3.0, 60.0, baseline=(mean, std))
    # A rate is compared as learnt, whatever the window.
    assert window_baseline("error_rate", 0.1, 0.06, 0.05, 5, 60) == (0.1, 0.06)


def test_a_baseline_that_never_moved_is_floored_as_surveillance_floors_it():
    # Cost never moved: without a floor, any cent more would be infinitely many deviations away.
    mean, std = window_baseline("cost_usd", 0.5, 0.0, 0.001, 5, 5)
    assert std == pytest.approx(0.025)  # 5% of the mean, above the absolute floor
    assert not breaches(Condition.DEVIATION, 3.0, 0.55, baseline=(mean, std))
    assert breaches(Condition.DEVIATION, 3.0, 0.6, baseline=(mean, std))
