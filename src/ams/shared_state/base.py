"""The shared-state interface. Pure: value types and the protocol both implementations follow.

Rate limits are token buckets in GCRA form (one number per bucket: the theoretical arrival time of the next
unit). A bucket of `limit` units per `period_s` lets a burst of `limit` through and then refills evenly, so
there is no window edge where twice the limit passes, and a refusal knows exactly when to retry. A request's
buckets and concurrency slots are admitted all-or-nothing in one call (one Redis round trip): a refused request
consumes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Bucket:
    """`cost` units out of `limit` per `period_s`, under `key` (e.g. "rpm:agent:agt_…")."""

    key: str
    limit: float
    period_s: float
    cost: float = 1.0
    label: str = ""  # what a refusal names: "agent requests per minute"


@dataclass(frozen=True, slots=True)
class Slot:
    """One of `limit` concurrent leases under `key`, held by `holder` until released or `lease_s` passes (so an
    instance that dies mid-call does not leak its slots)."""

    key: str
    limit: int
    holder: str
    lease_s: float = 600.0
    label: str = ""


@dataclass(frozen=True, slots=True)
class BucketState:
    limit: float
    remaining: float
    reset_s: float  # until the bucket is full again


@dataclass(slots=True)
class Admission:
    allowed: bool
    buckets: list[BucketState] = field(default_factory=list)  # in the order asked
    refused: str = ""  # the label of the bucket or slot that refused
    retry_after_s: float = 0.0


@dataclass(frozen=True, slots=True)
class Reservation:
    key: str
    id: str
    amount: float


class SharedState(Protocol):
    backend: str

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def ping(self) -> None:
        """Return when the backend answers; raise when it does not (within a couple of seconds)."""

    async def admit(self, buckets: Sequence[Bucket], slots: Sequence[Slot] = ()) -> Admission:
        """Take `cost` from every bucket and a lease on every slot, or nothing when one of them refuses."""

    async def settle(self, adjustments: Sequence[Bucket], slots: Sequence[Slot] = ()) -> None:
        """Return (negative cost) or take more (positive cost) from buckets without refusing, and release slots:
        e.g. the tokens a call really used against the estimate admitted."""

    async def reserve(self, key: str, amount: float, cap: float, ttl_s: float = 600.0) -> Reservation | None:
        """Reserve `amount` of spend under `key` if spent + reserved + amount stays within `cap`; None if not.
        A reservation not settled within `ttl_s` lapses."""

    async def settle_spend(self, reservation: Reservation, actual: float) -> float:
        """Replace a reservation by the amount really spent; the new total spent."""

    async def spent(self, key: str) -> float: ...

    async def spent_many(self, keys: Sequence[str]) -> list[float]:
        """What each key has spent, in one round trip."""

    async def publish(self, channel: str, message: bytes) -> None:
        """Send to every instance's subscribers of `channel`, this one's included."""

    def subscribe(self, channel: str, handler: Callable[[bytes], Awaitable[None] | None]) -> Callable[[], None]:
        """Call `handler` with each message published on `channel`; returns the unsubscribe function."""


def gcra(tat: float, now: float, bucket: Bucket) -> tuple[bool, float, float, float]:
    """One GCRA step: (allowed, new theoretical arrival time, remaining units, retry after s). Pure, shared by
    the in-process implementation and mirrored by the Redis Lua script."""
    interval = bucket.period_s / bucket.limit
    tat = max(tat, now)
    new_tat = tat + bucket.cost * interval
    allow_at = new_tat - bucket.period_s
    if allow_at > now + 1e-9:
        return False, tat, max(0.0, (bucket.period_s - (tat - now)) / interval), allow_at - now
    return True, new_tat, max(0.0, (bucket.period_s - (new_tat - now)) / interval), 0.0


def bucket_state(bucket: Bucket, tat: float, now: float) -> BucketState:
    interval = bucket.period_s / bucket.limit
    used = max(0.0, tat - now)
    return BucketState(bucket.limit, math.floor(max(0.0, (bucket.period_s - used) / interval)), used)
