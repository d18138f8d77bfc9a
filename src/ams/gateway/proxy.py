"""The gateway's hot path: authenticate, admit, limit, route, call with retries and failover, answer, meter.

Kept lean on purpose (DESIGN §7): no pydantic model per request, one JSON parse of the body, cached lookups for
the key, the agent, the routes and the providers, one shared-state round trip when limits apply and none when
they do not, the span handed to a buffer. OpenAI-shaped answers pass through byte for byte.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from ams.auth.principal import Principal, PrincipalKind
from ams.errors import AMSError
from ams.gateway import upstream
from ams.gateway.admission import AdmissionCheck, CallSubject, admit
from ams.gateway.directory import AgentEntry, Directory, ProviderEntry, resolve_route
from ams.gateway.dispatch import Call, Dispatcher, policy_of
from ams.gateway.errors import GatewayRefusal, code_of, error_response
from ams.gateway.health import HealthBook
from ams.gateway.limits import CallLimits, refusal_headers
from ams.gateway.limits import headers as limit_headers
from ams.gateway.meter import CallRecord, Meter, model_price
from ams.gateway.usage import Usage, estimate_prompt_tokens, requested_output_tokens
from ams.shared_state import SharedState
from ams.telemetry.pricing import cost_usd

AGENT_HEADER = "x-ams-agent"
JSON = "application/json"


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
        self.dispatch = Dispatcher(clients, health, shared)
        self.meter = meter
        self.shared = shared
        self.checks = checks
        self.max_body_bytes = max_body_bytes
        self.max_payload_chars = max_payload_chars
        self._background: set[asyncio.Task[None]] = set()
        # Why a call of this agent must stop now (an emergency stop), or None; governance sets it.
        self.stop_reason: Callable[[AgentEntry], str | None] = lambda agent: None

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
            return error_response(exc.status, exc.title, exc.detail, code_of(exc))
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
            return error_response(exc.status, exc.title, exc.detail, code_of(exc))
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
        subject = CallSubject(agent, principal.id, alias, parsed)
        refusal = await admit(self.checks, subject)
        if refusal is not None:
            self._release(subject.holds)
            raise GatewayRefusal.of(refusal)
        try:
            call = await self._call(request, operation, principal, agent, alias, parsed, body, start, start_us)
        except GatewayRefusal:
            self._release(subject.holds)
            raise
        call.holds = subject.holds
        return call

    def _release(self, holds: list[Any]) -> None:
        """A call refused after admission reserved for it spends nothing: its holds settle at zero."""
        for hold in holds:
            self._in_background(hold.settle(0.0))

    def _in_background(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _call(
        self,
        request: Request,
        operation: str,
        principal: Principal,
        agent: AgentEntry,
        alias: str,
        parsed: dict[str, Any],
        body: bytes,
        start: float,
        start_us: int,
    ) -> Call:
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

    # Answers

    async def _once(self, call: Call) -> Response:
        result, target, provider, model, _ttft = await self.dispatch.send(call)
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
        result, target, provider, model, _ = await self.dispatch.send(call)
        if target is None or provider is None:
            return self._failed(call, result)
        if isinstance(result, tuple):  # a client error before any stream began
            status, body = result
            body = upstream.client_error_body(provider, status, body)
            headers = self._finish(call, provider, model, False, None, None, body, status)
            return Response(body, status_code=status, media_type=JSON, headers=headers)
        response = result
        relay = upstream.StreamRelay(provider, call.route.alias, call.wants_usage)
        timeout = float(policy_of(call.route).get("timeout_s") or provider.options.get("timeout_s") or 60)
        headers = call.settle[0] if call.settle and isinstance(call.settle[0], dict) else {}

        async def relay_body() -> AsyncIterator[bytes]:
            ttft: float | None = None
            error = ""
            try:
                async for chunk in upstream.iterate(response, timeout):
                    stopped = self.stop_reason(call.agent)
                    if stopped:  # an emergency stop cuts the streams it covers mid-flight
                        error = f"stream cut: {stopped}"
                        yield upstream.stream_error_event(error)
                        break
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
            self._in_background(self.shared.settle(adjustments, slots))
        if call.holds:
            spent = usage if ok else Usage()
            self._in_background(self._settle_holds(call, provider, model, price, spent))
        return headers

    async def _settle_holds(
        self, call: Call, provider: ProviderEntry | None, model: str, price: tuple[float, float] | None, usage: Usage
    ) -> None:
        """The call's real cost replaces what admission reserved for it (a spend cap's estimate)."""
        cost = 0.0
        if provider is not None and (usage.input_tokens or usage.output_tokens):
            book = await self.meter.book_for(call.agent.organization_id)
            found = model_price(price, provider.name, provider.kind, model, book)
            if found is not None:
                cost = cost_usd(found, usage.input_tokens, usage.output_tokens, usage.cached_input_tokens)
        for hold in call.holds:
            await hold.settle(cost)
