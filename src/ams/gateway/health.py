"""Passive provider health: each target's recent calls (outcome, latency) and its circuit breaker, kept in this
instance's memory. Cheap to update on every call; read by the router (latency, breaker) and the health API."""

from __future__ import annotations

import statistics
from collections import deque
from dataclasses import dataclass, field

from ams.gateway.routing import Breaker

WINDOW_S = 300.0  # what "recent" means for the health API
_SAMPLES = 500  # per target; older calls fall off
_EWMA = 0.2


@dataclass
class TargetStats:
    calls: deque[tuple[float, bool, float]] = field(default_factory=lambda: deque(maxlen=_SAMPLES))
    ewma_ms: float | None = None
    breaker: Breaker = field(default_factory=Breaker)

    def observe(self, ok: bool, latency_ms: float, now: float) -> None:
        self.calls.append((now, ok, latency_ms))
        if ok:
            self.ewma_ms = latency_ms if self.ewma_ms is None else self.ewma_ms + _EWMA * (latency_ms - self.ewma_ms)

    def recent(self, now: float, window_s: float = WINDOW_S) -> tuple[int, int, float | None]:
        """(calls, errors, p50 latency of successful calls) within the window."""
        since = now - window_s
        recent = [c for c in self.calls if c[0] >= since]
        ok_latencies = [c[2] for c in recent if c[1]]
        p50 = statistics.median(ok_latencies) if ok_latencies else None
        return len(recent), sum(1 for c in recent if not c[1]), p50


class HealthBook:
    def __init__(self) -> None:
        self._targets: dict[str, TargetStats] = {}

    def stats(self, key: str) -> TargetStats:
        stats = self._targets.get(key)
        if stats is None:
            stats = self._targets[key] = TargetStats()
        return stats

    def known(self, key: str) -> TargetStats | None:
        return self._targets.get(key)

    def of_provider(self, provider_id: str) -> dict[str, TargetStats]:
        prefix = provider_id + "/"
        return {k[len(prefix) :]: v for k, v in self._targets.items() if k.startswith(prefix)}

    def breaker(self, key: str, threshold: int, cooldown_s: float) -> Breaker:
        breaker = self.stats(key).breaker
        breaker.threshold, breaker.cooldown_s = threshold, cooldown_s
        return breaker


def status_of(calls: int, errors: int, probe_ok: bool | None, any_open: bool) -> str:
    """healthy | degraded | unhealthy | unknown, from recent traffic first and the active probe second."""
    if calls:
        rate = errors / calls
        if rate >= 0.5 or (any_open and rate > 0.1):
            return "unhealthy"
        if rate >= 0.05 or any_open:
            return "degraded"
        return "healthy" if probe_ok is not False else "degraded"
    if probe_ok is None:
        return "unknown"
    return "healthy" if probe_ok else "unhealthy"
