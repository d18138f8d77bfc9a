"""The ingest pipeline's promises: answers only after the insert, shares inserts, refuses when full, drains on
stop, and tells every waiter when an insert fails."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ams.telemetry.pipeline import IngestPipeline, Overloaded
from ams.telemetry.store.chdb_store import ChdbStore

COLUMNS = ("organization_id", "agent_id", "time_us", "cpu_percent", "ingested_us")


class GatedStore(ChdbStore):
    """The real embedded store, whose inserts wait until the test opens the gate."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.gate = threading.Event()
        self.inserts: list[int] = []

    def insert_blocks(self, table, column_names, blocks):  # type: ignore[no-untyped-def]
        self.gate.wait(10)
        self.inserts.append(sum(len(columns[0]) for columns in blocks))
        super().insert_blocks(table, column_names, blocks)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GatedStore]:
    gated = GatedStore(tmp_path / "telemetry")
    gated.gate.set()
    gated.migrate()
    gated.gate.clear()
    gated.inserts.clear()
    yield gated
    gated.close()


def _rows(n: int, agent: str = "a") -> list[list]:
    # Heartbeats collapse on (organization, agent, time): distinct agents keep distinct writes apart.
    return [["o"] * n, [agent] * n, list(range(n)), [1.0] * n, [1] * n]


def _count(store: ChdbStore) -> int:
    return int(store.query("SELECT count() FROM heartbeats").scalar())


async def test_answers_only_after_the_insert_and_shares_it(store):
    pipeline = IngestPipeline(store, linger_s=0.05)
    pipeline.start()
    writes = [asyncio.create_task(pipeline.write("heartbeats", COLUMNS, _rows(10, f"a{i}"), 10)) for i in range(5)]
    await asyncio.sleep(0.2)
    assert not any(w.done() for w in writes)  # nothing acknowledged while the insert is held
    store.gate.set()
    await asyncio.gather(*writes)
    assert _count(store) == 50
    assert store.inserts == [50]  # five requests, one insert
    pipeline.stop()


async def test_full_queue_refuses_at_once(store):
    pipeline = IngestPipeline(store, max_queued_rows=1_000, linger_s=0)
    pipeline.start()
    first = asyncio.create_task(pipeline.write("heartbeats", COLUMNS, _rows(800), 800))
    await asyncio.sleep(0.05)
    with pytest.raises(Overloaded) as refused:
        await pipeline.write("heartbeats", COLUMNS, _rows(300), 300)
    assert refused.value.retry_after_s >= 1 and pipeline.stats.rejected_requests == 1
    store.gate.set()
    await first
    await pipeline.write("heartbeats", COLUMNS, _rows(300, "b"), 300)  # room again
    assert _count(store) == 1_100
    pipeline.stop()


async def test_stop_drains_what_was_accepted_then_refuses(store):
    pipeline = IngestPipeline(store, linger_s=0)
    pipeline.start()
    waiting = [asyncio.create_task(pipeline.write("heartbeats", COLUMNS, _rows(100, f"a{i}"), 100)) for i in range(3)]
    await asyncio.sleep(0.05)
    stopper = threading.Thread(target=pipeline.stop)
    stopper.start()
    await asyncio.sleep(0.05)
    with pytest.raises(Overloaded, match="shutting down"):
        await pipeline.write("heartbeats", COLUMNS, _rows(1), 1)
    store.gate.set()
    await asyncio.gather(*waiting)
    stopper.join(10)
    assert _count(store) == 300


async def test_a_failed_insert_fails_every_waiter_and_the_writer_survives(store):
    store.gate.set()
    pipeline = IngestPipeline(store, linger_s=0.05)
    pipeline.start()
    bad = [pipeline.write("heartbeats", ("no_such_column",), [[1]], 1) for _ in range(2)]
    results = await asyncio.gather(*bad, return_exceptions=True)
    assert all(isinstance(r, Exception) for r in results) and pipeline.stats.failed_rows == 2
    await pipeline.write("heartbeats", COLUMNS, _rows(5), 5)
    assert _count(store) == 5
    pipeline.stop()
