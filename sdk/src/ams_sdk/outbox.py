"""A bounded buffer with one sending thread: what keeps an agent running, unblocked, when AMS is not there.

`put` never blocks and never raises. Past the bound the oldest items are dropped and counted, with a warning that
says how many (at most one every `WARN_EVERY_S`). A batch that fails to send goes back to the front of the buffer
and is tried again after a backoff, so nothing is lost while AMS is briefly away and the memory used stays bounded
while it is away for long. A batch AMS refuses as invalid (a 4xx other than 408/429) is dropped, counted and
logged: sending it again would fail again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

logger = logging.getLogger("ams_sdk")

T = TypeVar("T")
WARN_EVERY_S = 30.0
MAX_BACKOFF_S = 30.0


class SendFailed(Exception):
    """A batch could not be delivered; `retry` says whether sending it again may work."""

    def __init__(self, message: str, retry: bool = True, after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry = retry
        self.after_s = after_s


@dataclass
class OutboxStats:
    sent: int = 0
    dropped: int = 0  # overflowed the buffer while AMS was unreachable or slow
    rejected: int = 0  # refused by AMS as invalid
    failures: int = 0  # attempts that failed (each retried)


class Outbox(Generic[T]):
    """Items for AMS, sent in batches by a daemon thread."""

    def __init__(
        self,
        name: str,
        send: Callable[[Sequence[T]], None],
        capacity: int,
        interval_s: float,
        batch_size: int = 512,
    ) -> None:
        self.name = name
        self.capacity = capacity
        self.stats = OutboxStats()
        self._send = send
        self._interval = interval_s
        self._batch = batch_size
        self._items: deque[T] = deque()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = False
        self._backoff = 0.0
        self._retry_at = 0.0
        self._warned_drops = 0
        self._last_warning = 0.0
        self._unreachable = False
        self._thread = threading.Thread(target=self._run, name=f"ams-sdk-{name}", daemon=True)
        self._thread.start()

    def put(self, item: T) -> None:
        """Queue one item; never blocks. When full, the oldest item is dropped and counted."""
        with self._lock:
            if len(self._items) >= self.capacity:
                self._items.popleft()
                self.stats.dropped += 1
            self._items.append(item)
            self._idle.clear()
            full = len(self._items) >= self._batch
        if full:
            self._wake.set()
        if self.stats.dropped > self._warned_drops:
            self._warn_drops()

    def __len__(self) -> int:
        return len(self._items)

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Send what is queued now, waiting up to `timeout_s`; True when the buffer emptied."""
        with self._lock:
            self._retry_at = 0.0
        self._wake.set()
        return self._idle.wait(timeout_s)

    def close(self, timeout_s: float = 5.0) -> None:
        """Flush, then stop the thread. What could not be sent in time is counted as dropped and reported."""
        if self._stopping:
            return
        self.flush(timeout_s)
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=1.0)
        with self._lock:
            left = len(self._items)
            self._items.clear()
        if left:
            self.stats.dropped += left
            logger.warning("AMS SDK: %d %s were not sent before shutdown (AMS unreachable)", left, self.name)

    def _warn_drops(self) -> None:
        now = time.monotonic()
        if self._warned_drops and now - self._last_warning < WARN_EVERY_S:
            return
        self._warned_drops, self._last_warning = self.stats.dropped, now
        logger.warning(
            "AMS SDK: buffer of %d %s full (AMS unreachable or slow): dropped %d so far, oldest first",
            self.capacity, self.name, self.stats.dropped,
        )  # fmt: skip

    def _take(self) -> list[T]:
        with self._lock:
            count = min(self._batch, len(self._items))
            return [self._items.popleft() for _ in range(count)]

    def _give_back(self, batch: list[T]) -> None:
        """Put a failed batch back in front, keeping the bound: what no longer fits is the oldest, dropped."""
        with self._lock:
            room = self.capacity - len(self._items)
            if room < len(batch):
                self.stats.dropped += len(batch) - max(room, 0)
                batch = batch[len(batch) - max(room, 0) :]
            self._items.extendleft(reversed(batch))

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(self._interval)
            self._wake.clear()
            while not self._stopping and time.monotonic() >= self._retry_at:
                batch = self._take()
                if not batch:
                    self._idle.set()
                    break
                if not self._deliver(batch):
                    break
            if self.stats.dropped > self._warned_drops:
                self._warn_drops()

    def _deliver(self, batch: list[T]) -> bool:
        try:
            self._send(batch)
        except SendFailed as failed:
            self.stats.failures += 1
            if not failed.retry:
                self.stats.rejected += len(batch)
                logger.error("AMS SDK: AMS refused %d %s: %s", len(batch), self.name, failed)
                return True
            self._give_back(batch)
            self._backoff = min(MAX_BACKOFF_S, max(self._backoff * 2, self._interval))
            wait = failed.after_s if failed.after_s is not None else self._backoff
            self._retry_at = time.monotonic() + wait
            if not self._unreachable:
                self._unreachable = True
                logger.warning(
                    "AMS SDK: cannot send %s (%s); keeping up to %d in memory and retrying",
                    self.name, failed, self.capacity,
                )  # fmt: skip
            return False
        except Exception:  # a bug of ours must not kill the thread, nor reach the agent
            logger.exception("AMS SDK: unexpected error sending %s; %d dropped", self.name, len(batch))
            self.stats.rejected += len(batch)
            return True
        self.stats.sent += len(batch)
        self._backoff = 0.0
        if self._unreachable:
            self._unreachable = False
            logger.info("AMS SDK: AMS reachable again; sending buffered %s", self.name)
        return True
