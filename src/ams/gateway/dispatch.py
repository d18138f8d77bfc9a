"""Where a call goes and how: the route's targets in the strategy's order, provider limits and budgets, and
the attempts with retries, backoff and failover until one answer is worth handing back."""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from ams.auth.principal import Principal
from ams.gateway import upstream
from ams.gateway.directory import AgentEntry, OrgSnapshot, ProviderEntry, RouteEntry
from ams.gateway.errors import GatewayRefusal
from ams.gateway.health import HealthBook
from ams.gateway.limits import CallLimits
from ams.gateway.meter import budget_key
from ams.gateway.retry import Verdict, backoff_s, classify, parse_retry_after
from ams.gateway.routing import Candidate, next_by_context, plan
from ams.gateway.usage import requested_output_tokens
from ams.shared_state import SharedState

DEFAULT_POLICY: dict[str, Any] = {"retries": 2, "backoff_ms": 200, "max_backoff_ms": 5_000, "timeout_s": None,
                                  "failure_threshold": 5, "cooldown_s": 30, "context_fallback": True}  # fmt: skip


@dataclass(slots=True)
class Call:
    """One gateway call as it goes through the path."""

    principal: Principal
    agent: AgentEntry
    org: OrgSnapshot
    route: RouteEntry
    request: dict[str, Any]
    body: bytes
    operation: str  # chat | embeddings
    stream: bool
    wants_usage: bool
    prompt_tokens: int
    trace_id: str
    parent_span_id: str
    start_us: int
    start: float
    limits: CallLimits
    attempts: list[dict[str, Any]] = field(default_factory=list)
    settle: list[Any] = field(default_factory=list)
    holds: list[Any] = field(default_factory=list)  # admission's reservations, settled with the real cost


def policy_of(route: RouteEntry) -> dict[str, Any]:
    return {**DEFAULT_POLICY, **route.policy}


class Dispatcher:
    def __init__(self, clients: upstream.Clients, health: HealthBook, shared: SharedState) -> None:
        self.clients, self.health, self.shared = clients, health, shared

    def candidates(self, call: Call) -> tuple[list[Candidate], dict[str, str]]:
        out, missing = [], {}
        for target in call.route.targets:
            key = f"{target['provider_id']}/{target['model']}"
            provider = call.org.providers.get(target["provider_id"])
            if provider is None or not provider.enabled:
                missing[key] = "provider missing or disabled"
                continue
            model = provider.model(target["model"]) or {}
            stats = self.health.known(key)
            price = None
            if model.get("input_per_mtok") is not None and model.get("output_per_mtok") is not None:
                price = model["input_per_mtok"] + model["output_per_mtok"]
            out.append(Candidate(key, float(target.get("weight", 1.0)), model.get("context_window"),
                                 stats.ewma_ms if stats else None, price))  # fmt: skip
        return out, missing

    def order(self, call: Call) -> list[Candidate]:
        policy = policy_of(call.route)
        candidates, _missing = self.candidates(call)
        now = time.monotonic()

        def allows(key: str) -> bool:
            return self.health.breaker(key, policy["failure_threshold"], policy["cooldown_s"]).allows(now)

        def waited(key: str) -> float:
            opened = self.health.stats(key).breaker.opened_at
            return now - opened if opened is not None else 0.0

        tokens = call.prompt_tokens + requested_output_tokens(call.request)
        return plan(call.route.strategy, candidates, prompt_tokens=tokens, context_fallback=policy["context_fallback"],
                    breaker_allows=allows, breaker_waited=waited).order  # fmt: skip

    async def provider_admitted(self, call: Call, provider: ProviderEntry, key: str) -> bool:
        if not provider.limits:
            return True
        budget = provider.limits.get("monthly_budget_usd")
        # The month's spend is counted as calls are priced (a second or so behind), so a burst can pass the budget
        # by what is in flight; governance's spend caps reserve before calling and hold exactly.
        if budget is not None and await self.shared.spent(budget_key(provider.id)) >= budget:
            call.attempts.append({"target": key, "status": "provider_budget", "latency_ms": 0.0,
                                  "error": f"monthly budget of {budget} USD spent"})  # fmt: skip
            return False
        limits = CallLimits()
        limits.add("provider", provider.id, provider.limits, tokens=call.prompt_tokens, holder=os.urandom(8).hex())
        if not limits.buckets and not limits.slots:
            return True
        admission = await self.shared.admit(limits.buckets, limits.slots)
        if not admission.allowed:
            call.attempts.append({"target": key, "status": "provider_limit", "latency_ms": 0.0,
                                  "error": f"{admission.refused} reached"})  # fmt: skip
            return False
        call.settle.append(limits)
        return True

    async def send(self, call: Call) -> tuple[Any, Candidate | None, ProviderEntry | None, str, float | None]:
        """Try targets until one answers with something to hand to the client. Returns (response or (status, body),
        target, provider, model, ttft) — response is an open aiohttp response for streams."""
        policy = policy_of(call.route)
        queue = self.order(call)
        last: tuple[int | None, bytes, float | None] = (None, b"", None)
        while queue:
            target = queue.pop(0)
            provider_id, _, model = target.key.partition("/")
            provider = call.org.providers[provider_id]
            if not await self.provider_admitted(call, provider, target.key):
                continue
            outgoing = self.outgoing(call, provider, model)
            if outgoing is None:
                call.attempts.append({"target": target.key, "status": "unsupported", "latency_ms": 0.0})
                continue
            timeout = float(policy.get("timeout_s") or provider.options.get("timeout_s") or 60)
            session = self.clients.session(provider)
            breaker = self.health.breaker(target.key, policy["failure_threshold"], policy["cooldown_s"])
            for retry in range(int(policy["retries"]) + 1):
                now = time.monotonic()
                if retry and not breaker.allows(now):
                    break
                breaker.begin(now)
                began = time.perf_counter()
                status, body, response, retry_after = await self.post(session, outgoing, timeout, call.stream)
                latency_ms = (time.perf_counter() - began) * 1000
                verdict = classify(status, body)
                attempt: dict[str, Any] = {"target": target.key, "status": status or "timeout",
                                           "latency_ms": round(latency_ms, 2)}  # fmt: skip
                if verdict is not Verdict.DONE and body:
                    attempt["error"] = body[:300].decode(errors="replace")
                call.attempts.append(attempt)
                ok = verdict in (Verdict.DONE, Verdict.CONTEXT)
                self.health.stats(target.key).observe(ok, latency_ms, now)
                if ok:
                    breaker.success()
                else:
                    breaker.failure(time.monotonic())
                if verdict is Verdict.DONE:
                    return (response if response is not None else (status, body)), target, provider, model, latency_ms
                if response is not None:
                    response.release()
                last = (status, body, retry_after)
                if verdict is Verdict.CONTEXT:
                    queue = next_by_context(queue, target)
                    break
                if verdict is Verdict.FAILOVER or retry >= int(policy["retries"]):
                    break
                await asyncio.sleep(backoff_s(retry, policy["backoff_ms"], policy["max_backoff_ms"], retry_after))
        return last, None, None, "", None

    def outgoing(self, call: Call, provider: ProviderEntry, model: str) -> upstream.Outgoing | None:
        try:
            if call.operation == "embeddings":
                return upstream.embeddings_request(provider, model, call.request)
            return upstream.chat_request(provider, model, call.request, call.stream)
        except (KeyError, TypeError, AttributeError, ValueError, IndexError) as exc:
            # Only translation reads the body this deeply: a malformed message or tool is the client's error.
            raise GatewayRefusal(
                400, "invalid_request", f"the request cannot be sent to a {provider.kind} provider: {exc!r}"
            ) from None

    async def post(
        self, session: aiohttp.ClientSession, outgoing: upstream.Outgoing, timeout: float, stream: bool
    ) -> tuple[int | None, bytes, Any, float | None]:
        """(status, body, open response for a successful stream, Retry-After)."""
        limits = (aiohttp.ClientTimeout(total=None, sock_connect=timeout, sock_read=timeout) if stream
                  else aiohttp.ClientTimeout(total=timeout))  # fmt: skip
        try:
            response = await session.post(outgoing.url, data=outgoing.body, headers=outgoing.headers, timeout=limits)
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            return None, f"{type(exc).__name__}: {exc}".encode(), None, None
        try:
            if stream and response.status == 200:
                return 200, b"", response, None
            body = await response.read()
            return response.status, body, None, parse_retry_after(response.headers.get("retry-after"))
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            response.release()
            return None, f"{type(exc).__name__}: {exc}".encode(), None, None
        finally:
            if not (stream and response.status == 200):
                response.release()
