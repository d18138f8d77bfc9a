"""The gateway's hot path: authenticate, admit, limit, route, call with retries and failover, answer, meter.

Kept lean on purpose (DESIGN §7): no pydantic model per request, one JSON parse of the body, cached lookups for
the key, the agent, the routes and the providers, one shared-state round trip when limits apply and none when
they do not, the span handed to a buffer. OpenAI-shaped answers pass through byte for byte.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from ams.auth.principal import Principal, PrincipalKind
from ams.errors import AMSError
from ams.gateway import upstream
from ams.gateway.admission import AdmissionCheck, CallSubject, Refusal, admit
from ams.gateway.directory import AgentEntry, Directory, OrgSnapshot, ProviderEntry, RouteEntry
from ams.gateway.errors import error_response
from ams.gateway.health import HealthBook
from ams.gateway.limits import CallLimits, refusal_headers
from ams.gateway.limits import headers as limit_headers
from ams.gateway.meter import CallRecord, Meter, budget_key
from ams.gateway.retry import Verdict, backoff_s, classify, parse_retry_after
from ams.gateway.routing import Candidate, next_by_context, plan
from ams.gateway.usage import Usage, estimate_prompt_tokens, requested_output_tokens
from ams.shared_state import SharedState

AGENT_HEADER = "x-ams-agent"
DEFAULT_POLICY: dict[str, Any] = {"retries": 2, "backoff_ms": 200, "max_backoff_ms": 5_000, "timeout_s": None,
                                  "failure_threshold": 5, "cooldown_s": 30, "context_fallback": True}  # fmt: skip
JSON = "application/json"


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


def _policy(route: RouteEntry) -> dict[str, Any]:
    return {**DEFAULT_POLICY, **route.policy}


def _trace(request: Request) -> tuple[str, str]:
    """(trace id, parent span id) from a W3C traceparent header, else a new trace."""
    header = request.headers.get("traceparent", "")
    parts = header.split("-")
    if len(parts) == 4 and len(parts[1]) == 32 and len(parts[2]) == 16 and parts[1] != "0" * 32:
        return parts[1].lower(), parts[2].lower()
    return os.urandom(16).hex(), ""


class Proxy:
    def __init__(
        self,
        *,
        authenticate: Any,
        directory: Directory,
        clients: upstream.Clients,
        health: HealthBook,
        meter: Meter,
        shared: SharedState,
        checks: list[AdmissionCheck],
        max_body_bytes: int,
        max_payload_chars: int,
    ) -> None:
        self.authenticate = authenticate
        self.directory = directory
        self.clients = clients
        self.health = health
        self.meter = meter
        self.shared = shared
        self.checks = checks
        self.max_body_bytes = max_body_bytes
        self.max_payload_chars = max_payload_chars
        self._background: set[asyncio.Task[None]] = set()

    async def drain(self) -> None:
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    # Who is calling

    async def principal(self, request: Request) -> Principal:
        """The API key calling; login tokens are refused (the gateway serves agents)."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise GatewayRefusal(401, "invalid_api_key", "send Authorization: Bearer <agent key or project key>")
        principal: Principal = await self.authenticate(token.strip())
        if principal.kind is PrincipalKind.USER or not principal.project_id:
            raise GatewayRefusal(
                403, "key_required", "the gateway takes an agent key, or a project key with X-AMS-Agent"
            )
        if principal.kind is PrincipalKind.PROJECT_KEY and principal.key_role not in ("agent_owner", "admin"):
            raise GatewayRefusal(403, "insufficient_role", f"a {principal.key_role} key cannot call the gateway")
        return principal

    async def caller(self, request: Request) -> tuple[Principal, AgentEntry]:
        """The key and the agent it calls for: an agent key's own, or the one a project key names."""
        principal = await self.principal(request)
        assert principal.project_id is not None
        if principal.kind is PrincipalKind.AGENT_KEY:
            ref = principal.agent_id or ""
        else:
            ref = request.headers.get(AGENT_HEADER, "")
            if not ref:
                raise GatewayRefusal(400, "agent_required", "a project key names its agent in the X-AMS-Agent header")
        agent = await self.directory.agent(principal.project_id, ref)
        if agent is None:
            raise GatewayRefusal(404, "agent_not_found", f"no agent {ref!r} in this key's project")
        return principal, agent

    # The doors

    async def chat(self, request: Request) -> Response:
        return await self._handle(request, "chat")

    async def embeddings(self, request: Request) -> Response:
        return await self._handle(request, "embeddings")

    async def models(self, request: Request) -> Response:
        try:
            principal = await self.principal(request)
            assert principal.organization_id is not None
            org = await self.directory.organization(principal.organization_id)
        except GatewayRefusal as refusal:
            return refusal.response()
        except AMSError as exc:
            return error_response(exc.status, exc.title, exc.detail, _code(exc))
        data = [{"id": alias, "object": "model", "created": 0, "owned_by": "ams:route"} for alias in sorted(org.routes)]
        for provider in sorted(org.providers.values(), key=lambda p: p.name):
            if provider.enabled:
                data += [{"id": f"{provider.name}/{name}", "object": "model", "created": 0, "owned_by": provider.name}
                         for name in sorted(provider.models)]  # fmt: skip
        return Response(orjson.dumps({"object": "list", "data": data}), media_type=JSON)

    async def _handle(self, request: Request, operation: str) -> Response:
        try:
            call = await self._prepare(request, operation)
        except GatewayRefusal as refusal:
            return refusal.response()
        except AMSError as exc:
            return error_response(exc.status, exc.title, exc.detail, _code(exc))
        try:
            if call.stream:
                return await self._stream(call)
            return await self._once(call)
        except GatewayRefusal as refusal:
            return refusal.response()

    async def _prepare(self, request: Request, operation: str) -> Call:
        start, start_us = time.perf_counter(), time.time_ns() // 1000
        principal, agent = await self.caller(request)
        body = await request.body()
        if len(body) > self.max_body_bytes:
            raise GatewayRefusal(413, "request_too_large", f"the body passes {self.max_body_bytes // 1_000_000} MB")
        try:
            parsed = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise GatewayRefusal(400, "invalid_json", f"the request body is not valid JSON: {exc}") from None
        if not isinstance(parsed, dict):
            raise GatewayRefusal(400, "invalid_request", "the request body must be a JSON object")
        alias = parsed.get("model")
        if not isinstance(alias, str) or not alias:
            raise GatewayRefusal(400, "invalid_request", "model is required", param="model")
        if operation == "chat" and not isinstance(parsed.get("messages"), list):
            raise GatewayRefusal(400, "invalid_request", "messages must be an array", param="messages")
        if operation == "embeddings" and not isinstance(parsed.get("input"), str | list):
            raise GatewayRefusal(400, "invalid_request", "input must be a string or an array", param="input")
        refusal = await admit(self.checks, CallSubject(agent, principal.id, alias, parsed))
        if refusal is not None:
            raise GatewayRefusal.of(refusal)
        org = await self.directory.organization(agent.organization_id)
        route = resolve_route(org, alias)
        if route is None:
            raise GatewayRefusal(404, "model_not_found", f"no route or provider model {alias!r}; see GET /v1/models",
                                 param="model")  # fmt: skip
        stream = operation == "chat" and parsed.get("stream") is True
        options = parsed.get("stream_options")
        wants_usage = isinstance(options, dict) and options.get("include_usage") is True
        prompt = estimate_prompt_tokens(body)
        limits = CallLimits()
        holder = os.urandom(8).hex()
        tokens = prompt + requested_output_tokens(parsed)
        limits.add("agent", agent.id, agent.limits, tokens=tokens, holder=holder)
        limits.add("project", agent.project_id, org.limits.get(("project", agent.project_id), {}), tokens=tokens,
                   holder=holder)  # fmt: skip
        limits.add("key", principal.id, org.limits.get(("key", principal.id), {}), tokens=tokens, holder=holder)
        trace_id, parent = _trace(request)
        call = Call(principal, agent, org, route, parsed, body, operation, stream, wants_usage, prompt, trace_id,
                    parent, start_us, start, limits)  # fmt: skip
        if limits.buckets or limits.slots:
            admission = await self.shared.admit(limits.buckets, limits.slots)
            if not admission.allowed:
                raise GatewayRefusal(429, "rate_limit_exceeded",
                                     f"{admission.refused} exceeded; retry in {admission.retry_after_s:.1f}s",
                                     headers=refusal_headers(limits, admission))  # fmt: skip
            call.settle = [limit_headers(limits, admission)]
        return call

    # Routing and attempts

    def _candidates(self, call: Call) -> tuple[list[Candidate], dict[str, str]]:
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

    def _order(self, call: Call) -> list[Candidate]:
        policy = _policy(call.route)
        candidates, _missing = self._candidates(call)
        now = time.monotonic()

        def allows(key: str) -> bool:
            return self.health.breaker(key, policy["failure_threshold"], policy["cooldown_s"]).allows(now)

        def waited(key: str) -> float:
            opened = self.health.stats(key).breaker.opened_at
            return now - opened if opened is not None else 0.0

        tokens = call.prompt_tokens + requested_output_tokens(call.request)
        return plan(call.route.strategy, candidates, prompt_tokens=tokens, context_fallback=policy["context_fallback"],
                    breaker_allows=allows, breaker_waited=waited).order  # fmt: skip

    async def _provider_admitted(self, call: Call, provider: ProviderEntry, key: str) -> bool:
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

    async def _send(self, call: Call) -> tuple[Any, Candidate | None, ProviderEntry | None, str, float | None]:
        """Try targets until one answers with something to hand to the client. Returns (response or (status, body),
        target, provider, model, ttft) — response is an open aiohttp response for streams."""
        policy = _policy(call.route)
        queue = self._order(call)
        last: tuple[int | None, bytes, float | None] = (None, b"", None)
        while queue:
            target = queue.pop(0)
            provider_id, _, model = target.key.partition("/")
            provider = call.org.providers[provider_id]
            if not await self._provider_admitted(call, provider, target.key):
                continue
            outgoing = self._outgoing(call, provider, model)
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
                status, body, response, retry_after = await self._post(session, outgoing, timeout, call.stream)
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

    def _outgoing(self, call: Call, provider: ProviderEntry, model: str) -> upstream.Outgoing | None:
        try:
            if call.operation == "embeddings":
                return upstream.embeddings_request(provider, model, call.request)
            return upstream.chat_request(provider, model, call.request, call.stream)
        except (KeyError, TypeError, AttributeError, ValueError, IndexError) as exc:
            # Only translation reads the body this deeply: a malformed message or tool is the client's error.
            raise GatewayRefusal(
                400, "invalid_request", f"the request cannot be sent to a {provider.kind} provider: {exc!r}"
            ) from None

    async def _post(
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

    # Answers

    async def _once(self, call: Call) -> Response:
        result, target, provider, model, _ttft = await self._send(call)
        if target is None or provider is None:
            return self._failed(call, result)
        status, body = result
        usage: Usage | None = None
        if status < 300:
            try:
                if call.operation == "embeddings":
                    body, usage = upstream.embeddings_answer(provider, body, call.route.alias, call.prompt_tokens)
                else:
                    body, usage = upstream.chat_answer(provider, body, call.route.alias)
            except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
                call.attempts[-1]["error"] = f"unreadable answer: {exc}"
                return self._failed(call, (502, b"the provider's answer could not be read", None))
        else:
            # The client's own error (a 400 from the provider): handed back as the provider said it.
            body = upstream.client_error_body(provider, status, body)
        headers = self._finish(call, provider, model, status < 300, usage, None, body, status)
        return Response(body, status_code=status, media_type=JSON, headers=headers)

    async def _stream(self, call: Call) -> Response:
        result, target, provider, model, _ = await self._send(call)
        if target is None or provider is None:
            return self._failed(call, result)
        if isinstance(result, tuple):  # a client error before any stream began
            status, body = result
            body = upstream.client_error_body(provider, status, body)
            headers = self._finish(call, provider, model, False, None, None, body, status)
            return Response(body, status_code=status, media_type=JSON, headers=headers)
        response = result
        relay = upstream.StreamRelay(provider, call.route.alias, call.wants_usage)
        timeout = float(_policy(call.route).get("timeout_s") or provider.options.get("timeout_s") or 60)
        headers = call.settle[0] if call.settle and isinstance(call.settle[0], dict) else {}

        async def relay_body() -> AsyncIterator[bytes]:
            ttft: float | None = None
            error = ""
            try:
                async for chunk in upstream.iterate(response, timeout):
                    out = relay.feed(chunk)
                    if out:
                        if ttft is None:
                            ttft = (time.perf_counter() - call.start) * 1000
                        yield out
                tail = relay.finish()
                if tail:
                    yield tail
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                error = f"stream cut: {type(exc).__name__}: {exc}"
                yield upstream.stream_error_event(error)
            finally:
                response.release()
                if error:
                    call.attempts[-1]["error"] = error
                self._finish(call, provider, model, not error, relay.usage, ttft, b"", 200)

        return StreamingResponse(relay_body(), media_type="text/event-stream",
                                 headers={**headers, "Cache-Control": "no-cache"})  # fmt: skip

    def _failed(self, call: Call, last: Any) -> Response:
        status, body, retry_after = last if isinstance(last, tuple) and len(last) == 3 else (None, b"", None)
        tried = ", ".join(f"{a['target']} ({a['status']})" for a in call.attempts) or "none available"
        message = f"no target of {call.route.alias!r} could serve the call; tried: {tried}"
        self._finish(call, None, "", False, None, None, message.encode(), 502)
        if status == 429:
            retry = max(1, int(retry_after or 1))
            return error_response(429, "Upstream rate limited", message, "upstream_rate_limited",
                                  headers={"Retry-After": str(retry)}, extra={"attempts": call.attempts})  # fmt: skip
        return error_response(502, "Bad gateway", message, "upstream_failed", extra={"attempts": call.attempts})

    def _finish(
        self,
        call: Call,
        provider: ProviderEntry | None,
        model: str,
        ok: bool,
        usage: Usage | None,
        ttft_ms: float | None,
        answer: bytes,
        status: int,
    ) -> dict[str, str]:
        """Meter the call, settle its limits in the background, and give the rate-limit headers to answer with."""
        usage = usage or Usage()
        end_us = time.time_ns() // 1000
        target = f"{provider.name}/{model}" if provider else ""
        attributes: dict[str, Any] = {
            "ams.gateway.route": call.route.alias,
            "ams.gateway.target": target,
            "ams.gateway.attempts": call.attempts,
            "ams.gateway.stream": call.stream,
            "ams.gateway.status": status,
            "gen_ai.request.model": call.route.alias,
        }
        if call.route.id:
            attributes["ams.gateway.route_id"] = call.route.id
        if provider:
            attributes["ams.gateway.provider_id"] = provider.id
        if ttft_ms is not None:
            attributes["ams.gateway.ttft_ms"] = round(ttft_ms, 2)
        price = None
        if provider:
            entry = provider.model(model) or {}
            if entry.get("input_per_mtok") is not None and entry.get("output_per_mtok") is not None:
                price = (float(entry["input_per_mtok"]), float(entry["output_per_mtok"]))
        chat = call.operation == "chat"
        self.meter.record(CallRecord(
            call.agent.organization_id, call.agent.project_id, call.agent.id, call.agent.version, call.trace_id,
            os.urandom(8).hex(), call.parent_span_id, f"{'chat' if chat else 'embeddings'} {call.route.alias}",
            "llm" if chat else "embedding", call.operation, ok, "" if ok else answer[:500].decode(errors="replace"),
            call.start_us, end_us, provider.name if provider else "", provider.kind if provider else "", model,
            usage.input_tokens, usage.output_tokens, usage.cached_input_tokens, price,
            call.body[: self.max_payload_chars * 4].decode(errors="replace"),
            answer[: self.max_payload_chars * 4].decode(errors="replace") if ok else "", attributes,
        ))  # fmt: skip
        headers: dict[str, str] = {}
        adjustments: list[Any] = []
        slots: list[Any] = []
        for item in call.settle:
            if isinstance(item, dict):
                headers = item
        for limits in [call.limits, *[i for i in call.settle if isinstance(i, CallLimits)]]:
            adjustments += limits.token_settlement(usage.total if ok else 0)
            slots += limits.slots
        if adjustments or slots:
            task = asyncio.ensure_future(self.shared.settle(adjustments, slots))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        return headers


def resolve_route(org: OrgSnapshot, alias: str) -> RouteEntry | None:
    """The route named `alias`; else `provider/model` of a registered provider; else the one provider model of
    that name (the first provider by name when several list it)."""
    route = org.routes.get(alias)
    if route is not None:
        return route
    name, _, model = alias.partition("/")
    provider = org.by_name.get(name) if model else None
    if provider is not None:
        return RouteEntry("", alias, "ordered", [{"provider_id": provider.id, "model": model, "weight": 1.0}], {})
    for provider in sorted(org.providers.values(), key=lambda p: p.name):
        if provider.enabled and alias in provider.models:
            return RouteEntry("", alias, "ordered", [{"provider_id": provider.id, "model": alias, "weight": 1.0}], {})
    return None


def _code(exc: AMSError) -> str:
    return {401: "invalid_api_key", 403: "permission_denied", 404: "not_found"}.get(exc.status, "invalid_request")


class GatewayRefusal(Exception):
    def __init__(self, status: int, code: str, message: str, *, param: str | None = None,
                 headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status, self.code, self.message, self.param = status, code, message, param
        self.headers, self.extra = headers, extra or {}

    @classmethod
    def of(cls, refusal: Refusal) -> GatewayRefusal:
        return cls(refusal.status, refusal.code, refusal.message, extra=refusal.extra)

    def response(self) -> Response:
        titles = {400: "Invalid request", 401: "Authentication required", 403: "Forbidden", 404: "Not found",
                  413: "Payload too large", 429: "Rate limit exceeded"}  # fmt: skip
        return error_response(self.status, titles.get(self.status, "Error"), self.message, self.code,
                              param=self.param, headers=self.headers, extra=self.extra)  # fmt: skip
