"""Baselines, deviations and the isolation forest, on seeded data: the same data always gives the same verdicts."""

from __future__ import annotations

import random

import numpy as np

from ams.surveillance.baseline import VECTOR, Forest, beyond_sigmas, drivers, learn


def _normal_buckets(n: int = 288, seed: int = 1) -> list[list[float]]:
    rng = np.random.default_rng(seed)
    rows = np.column_stack(
        [
            rng.normal(20, 3, n),  # tasks
            rng.uniform(0.0, 0.1, n),  # error rate
            rng.normal(1500, 150, n),  # p95 ms
            rng.normal(0.2, 0.02, n),  # cost
            rng.normal(30_000, 3_000, n),  # tokens
            rng.normal(35, 5, n),  # cpu
            rng.normal(50, 4, n),  # memory
        ]
    )
    return rows.tolist()


def test_too_few_buckets_learn_nothing():
    assert learn(_normal_buckets(5)) is None


def test_a_baseline_knows_its_means_and_names_what_is_beyond_three_sigma():
    baseline = learn(_normal_buckets())
    assert baseline is not None and baseline.samples == 288
    assert abs(baseline.means["tasks"] - 20) < 1 and abs(baseline.stds["tasks"] - 3) < 0.5
    ordinary = [21, 0.05, 1550, 0.21, 31_000, 36, 51]
    assert beyond_sigmas(baseline, ordinary) == {}
    burst = [80, 0.05, 1550, 0.85, 120_000, 36, 51]
    assert set(beyond_sigmas(baseline, burst)) == {"tasks", "cost_usd", "tokens"}
    assert drivers(baseline, burst)[0].startswith(("tasks", "cost_usd", "tokens"))


def test_a_metric_that_never_moved_is_judged_against_a_floor():
    flat = [[10, 0, 1000, 0.1, 1000, 0, 0] for _ in range(20)]
    baseline = learn(flat)
    assert baseline is not None
    assert beyond_sigmas(baseline, [11, 0, 1000, 0.1, 1000, 0, 0]) == {}  # one more task is not 1000σ
    assert "tasks" in beyond_sigmas(baseline, [15, 0, 1000, 0.1, 1000, 0, 0])


def test_the_forest_isolates_the_strange_and_is_deterministic():
    buckets = _normal_buckets()
    baseline = learn(buckets)
    assert baseline is not None
    forest = Forest(baseline, buckets)
    ordinary = [20, 0.05, 1500, 0.2, 30_000, 35, 50]
    strange = [2, 0.9, 9_000, 2.0, 1_000, 99, 99]
    assert not forest.isolates(ordinary) and forest.score(ordinary) < 0.6
    assert forest.isolates(strange) and forest.score(strange) > 0.7
    again = Forest(baseline, buckets)
    assert again.score(strange) == forest.score(strange)
    assert len(VECTOR) == len(ordinary)


def _rarely_together(n: int = 48, rare: int = 7, seed: int = 3) -> list[list[float]]:
    """Buckets in which five traits each show `rare` times out of `n` (busy, no model calls, slow, CPU-hungry,
    memory-hungry), never all at once; otherwise the agent is quiet, cheap-ish and light."""
    rng = random.Random(seed)
    while True:
        shown = [set(rng.sample(range(n), rare)) for _ in range(5)]
        rows = [[i in s for s in shown] for i in range(n)]
        if not any(all(row) for row in rows):
            return [_traits(*row) for row in rows]


def _traits(busy: bool, no_model: bool, slow: bool, hungry: bool, heavy: bool) -> list[float]:
    return [
        9.0 if busy else 4.0,
        0.0,
        900.0 if slow else 300.0,
        0.0 if no_model else 0.036,
        0.0 if no_model else 7200.0,
        60.0 if hungry else 20.0,
        70.0 if heavy else 30.0,
    ]


def test_the_forest_isolates_a_combination_never_seen_although_each_metric_is_within_three_sigma():
    buckets = _rarely_together()
    baseline = learn(buckets)
    assert baseline is not None
    all_at_once = _traits(True, True, True, True, True)
    assert beyond_sigmas(baseline, all_at_once) == {}  # no single metric gives it away
    forest = Forest(baseline, buckets)
    assert forest.isolates(all_at_once) and forest.score(all_at_once) > 0.75
    assert not forest.isolates(_traits(True, False, False, False, False))  # one trait alone is ordinary
    # Every trait is as far from normal as the others (2.4σ): all six are named, not the first three.
    assert set(drivers(baseline, all_at_once)) == {
        "tasks +2.4σ", "latency_p95 +2.4σ", "cost_usd -2.4σ", "tokens -2.4σ", "cpu_percent +2.4σ",
        "memory_percent +2.4σ",
    }  # fmt: skip


def test_drivers_name_every_metric_a_sigma_away_or_else_the_furthest():
    baseline = learn(_normal_buckets())
    assert baseline is not None
    near = [21, 0.05, 1550, 0.2, 30_000, 35, 50]
    assert drivers(baseline, near) == []  # nothing moved half a sigma
    slightly = [22.5, 0.05, 1500, 0.2, 30_000, 35, 50]
    assert [d.split()[0] for d in drivers(baseline, slightly)] == ["tasks"]
