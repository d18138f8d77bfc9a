"""What is normal for an agent, and how far from normal it is now. Pure (NumPy and scikit-learn, no I/O).

A baseline is learnt from an agent's 5-minute buckets of activity over the baseline period: the mean and
standard deviation of each metric of `VECTOR`, and an IsolationForest fitted on the same buckets, each
expressed in deviations from the baseline so that metrics of every scale weigh alike. Now is judged two ways:
a metric more than 3σ from its mean, and a bucket the forest isolates (anomaly score above 0.7, seed 004's
threshold; the score is the forest's 2^(-depth/c(n)), 0.5 for an ordinary point, near 1 for an isolated one).
Fitting is seeded, so the same buckets always give the same forest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

VECTOR = ("tasks", "error_rate", "latency_p95", "cost_usd", "tokens", "cpu_percent", "memory_percent")
# The smallest deviation each metric is judged with: a metric that never moved during learning (std 0) must
# not make the first small change a thousand-sigma event.
STD_FLOOR = {
    "tasks": 1.0,
    "error_rate": 0.05,
    "latency_p95": 100.0,
    "cost_usd": 0.001,
    "tokens": 50.0,
    "cpu_percent": 2.0,
    "memory_percent": 2.0,
}
MIN_SAMPLES = 12  # an hour of 5-minute buckets before a baseline judges anything
SIGMAS = 3.0
FOREST_THRESHOLD = 0.7
FOREST_SEED = 7
FOREST_TREES = 100
DRIVER_SIGMAS = 1.0  # a metric this far from its mean is named among an anomaly's drivers


@dataclass(frozen=True)
class Baseline:
    means: dict[str, float]
    stds: dict[str, float]
    samples: int

    def stats(self) -> dict[str, dict[str, float]]:
        return {m: {"mean": self.means[m], "std": self.stds[m]} for m in VECTOR}

    @classmethod
    def from_stats(cls, stats: dict[str, dict[str, float]], samples: int) -> Baseline:
        return cls({m: stats[m]["mean"] for m in VECTOR}, {m: stats[m]["std"] for m in VECTOR}, samples)

    def scale(self, metric: str) -> float:
        return max(self.stds[metric], STD_FLOOR[metric], 0.05 * abs(self.means[metric]))

    def deviations(self, vector: list[float]) -> dict[str, float]:
        """Each metric's distance from its mean, in (floored) standard deviations, signed."""
        return {m: (v - self.means[m]) / self.scale(m) for m, v in zip(VECTOR, vector, strict=True)}


def learn(vectors: list[list[float]]) -> Baseline | None:
    """The baseline of these buckets, or None when there are too few to say what is normal."""
    if len(vectors) < MIN_SAMPLES:
        return None
    data = np.asarray(vectors, dtype=float)
    means, stds = data.mean(axis=0), data.std(axis=0)
    return Baseline(
        {m: float(means[i]) for i, m in enumerate(VECTOR)},
        {m: float(stds[i]) for i, m in enumerate(VECTOR)},
        len(vectors),
    )


def beyond_sigmas(baseline: Baseline, vector: list[float], sigmas: float = SIGMAS) -> dict[str, float]:
    """The metrics more than `sigmas` from their mean, with their signed deviation."""
    return {m: round(z, 2) for m, z in baseline.deviations(vector).items() if abs(z) > sigmas}


class Forest:
    """An IsolationForest over an agent's baseline buckets, in baseline deviations."""

    def __init__(self, baseline: Baseline, vectors: list[list[float]]) -> None:
        self.baseline = baseline
        # Imported on first fit: scikit-learn (with SciPy) takes seconds to import, which every start of AMS and of
        # its CLI would pay, while most never fit a forest.
        from sklearn.ensemble import IsolationForest

        scaled = np.asarray([self._scaled(v) for v in vectors], dtype=float)
        self.model = IsolationForest(
            n_estimators=FOREST_TREES,
            max_samples=min(256, len(vectors)),
            contamination="auto",
            random_state=FOREST_SEED,
        ).fit(scaled)

    def _scaled(self, vector: list[float]) -> list[float]:
        return list(self.baseline.deviations(vector).values())

    def score(self, vector: list[float]) -> float:
        """The anomaly score of one bucket: about 0.5 for an ordinary one, towards 1 for an isolated one."""
        return float(-self.model.score_samples(np.asarray([self._scaled(vector)], dtype=float))[0])

    def isolates(self, vector: list[float], threshold: float = FOREST_THRESHOLD) -> bool:
        return self.score(vector) > threshold


def drivers(baseline: Baseline, vector: list[float], min_sigmas: float = DRIVER_SIGMAS) -> list[str]:
    """The metrics that drove an anomaly, furthest from normal first: every metric at least `min_sigmas` from its
    mean, or the furthest one when none is. A bucket the forest isolates is often a combination of metrics each
    within 3σ, so naming only the top few would hide part of what was never seen together."""
    ranked = sorted(baseline.deviations(vector).items(), key=lambda item: -abs(item[1]))
    far = [(m, z) for m, z in ranked if abs(z) >= min_sigmas]
    if not far:
        far = [(m, z) for m, z in ranked[:1] if not math.isclose(z, 0.0, abs_tol=0.5)]
    return [f"{m} {z:+.1f}σ" for m, z in far]
