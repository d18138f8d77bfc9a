"""The ingest pipeline: a bounded queue in front of the store and one writer thread that group-commits.

A request's rows wait in the queue with a future; the writer takes everything pending for a table (up to a
batch cap), inserts it in one call, and resolves the futures. So the HTTP answer comes only once the rows are
durable, many concurrent requests share one insert, and the embedded engine sees few, large inserts. When the
queue is full the request is refused at once with `Overloaded` (an OTLP client retries after Retry-After)
rather than dropping or blocking. Stopping drains whatever was accepted.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ams.telemetry.store import TelemetryStore

log = logging.getLogger(__name__)


class Overloaded(Exception):
    """The queue is full (or the pipeline is stopping): try again later."""

    def __init__(self, reason: str, retry_after_s: int = 1) -> None:
        super().__init__(reason)
        self.retry_after_s = retry_after_s


@dataclass
class _Item:
    table: str
    column_names: tuple[str, ...]
    columns: Sequence[list[Any]]
    rows: int
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[None]
    enqueued: float = field(default_factory=time.monotonic)


@dataclass
class PipelineStats:
    accepted_rows: int = 0
    written_rows: int = 0
    rejected_requests: int = 0
    failed_rows: int = 0
    inserts: int = 0
    queued_rows: int = 0
    by_table: dict[str, int] = field(default_factory=dict)


class IngestPipeline:
    def __init__(
        self,
        store: TelemetryStore,
        *,
        max_queued_rows: int = 200_000,
        max_batch_rows: int = 50_000,
        min_batch_rows: int = 1_000,
        linger_s: float = 0.1,
        on_written: Callable[[str, tuple[str, ...], list[Sequence[list[Any]]]], None] | None = None,
    ) -> None:
        self.store = store
        self.max_queued_rows = max_queued_rows
        self.max_batch_rows = max_batch_rows
        self.min_batch_rows = min_batch_rows
        self.linger_s = linger_s
        self.stats = PipelineStats()
        self._on_written = on_written
        self._queue: deque[_Item] = deque()
        self._cond = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    @property
    def queued_rows(self) -> int:
        return self.stats.queued_rows

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="ams-ingest-writer", daemon=True)
        self._thread.start()

    async def write(self, table: str, column_names: Sequence[str], columns: Sequence[list[Any]], rows: int) -> None:
        """Queue rows for `table` and return once they are durable in the store."""
        if rows == 0:
            return
        loop = asyncio.get_running_loop()
        item = _Item(table, tuple(column_names), columns, rows, loop, loop.create_future())
        with self._cond:
            if self._stopping:
                self.stats.rejected_requests += 1
                raise Overloaded("AMS is shutting down", retry_after_s=5)
            if self.stats.queued_rows + rows > self.max_queued_rows and self.stats.queued_rows > 0:
                self.stats.rejected_requests += 1
                raise Overloaded(f"the ingest queue is full ({self.stats.queued_rows} rows waiting)")
            self._queue.append(item)
            self.stats.queued_rows += rows
            self.stats.accepted_rows += rows
            self._cond.notify()
        await item.future

    def stop(self, timeout_s: float = 30.0) -> None:
        """Refuse new rows, write every accepted one, then end the writer."""
        with self._cond:
            self._stopping = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                log.error("the ingest writer did not drain within %.0fs", timeout_s)

    def _take_batch(self) -> list[_Item] | None:
        """Wait for work; return the items of one table forming the next insert (None: stop)."""
        with self._cond:
            while not self._queue:
                if self._stopping:
                    return None
                self._cond.wait()
            # Linger briefly for more rows so that small requests share an insert, unless enough are waiting.
            deadline = self._queue[0].enqueued + self.linger_s
            while not self._stopping and self.stats.queued_rows < self.min_batch_rows:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            table = self._queue[0].table
            names = self._queue[0].column_names
            batch: list[_Item] = []
            rows = 0
            kept: deque[_Item] = deque()
            while self._queue:
                item = self._queue.popleft()
                if (
                    item.table == table
                    and item.column_names == names
                    and (not batch or rows + item.rows <= self.max_batch_rows)
                ):
                    batch.append(item)
                    rows += item.rows
                else:
                    kept.append(item)
            self._queue.extendleft(reversed(kept))
            return batch

    def _run(self) -> None:
        while True:
            batch = self._take_batch()
            if batch is None:
                return
            self._write(batch)

    def _write(self, batch: list[_Item]) -> None:
        first = batch[0]
        rows = sum(item.rows for item in batch)
        error: Exception | None = None
        try:
            self.store.insert_blocks(first.table, first.column_names, [item.columns for item in batch])
        except Exception as exc:  # the writer must survive a failed insert and tell every waiter
            log.exception("insert of %d rows into %s failed", rows, first.table)
            error = exc
        with self._cond:
            self.stats.queued_rows -= rows
            if error is None:
                self.stats.written_rows += rows
                self.stats.inserts += 1
                self.stats.by_table[first.table] = self.stats.by_table.get(first.table, 0) + rows
            else:
                self.stats.failed_rows += rows
        for item in batch:
            item.loop.call_soon_threadsafe(_settle, item.future, error)
        if error is None and self._on_written is not None:
            try:
                self._on_written(first.table, first.column_names, [item.columns for item in batch])
            except Exception:  # listeners (live stream, counters) must not break ingest
                log.exception("an ingest listener failed")


def _settle(future: asyncio.Future[None], error: Exception | None) -> None:
    if future.done():
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)
