"""A cache of what the hot paths read from the database, refreshed behind their back.

The gateway and the guard look up the caller's agent, its organization's providers and routes, and its policies on
every call. Each lookup is kept for a TTL that only bounds changes made behind AMS's back (a change made through
AMS drops the entry at once). Expiry must not put the database on the request's path: when an entry expires under
load, every call in flight used to miss together and each open its own read, or wait for one, and all of them
stalled behind SQLite's lock (measured: 1 to 2 s at 64 concurrent calls). So:

- an expired entry is still served, while one background read replaces it;
- a missing entry (first use, or dropped by a change) is read once, however many calls ask meanwhile;
- a read that was under way when the entry was dropped does not put its older answer back.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class RefreshingCache(Generic[K, V]):
    def __init__(self, ttl_s: float, what: str) -> None:
        self.ttl_s = ttl_s
        self.what = what  # for the log, when a background refresh fails
        self._entries: dict[K, tuple[float, V]] = {}
        self._reads: dict[K, asyncio.Future[V | None]] = {}
        # Bumped by every drop: a read that started before it does not store its answer.
        self._generation = 0

    async def get(self, key: K, read: Callable[[], Awaitable[V | None]]) -> V | None:
        """The entry for `key`; `read` loads it (None: nothing to keep, and nothing is kept)."""
        entry = self._entries.get(key)
        if entry is not None:
            if entry[0] <= time.monotonic() and key not in self._reads:
                self._start(key, read).add_done_callback(self._log_failed_refresh)
            return entry[1]
        pending = self._reads.get(key) or self._start(key, read)
        # Shielded: a caller that goes away does not cancel the read the others wait for.
        return await asyncio.shield(pending)

    def peek(self, key: K) -> V | None:
        """What is kept for `key`, however old, without reading."""
        entry = self._entries.get(key)
        return None if entry is None else entry[1]

    def forget(self, key: K) -> None:
        self._generation += 1
        self._entries.pop(key, None)
        self._reads.pop(key, None)

    def forget_where(self, matches: Callable[[K, V], bool]) -> None:
        self._generation += 1
        for key in [k for k, (_, v) in self._entries.items() if matches(k, v)]:
            del self._entries[key]
            self._reads.pop(key, None)

    def _start(self, key: K, read: Callable[[], Awaitable[V | None]]) -> asyncio.Future[V | None]:
        future = asyncio.ensure_future(self._read(key, read, self._generation))
        self._reads[key] = future
        return future

    async def _read(self, key: K, read: Callable[[], Awaitable[V | None]], generation: int) -> V | None:
        try:
            value = await read()
            if value is not None and generation == self._generation:
                self._entries[key] = (time.monotonic() + self.ttl_s, value)
            elif value is None and generation == self._generation:
                self._entries.pop(key, None)
            return value
        finally:
            if self._reads.get(key) is asyncio.current_task():
                del self._reads[key]

    def _log_failed_refresh(self, future: asyncio.Future[V | None]) -> None:
        if not future.cancelled() and future.exception() is not None:
            # The entry it would have replaced stays in use; the next call after the TTL tries again.
            log.warning("refreshing %s failed", self.what, exc_info=future.exception())
