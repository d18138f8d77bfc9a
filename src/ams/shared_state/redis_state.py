"""The Redis shared state: the same operations as Lua scripts, so each is atomic and one round trip.

Keys live under `ams:` . Bucket times come from the Redis server's clock (`TIME`), so instances on hosts whose
clocks differ still agree. Broadcasts use Redis pub/sub with one listener task per instance.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import redis.asyncio as aioredis

from ams.shared_state.base import Admission, Bucket, BucketState, Reservation, Slot

log = logging.getLogger(__name__)
Handler = Callable[[bytes], Awaitable[None] | None]
PREFIX = "ams:"
PING_TIMEOUT_S = 2.0
SPEND_TTL_S = 40 * 86_400  # spend keys carry their period in the name; this only reclaims old periods

# KEYS: buckets then slots. ARGV: n_buckets, then (limit, period, cost) per bucket, then (limit, holder, lease)
# per slot. Returns {allowed, refused index (1-based, 0 none), retry_after, (remaining, reset) per bucket}.
_ADMIT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local nb = tonumber(ARGV[1])
local tats = {}
local out = {}
for i = 1, nb do
  local limit, period, cost = tonumber(ARGV[2 + (i-1)*3]), tonumber(ARGV[3 + (i-1)*3]), tonumber(ARGV[4 + (i-1)*3])
  local interval = period / limit
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  local new_tat = tat + cost * interval
  local allow_at = new_tat - period
  if allow_at > now + 1e-9 then
    return {0, i, tostring(allow_at - now)}
  end
  tats[i] = new_tat
  out[#out + 1] = tostring(math.max(0, (period - (new_tat - now)) / interval))
  out[#out + 1] = tostring(new_tat - now)
end
local base = 2 + nb * 3
local ns = #KEYS - nb
for j = 1, ns do
  local key = KEYS[nb + j]
  local limit, holder = tonumber(ARGV[base + (j-1)*3]), ARGV[base + 1 + (j-1)*3]
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if not redis.call('ZSCORE', key, holder) and redis.call('ZCARD', key) >= limit then
    local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    return {0, nb + j, tostring(math.min(1, tonumber(first[2]) - now))}
  end
end
for i = 1, nb do
  redis.call('SET', KEYS[i], tostring(tats[i]), 'PX', math.ceil((tats[i] - now + 1) * 1000))
end
for j = 1, ns do
  local key = KEYS[nb + j]
  local holder, lease = ARGV[base + 1 + (j-1)*3], tonumber(ARGV[base + 2 + (j-1)*3])
  redis.call('ZADD', key, now + lease, holder)
  redis.call('PEXPIRE', key, math.ceil(lease * 1000) + 1000)
end
local result = {1, 0, '0'}
for k = 1, #out do result[#result + 1] = out[k] end
return result
"""

# KEYS: buckets then slots. ARGV: n_buckets, (limit, period, cost) per bucket, holder per slot.
_SETTLE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local nb = tonumber(ARGV[1])
for i = 1, nb do
  local limit, period, cost = tonumber(ARGV[2 + (i-1)*3]), tonumber(ARGV[3 + (i-1)*3]), tonumber(ARGV[4 + (i-1)*3])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  tat = tat + cost * period / limit
  if tat > now then
    redis.call('SET', KEYS[i], tostring(tat), 'PX', math.ceil((tat - now + 1) * 1000))
  else
    redis.call('DEL', KEYS[i])
  end
end
local base = 2 + nb * 3
for j = 1, #KEYS - nb do
  redis.call('ZREM', KEYS[nb + j], ARGV[base + j - 1])
end
return 1
"""

# KEYS: spent, reservations (zset id -> expiry), amounts (hash id -> amount). ARGV: amount, cap, ttl, id.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, id in ipairs(expired) do redis.call('HDEL', KEYS[3], id) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local reserved = 0
for _, v in ipairs(redis.call('HVALS', KEYS[3])) do reserved = reserved + tonumber(v) end
local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
if spent + reserved + tonumber(ARGV[1]) > tonumber(ARGV[2]) + 1e-12 then return 0 end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[4])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[1])
redis.call('PEXPIRE', KEYS[2], math.ceil(tonumber(ARGV[3]) * 1000) + 1000)
redis.call('PEXPIRE', KEYS[3], math.ceil(tonumber(ARGV[3]) * 1000) + 1000)
return 1
"""

# KEYS: spent, reservations, amounts. ARGV: id, actual, ttl of the spent key.
_SETTLE_SPEND = """
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
local total = redis.call('INCRBYFLOAT', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return total
"""


class RedisState:
    backend = "redis"

    def __init__(self, url: str) -> None:
        self.url = url
        self._redis: aioredis.Redis = aioredis.from_url(url, decode_responses=False, health_check_interval=30)
        self._admit = self._redis.register_script(_ADMIT)
        self._settle = self._redis.register_script(_SETTLE)
        self._reserve = self._redis.register_script(_RESERVE)
        self._settle_spend = self._redis.register_script(_SETTLE_SPEND)
        self._handlers: dict[str, list[Handler]] = {}
        self._pubsub: Any = None
        self._listener: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._redis.ping()
        self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        # Subscribing to a channel of its own (nobody publishes on it) keeps the listener's connection in
        # subscribed mode from the start.
        await self._pubsub.subscribe(PREFIX + "hello")
        for channel in self._handlers:
            await self._pubsub.subscribe(PREFIX + channel)
        self._listener = asyncio.create_task(self._listen(), name="shared-state:listen")

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        if self._pubsub is not None:
            await self._pubsub.aclose()
        await self._redis.aclose()

    async def ping(self) -> None:
        # Bounded: a Redis that accepts connections but does not answer must not hold up a health probe.
        await asyncio.wait_for(self._redis.ping(), PING_TIMEOUT_S)

    async def admit(self, buckets: Sequence[Bucket], slots: Sequence[Slot] = ()) -> Admission:
        keys = [PREFIX + b.key for b in buckets] + [PREFIX + s.key for s in slots]
        args: list[Any] = [len(buckets)]
        for b in buckets:
            args += [b.limit, b.period_s, b.cost]
        for s in slots:
            args += [s.limit, s.holder, s.lease_s]
        result = await self._admit(keys=keys, args=args)
        if int(result[0]) == 0:
            index = int(result[1]) - 1
            named = buckets[index] if index < len(buckets) else slots[index - len(buckets)]
            return Admission(False, refused=named.label or named.key, retry_after_s=max(0.0, float(result[2])))
        values = [float(v) for v in result[3:]]
        states = [BucketState(b.limit, float(int(values[2 * i])), values[2 * i + 1]) for i, b in enumerate(buckets)]
        return Admission(True, states)

    async def settle(self, adjustments: Sequence[Bucket], slots: Sequence[Slot] = ()) -> None:
        if not adjustments and not slots:
            return
        keys = [PREFIX + b.key for b in adjustments] + [PREFIX + s.key for s in slots]
        args: list[Any] = [len(adjustments)]
        for b in adjustments:
            args += [b.limit, b.period_s, b.cost]
        args += [s.holder for s in slots]
        await self._settle(keys=keys, args=args)

    @staticmethod
    def _spend_keys(key: str) -> list[str]:
        return [f"{PREFIX}spend:{key}", f"{PREFIX}spend-res:{key}", f"{PREFIX}spend-amt:{key}"]

    async def reserve(self, key: str, amount: float, cap: float, ttl_s: float = 600.0) -> Reservation | None:
        rid = uuid.uuid4().hex
        ok = await self._reserve(keys=self._spend_keys(key), args=[amount, cap, ttl_s, rid])
        return Reservation(key, rid, amount) if int(ok) else None

    async def settle_spend(self, reservation: Reservation, actual: float) -> float:
        total = await self._settle_spend(
            keys=self._spend_keys(reservation.key), args=[reservation.id, actual, SPEND_TTL_S]
        )
        return float(total)

    async def spent(self, key: str) -> float:
        value = await self._redis.get(f"{PREFIX}spend:{key}")
        return float(value) if value is not None else 0.0

    async def spent_many(self, keys: Sequence[str]) -> list[float]:
        if not keys:
            return []
        values = await self._redis.mget([f"{PREFIX}spend:{key}" for key in keys])
        return [float(v) if v is not None else 0.0 for v in values]

    async def publish(self, channel: str, message: bytes) -> None:
        await self._redis.publish(PREFIX + channel, message)

    def subscribe(self, channel: str, handler: Handler) -> Callable[[], None]:
        first = channel not in self._handlers
        self._handlers.setdefault(channel, []).append(handler)
        if first and self._pubsub is not None:
            asyncio.get_running_loop().create_task(self._pubsub.subscribe(PREFIX + channel))
        return lambda: self._handlers.get(channel, []).remove(handler)

    async def _listen(self) -> None:
        while True:
            try:
                message = await self._pubsub.get_message(timeout=1.0)
            except asyncio.CancelledError:
                raise
            except Exception:  # a dropped connection: redis-py reconnects on the next read; keep listening
                log.warning("shared-state listener lost Redis; retrying", exc_info=True)
                await asyncio.sleep(0.5)
                continue
            if message is None or message.get("type") != "message":
                continue
            channel = message["channel"].decode().removeprefix(PREFIX)
            for handler in list(self._handlers.get(channel, [])):
                try:
                    result = handler(message["data"])
                    if inspect.isawaitable(result):
                        await result
                except Exception:  # one subscriber's failure must not stop the others hearing it
                    log.exception("a subscriber of %s failed", channel)
