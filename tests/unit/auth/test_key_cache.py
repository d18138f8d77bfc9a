"""The cache of checked API keys: time to live, bounds, what a commit makes it forget, one read per key at a
time, and bookkeeping writes off the request's path."""

from __future__ import annotations

import asyncio
import time

from ams.agents.models import Agent
from ams.auth.key_cache import CachedKey, KeyCache
from ams.auth.models import ApiKey, Project
from ams.auth.principal import Principal, PrincipalKind
from ams.db.engine import Changes
from ams.errors import Unauthenticated


def _entry(agent_id: str | None = None, loaded_at: float | None = None) -> CachedKey:
    principal = Principal(PrincipalKind.AGENT_KEY, "key_1", "key:ams_x", organization_id="org", agent_id=agent_id)
    return CachedKey(principal, "key_1", "ams_x", None, None, time.monotonic() if loaded_at is None else loaded_at)


def test_an_entry_lives_for_its_ttl_only():
    cache = KeyCache(ttl_s=5)
    cache.put("fresh", _entry())
    cache.put("old", _entry(loaded_at=time.monotonic() - 6))
    assert cache.get("fresh") is not None
    assert cache.get("old") is None
    assert cache.get("missing") is None


def test_the_cache_is_bounded():
    cache = KeyCache(max_entries=2)
    for name in ("a", "b", "c"):
        cache.put(name, _entry())
    assert cache.get("c") is not None
    assert cache.get("a") is None and cache.get("b") is None


def test_a_commit_that_touches_a_key_drops_it_and_only_it():
    cache = KeyCache()
    cache.put("h1", _entry())
    cache.put("h2", _entry())
    cache.forget_changed(Changes(written=[ApiKey(key_hash="h1")]))
    assert cache.get("h1") is None and cache.get("h2") is not None


def test_deleting_a_project_or_agent_clears_the_keys_its_cascade_removed():
    for deleted in (Project(id="p"), Agent(id="a")):
        cache = KeyCache()
        cache.put("h1", _entry(agent_id="a"))
        cache.forget_changed(Changes(written=[deleted]))  # an edit removes no key
        assert cache.get("h1") is not None
        cache.forget_changed(Changes(deleted=[deleted]))
        assert cache.get("h1") is None


async def test_requests_that_miss_together_share_one_read():
    cache = KeyCache()
    reads = 0
    release = asyncio.Event()

    async def read() -> CachedKey:
        nonlocal reads
        reads += 1
        await release.wait()
        return _entry()

    waiting = [asyncio.ensure_future(cache.load("h1", read)) for _ in range(50)]
    await asyncio.sleep(0)
    release.set()
    entries = await asyncio.gather(*waiting)
    assert reads == 1 and all(e is entries[0] for e in entries)
    assert cache.get("h1") is entries[0]


async def test_a_failed_read_fails_its_waiters_and_the_next_request_reads_again():
    cache = KeyCache()
    outcomes = iter([Unauthenticated("unknown API key"), _entry()])

    async def read() -> CachedKey:
        await asyncio.sleep(0)
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    failed = await asyncio.gather(cache.load("h1", read), cache.load("h1", read), return_exceptions=True)
    assert all(isinstance(f, Unauthenticated) for f in failed)
    assert (await cache.load("h1", read)).key_id == "key_1"


async def test_a_waiter_that_goes_away_does_not_cancel_the_shared_read():
    cache = KeyCache()
    release = asyncio.Event()

    async def read() -> CachedKey:
        await release.wait()
        return _entry()

    impatient = asyncio.ensure_future(cache.load("h1", read))
    patient = asyncio.ensure_future(cache.load("h1", read))
    await asyncio.sleep(0)
    impatient.cancel()
    release.set()
    assert (await patient).key_id == "key_1"


async def test_a_background_write_that_fails_is_logged_and_drained(caplog):
    cache = KeyCache()
    done = []

    async def fails() -> None:
        raise RuntimeError("database is locked")

    async def succeeds() -> None:
        await asyncio.sleep(0.01)
        done.append(True)

    cache.in_background(fails(), "recording the last use of key ams_x…")
    cache.in_background(succeeds(), "recording the last use of key ams_y…")
    await cache.drain()
    assert done == [True]
    assert "recording the last use of key ams_x… failed" in caplog.text
