"""One contract for the shared state, run over the in-process and the Redis implementation."""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator

import pytest
import redis.exceptions

from ams.shared_state import Bucket, SharedState, Slot, open_shared_state
from tests.conftest import skip_backend

REDIS_URL = os.environ.get("AMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


async def redis_reachable() -> str | None:
    import redis.asyncio as aioredis

    client = aioredis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
        return None
    except Exception as exc:  # any failure to connect is the reason to report
        return f"{type(exc).__name__}: {exc}"
    finally:
        await client.aclose()


@pytest.fixture(params=["memory", "redis"])
async def state(request: pytest.FixtureRequest) -> AsyncIterator[SharedState]:
    if request.param == "redis":
        reason = await redis_reachable()
        if reason:
            skip_backend(f"Redis at {REDIS_URL}", reason)
    shared = open_shared_state(REDIS_URL if request.param == "redis" else None)
    await shared.start()
    yield shared
    await shared.close()


def key(name: str) -> str:
    return f"test:{uuid.uuid4().hex[:8]}:{name}"


async def test_ping_answers_while_the_backend_does(state):
    assert await state.ping() is None


async def test_ping_raises_when_redis_does_not_answer():
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    shared = open_shared_state(f"redis://127.0.0.1:{port}/0")
    try:
        with pytest.raises(redis.exceptions.ConnectionError):
            await shared.ping()
    finally:
        await shared.close()


async def test_a_bucket_lets_its_limit_through_then_refuses_with_a_retry_time(state):
    rpm = Bucket(key("rpm"), limit=5, period_s=60, label="agent requests per minute")
    results = [await state.admit([rpm]) for _ in range(7)]
    assert [r.allowed for r in results] == [True] * 5 + [False] * 2
    assert [r.buckets[0].remaining for r in results[:5]] == [4, 3, 2, 1, 0]
    assert results[5].refused == "agent requests per minute"
    assert 0 < results[5].retry_after_s <= 12.5  # one request's worth of refill: 60 s / 5


async def test_admission_is_all_or_nothing(state):
    wide, narrow = Bucket(key("wide"), 100, 60), Bucket(key("narrow"), 1, 60, label="narrow")
    assert (await state.admit([wide, narrow])).allowed
    refused = await state.admit([wide, narrow])
    assert not refused.allowed and refused.refused == "narrow"
    # The refused request took nothing from the wide bucket: 99 of 100 remain after the first.
    after = await state.admit([wide])
    assert after.buckets[0].remaining == 98


async def test_costs_and_settlement(state):
    tpm = Bucket(key("tpm"), limit=1000, period_s=60)
    first = await state.admit([Bucket(tpm.key, 1000, 60, cost=600)])
    assert first.allowed and first.buckets[0].remaining == 400
    assert not (await state.admit([Bucket(tpm.key, 1000, 60, cost=500)])).allowed
    # The call used 100 tokens, not the 600 estimated: 500 come back.
    await state.settle([Bucket(tpm.key, 1000, 60, cost=-500)])
    assert (await state.admit([Bucket(tpm.key, 1000, 60, cost=500)])).allowed


async def test_concurrency_slots_are_leased_and_released(state):
    k = key("slots")
    a, b, c = (Slot(k, 2, holder, lease_s=30, label="concurrency") for holder in ("a", "b", "c"))
    assert (await state.admit([], [a])).allowed
    assert (await state.admit([], [b])).allowed
    refused = await state.admit([], [c])
    assert not refused.allowed and refused.refused == "concurrency"
    await state.settle([], [a])
    assert (await state.admit([], [c])).allowed


async def test_a_lapsed_lease_frees_its_slot(state):
    k = key("lease")
    assert (await state.admit([], [Slot(k, 1, "crashed", lease_s=0.2)])).allowed
    assert not (await state.admit([], [Slot(k, 1, "next")])).allowed
    await asyncio.sleep(0.3)
    assert (await state.admit([], [Slot(k, 1, "next")])).allowed


async def test_spend_reservations_hold_under_concurrency(state):
    k = key("spend")
    # 50 concurrent calls each reserving $1 against a $10 cap: exactly 10 get through.
    reservations = await asyncio.gather(*(state.reserve(k, 1.0, cap=10.0) for _ in range(50)))
    granted = [r for r in reservations if r is not None]
    assert len(granted) == 10
    # Each really cost 0.5: settling frees room for more.
    for reservation in granted:
        await state.settle_spend(reservation, 0.5)
    assert await state.spent(k) == pytest.approx(5.0)
    more = await asyncio.gather(*(state.reserve(k, 1.0, cap=10.0) for _ in range(10)))
    assert sum(r is not None for r in more) == 5


async def test_a_lapsed_reservation_returns_its_room(state):
    k = key("lapse")
    assert await state.reserve(k, 5.0, cap=5.0, ttl_s=0.2) is not None
    assert await state.reserve(k, 1.0, cap=5.0) is None
    await asyncio.sleep(0.3)
    assert await state.reserve(k, 1.0, cap=5.0) is not None


async def test_broadcasts_reach_subscribers(state):
    channel = key("channel")
    heard: list[bytes] = []
    got = asyncio.Event()

    def handler(message: bytes) -> None:
        heard.append(message)
        got.set()

    unsubscribe = state.subscribe(channel, handler)
    await asyncio.sleep(0.1)  # Redis: the subscription is made by the listener's connection
    await state.publish(channel, b"stop:agt_1")
    await asyncio.wait_for(got.wait(), 2.0)
    assert heard == [b"stop:agt_1"]
    unsubscribe()


async def test_two_redis_instances_share_buckets_and_broadcasts():
    reason = await redis_reachable()
    if reason:
        skip_backend(f"Redis at {REDIS_URL}", reason)
    one, other = open_shared_state(REDIS_URL), open_shared_state(REDIS_URL)
    await one.start()
    await other.start()
    try:
        rpm = Bucket(key("shared"), limit=3, period_s=60)
        allowed = [(await s.admit([rpm])).allowed for s in (one, other, one, other)]
        assert allowed == [True, True, True, False]
        got = asyncio.Event()
        channel = key("fanout")
        other.subscribe(channel, lambda message: got.set())
        await asyncio.sleep(0.1)
        await one.publish(channel, b"invalidate")
        await asyncio.wait_for(got.wait(), 1.0)
    finally:
        await one.close()
        await other.close()
