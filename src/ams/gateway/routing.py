"""Which target serves a call, in which order the others stand by, and the circuit breaker. Pure.

A route's strategy orders its targets: `weighted` draws the first by weight (the rest follow in weighted draws
too), `lowest_latency` by the recent latency each target showed, `lowest_cost` by price, `ordered` as listed.
Targets whose breaker is open, or whose context window the prompt does not fit, move out of the order; when
every target's breaker is open, the one that has waited longest gets a trial call rather than refusing outright.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


@dataclass
class Breaker:
    """A target's circuit breaker: `threshold` failures in a row open it for `cooldown_s`; then one trial call
    (half-open) closes it on success or opens it again on failure."""

    threshold: int = 5
    cooldown_s: float = 30.0
    failures: int = 0
    opened_at: float | None = None
    trial_running: bool = False

    def state(self, now: float) -> BreakerState:
        if self.opened_at is None:
            return BreakerState.CLOSED
        if now - self.opened_at >= self.cooldown_s:
            return BreakerState.HALF_OPEN
        return BreakerState.OPEN

    def reopens_in(self, now: float) -> float | None:
        if self.opened_at is None:
            return None
        return max(0.0, self.cooldown_s - (now - self.opened_at))

    def allows(self, now: float) -> bool:
        state = self.state(now)
        return state is BreakerState.CLOSED or (state is BreakerState.HALF_OPEN and not self.trial_running)

    def begin(self, now: float) -> None:
        if self.state(now) is BreakerState.HALF_OPEN:
            self.trial_running = True

    def success(self) -> None:
        self.failures, self.opened_at, self.trial_running = 0, None, False

    def failure(self, now: float) -> None:
        self.failures += 1
        self.trial_running = False
        if self.opened_at is not None or self.failures >= self.threshold:
            self.opened_at = now  # a failed trial, or the threshold reached: (re)open


@dataclass(frozen=True, slots=True)
class Candidate:
    """A target as the router sees it."""

    key: str  # "provider_id/model"
    weight: float = 1.0
    context_window: int | None = None
    latency_ms: float | None = None  # recent, None when unknown
    price_per_mtok: float | None = None  # input + output per million, None when unknown


@dataclass
class Plan:
    order: list[Candidate]
    skipped: dict[str, str] = field(default_factory=dict)  # key -> why it is out


def order_targets(strategy: str, candidates: Sequence[Candidate], rng: random.Random | None = None) -> list[Candidate]:
    """The targets in the order the strategy tries them."""
    items = list(candidates)
    if strategy == "weighted":
        draw = rng or random
        out: list[Candidate] = []
        pool = [c for c in items if c.weight > 0]
        while pool:
            pick = draw.choices(pool, weights=[c.weight for c in pool])[0]
            out.append(pick)
            pool.remove(pick)
        return out + [c for c in items if c.weight <= 0]
    if strategy == "lowest_latency":
        # Unknown latency first: a target never measured gets traffic and so a measurement.
        return sorted(items, key=lambda c: -1.0 if c.latency_ms is None else c.latency_ms)
    if strategy == "lowest_cost":
        return sorted(items, key=lambda c: float("inf") if c.price_per_mtok is None else c.price_per_mtok)
    return items


def plan(
    strategy: str,
    candidates: Sequence[Candidate],
    *,
    prompt_tokens: int,
    context_fallback: bool,
    breaker_allows: Callable[[str], bool],
    breaker_waited: Callable[[str], float] | None = None,
    rng: random.Random | None = None,
) -> Plan:
    """The order of attempts for one call. Targets too small for the prompt are dropped when `context_fallback`
    is on (they would only answer context_length_exceeded); targets with an open breaker are dropped unless every
    remaining target's breaker is open."""
    result = Plan(order=[])
    fitting: list[Candidate] = []
    for candidate in candidates:
        window = candidate.context_window
        if context_fallback and window is not None and prompt_tokens > window:
            result.skipped[candidate.key] = f"prompt of ~{prompt_tokens} tokens exceeds its {window}-token window"
        else:
            fitting.append(candidate)
    ordered = order_targets(strategy, fitting, rng)
    if context_fallback and not ordered and candidates:
        # Nothing fits: the largest window gets the call and the provider's own answer decides.
        largest = max(candidates, key=lambda c: c.context_window or 0)
        result.skipped.pop(largest.key, None)
        ordered = [largest]
    closed = [c for c in ordered if breaker_allows(c.key)]
    for c in ordered:
        if c not in closed:
            result.skipped[c.key] = "circuit breaker open"
    if not closed and ordered:
        waited = breaker_waited or (lambda _key: 0.0)
        trial = max(ordered, key=lambda c: waited(c.key))
        result.skipped.pop(trial.key, None)
        closed = [trial]
    result.order = closed
    return result


def next_by_context(order: Sequence[Candidate], failed: Candidate) -> list[Candidate]:
    """After `failed` answered that the prompt is too long: only targets with a larger window remain."""
    floor = failed.context_window or 0
    return [c for c in order if c is not failed and (c.context_window or 0) > floor]
