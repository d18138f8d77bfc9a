"""The cache the hot paths read through: one read per missing entry, expired entries served while one background
read replaces them, drops that win over reads under way, and failures that neither stick nor get lost."""

from __future__ import annotations

import asyncio
import logging

from ams.refreshing_cache import RefreshingCache


class Reads:
    """A reader whose answers the test releases one at a time."""

    def __init__(self) -> None:
        self.count = 0
        self.gates: list[asyncio.Event] = []
        self.answer: object = "v1"

    async def __call__(self) -> object:
        self.count += 1
        gate = asyncio.Event()
        self.gates.append(gate)
        await gate.wait()
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def release(self) -> None:
        for gate in self.gates:
            gate.set()


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_calls_that_miss_together_share_one_read():
    cache: RefreshingCache[str, object] = RefreshingCache(30, "things")
    reads = Reads()
    waiting = [asyncio.ensure_future(cache.get("k", reads)) for _ in range(64)]
    await _settle()
    reads.release()
    assert await asyncio.gather(*waiting) == ["v1"] * 64
    assert reads.count == 1
    assert await cache.get("k", reads) == "v1" and reads.count == 1


async def test_an_expired_entry_is_served_while_one_background_read_replaces_it():
    cache: RefreshingCache[str, object] = RefreshingCache(0, "things")  # expired as soon as kept
    reads = Reads()
    first = asyncio.ensure_future(cache.get("k", reads))
    await _settle()
    reads.release()
    assert await first == "v1"
    reads.answer = "v2"
    # Nobody waits for the database: every call is answered at once with what is kept, and one read starts.
    assert [await cache.get("k", reads) for _ in range(10)] == ["v1"] * 10
    await _settle()
    assert reads.count == 2
    reads.release()
    await _settle()
    assert cache.peek("k") == "v2"


async def test_a_drop_during_a_read_keeps_the_older_answer_out():
    cache: RefreshingCache[str, object] = RefreshingCache(30, "things")
    reads = Reads()
    stale = asyncio.ensure_future(cache.get("k", reads))
    await _settle()
    cache.forget("k")  # a commit changed the thing while it was being read
    reads.answer = "v2"
    fresh = asyncio.ensure_future(cache.get("k", reads))
    await _settle()
    assert reads.count == 2  # the drop made the next call read again rather than join the older read
    reads.release()
    await asyncio.gather(stale, fresh)
    assert cache.peek("k") == "v2"


async def test_forget_where_drops_the_matching_entries_only():
    cache: RefreshingCache[tuple[str, str], str] = RefreshingCache(30, "agents")

    async def read_a() -> str:
        return "agent-a"

    async def read_b() -> str:
        return "agent-b"

    await cache.get(("p", "a"), read_a)
    await cache.get(("p", "a-by-name"), read_a)
    await cache.get(("p", "b"), read_b)
    cache.forget_where(lambda _key, value: value == "agent-a")
    assert cache.peek(("p", "a")) is None and cache.peek(("p", "a-by-name")) is None
    assert cache.peek(("p", "b")) == "agent-b"


async def test_nothing_is_kept_for_none_and_a_refresh_that_finds_nothing_drops_the_entry():
    cache: RefreshingCache[str, object] = RefreshingCache(0, "agents")
    reads = Reads()
    reads.answer = None
    missing = asyncio.ensure_future(cache.get("k", reads))
    await _settle()
    reads.release()
    assert await missing is None and cache.peek("k") is None
    reads.answer = "v1"
    found = asyncio.ensure_future(cache.get("k", reads))
    await _settle()
    reads.release()
    assert await found == "v1"
    reads.answer = None  # deleted behind AMS's back
    assert await cache.get("k", reads) == "v1"
    await _settle()
    reads.release()
    await _settle()
    assert cache.peek("k") is None


async def test_a_failed_first_read_reaches_its_callers_and_a_failed_refresh_keeps_the_entry(caplog):
    cache: RefreshingCache[str, object] = RefreshingCache(0, "policies")
    reads = Reads()
    reads.answer = RuntimeError("database is locked")
    failing = [asyncio.ensure_future(cache.get("k", reads)) for _ in range(3)]
    await _settle()
    reads.release()
    outcomes = await asyncio.gather(*failing, return_exceptions=True)
    assert all(isinstance(o, RuntimeError) for o in outcomes) and reads.count == 1
    reads.answer = "v1"
    retried = asyncio.ensure_future(cache.get("k", reads))
    await _settle()
    reads.release()
    assert await retried == "v1"
    reads.answer = RuntimeError("database is locked")
    with caplog.at_level(logging.WARNING):
        assert await cache.get("k", reads) == "v1"
        await _settle()
        reads.release()
        await _settle()
    assert cache.peek("k") == "v1"
    assert "refreshing policies failed" in caplog.text


async def test_a_caller_that_goes_away_does_not_cancel_the_read_others_wait_for():
    cache: RefreshingCache[str, object] = RefreshingCache(30, "things")
    reads = Reads()
    impatient = asyncio.ensure_future(cache.get("k", reads))
    patient = asyncio.ensure_future(cache.get("k", reads))
    await _settle()
    impatient.cancel()
    reads.release()
    assert await patient == "v1" and reads.count == 1
