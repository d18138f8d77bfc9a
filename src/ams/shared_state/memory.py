"""The in-process shared state: one AMS instance's dicts. Exact and lock-free (the event loop is the lock)."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence

from ams.shared_state.base import Admission, Bucket, Reservation, Slot, bucket_state, gcra

log = logging.getLogger(__name__)
Handler = Callable[[bytes], Awaitable[None] | None]


class InProcessState:
    backend = "memory"

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._tats: dict[str, float] = {}
        self._slots: dict[str, dict[str, float]] = {}  # key -> holder -> lease expiry
        self._spent: dict[str, float] = {}
        self._reserved: dict[str, dict[str, tuple[float, float]]] = {}  # key -> id -> (amount, expiry)
        self._handlers: dict[str, list[Handler]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        for task in list(self._tasks):
            await task

    async def ping(self) -> None:
        return None

    def _live_slots(self, key: str, now: float) -> dict[str, float]:
        leases = self._slots.setdefault(key, {})
        for holder in [h for h, expiry in leases.items() if expiry <= now]:
            del leases[holder]
        return leases

    async def admit(self, buckets: Sequence[Bucket], slots: Sequence[Slot] = ()) -> Admission:
        now = self._clock()
        new_tats: list[float] = []
        for bucket in buckets:
            allowed, tat, _remaining, retry = gcra(self._tats.get(bucket.key, 0.0), now, bucket)
            if not allowed:
                return Admission(False, refused=bucket.label or bucket.key, retry_after_s=retry)
            new_tats.append(tat)
        for slot in slots:
            leases = self._live_slots(slot.key, now)
            if slot.holder not in leases and len(leases) >= slot.limit:
                retry = max(0.0, min(leases.values()) - now) if leases else 0.0
                return Admission(False, refused=slot.label or slot.key, retry_after_s=min(retry, 1.0))
        for bucket, tat in zip(buckets, new_tats, strict=True):
            self._tats[bucket.key] = tat
        for slot in slots:
            self._slots[slot.key][slot.holder] = now + slot.lease_s
        return Admission(True, [bucket_state(b, t, now) for b, t in zip(buckets, new_tats, strict=True)])

    async def settle(self, adjustments: Sequence[Bucket], slots: Sequence[Slot] = ()) -> None:
        now = self._clock()
        for bucket in adjustments:
            interval = bucket.period_s / bucket.limit
            tat = max(self._tats.get(bucket.key, 0.0), now) + bucket.cost * interval
            # Returned units never fill a bucket beyond full.
            self._tats[bucket.key] = max(tat, now)
        for slot in slots:
            self._slots.get(slot.key, {}).pop(slot.holder, None)

    def _live_reservations(self, key: str, now: float) -> dict[str, tuple[float, float]]:
        held = self._reserved.setdefault(key, {})
        for rid in [r for r, (_amount, expiry) in held.items() if expiry <= now]:
            del held[rid]
        return held

    async def reserve(self, key: str, amount: float, cap: float, ttl_s: float = 600.0) -> Reservation | None:
        now = self._clock()
        held = self._live_reservations(key, now)
        if self._spent.get(key, 0.0) + sum(a for a, _ in held.values()) + amount > cap + 1e-12:
            return None
        rid = uuid.uuid4().hex
        held[rid] = (amount, now + ttl_s)
        return Reservation(key, rid, amount)

    async def settle_spend(self, reservation: Reservation, actual: float) -> float:
        self._reserved.get(reservation.key, {}).pop(reservation.id, None)
        total = self._spent.get(reservation.key, 0.0) + actual
        self._spent[reservation.key] = total
        return total

    async def spent(self, key: str) -> float:
        return self._spent.get(key, 0.0)

    async def spent_many(self, keys: Sequence[str]) -> list[float]:
        return [self._spent.get(key, 0.0) for key in keys]

    async def publish(self, channel: str, message: bytes) -> None:
        for handler in list(self._handlers.get(channel, [])):
            try:
                result = handler(message)
                if inspect.isawaitable(result):
                    await result
            except Exception:  # one subscriber's failure must not stop the others hearing it
                log.exception("a subscriber of %s failed", channel)

    def subscribe(self, channel: str, handler: Handler) -> Callable[[], None]:
        self._handlers.setdefault(channel, []).append(handler)
        return lambda: self._handlers.get(channel, []).remove(handler)
