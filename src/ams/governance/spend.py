"""Spend caps against the shared state: what each cap in force has counted this period, reserving a call's
estimate before it is sent, and settling the real cost after.

Each cap counts in a shared-state key per period (`spend:<policy>:<rule>:<subject>:<period>`), so every
instance sees one total. A reservation is admitted only if spent + reservations + estimate stays within the cap,
atomically, so concurrent calls cannot overshoot a cap by more than one call's estimate turning out too low.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from ams.governance.policy import (
    AgentFacts,
    OnBreach,
    Period,
    Policy,
    Rule,
    SpendView,
    spend_cap_key,
    spend_caps,
    spend_period,
)
from ams.shared_state import Reservation, SharedState

RESERVATION_TTL_S = 600.0  # longer than any call's timeout: an instance that dies mid-call frees its hold then


@dataclass(frozen=True)
class Cap:
    policy: Policy
    rule: Rule
    base_key: str  # what `decide_action` knows the cap by
    key: str  # the shared-state counter of this period
    resets_at: str | None


def caps_in_force(policies: list[Policy], agent: AgentFacts, now: datetime) -> list[Cap]:
    found = []
    periods: dict[Period, tuple[str, str | None]] = {}
    for policy, rule in spend_caps(policies, agent):
        base = spend_cap_key(policy, rule, agent)
        if rule.period not in periods:
            periods[rule.period] = spend_period(rule.period, now)
        suffix, resets_at = periods[rule.period]
        found.append(Cap(policy, rule, base, f"{base}:{suffix}", resets_at))
    return found


async def views(shared: SharedState, caps: list[Cap]) -> dict[str, SpendView]:
    spent = await shared.spent_many([cap.key for cap in caps])
    return {cap.base_key: SpendView(amount, cap.resets_at) for cap, amount in zip(caps, spent, strict=True)}


@dataclass
class Hold:
    """A call's reservations on the caps that block; settled with the call's real cost."""

    shared: SharedState
    reservations: list[Reservation]
    counted: list[Cap]  # alerting caps: the cost is only added after

    async def settle(self, actual_usd: float) -> None:
        for reservation in self.reservations:
            await self.shared.settle_spend(reservation, actual_usd)
        for cap in self.counted:
            await self.shared.settle_spend(Reservation(cap.key, "", 0.0), actual_usd)


async def reserve(shared: SharedState, caps: list[Cap], estimate_usd: float) -> tuple[Hold, Cap | None]:
    """Reserve `estimate_usd` on every blocking cap; (the hold, None) when all admit it, else (an empty hold, the
    first cap that refused) with the reservations already made given back."""
    hold = Hold(shared, [], [])
    for cap in caps:
        if cap.rule.on_breach is OnBreach.ALERT:
            hold.counted.append(cap)
            continue
        reservation = await shared.reserve(cap.key, estimate_usd, cap.rule.amount_usd, RESERVATION_TTL_S)
        if reservation is None:
            for made in hold.reservations:
                await shared.settle_spend(made, 0.0)
            return Hold(shared, [], []), cap
        hold.reservations.append(reservation)
    return hold, None


async def count(shared: SharedState, caps: list[Cap], amount_usd: float) -> None:
    """Add an amount spent outside the gateway (an action's estimated cost) to every cap in force."""
    if amount_usd > 0:
        await asyncio.gather(*(shared.settle_spend(Reservation(cap.key, "", 0.0), amount_usd) for cap in caps))
