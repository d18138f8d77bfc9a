"""HTTP doors of telemetry: OTLP and native ingest, traces, sessions and the live stream."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from ams.analytics.scope import resolve_scope
from ams.analytics.windows import parse_window
from ams.auth.roles import Permission
from ams.errors import AMSError
from ams.http.deps import DEFAULT_PAGE, ContextDep, CurrentPrincipal, Cursor, Limit, UTCTimestamp
from ams.http.permissions import requires
from ams.telemetry import schemas, traces_service
from ams.telemetry.metrics import scoped_registry
from ams.telemetry.native import NativeDecodeError, decode_native
from ams.telemetry.otlp import OtlpDecodeError, decode_otlp
from ams.telemetry.pipeline import Overloaded

router = APIRouter(tags=["telemetry"])
KEEPALIVE_S = 15.0


class PayloadTooLarge(AMSError):
    status = 413
    title = "Payload too large"


class Unreadable(AMSError):
    status = 400
    title = "Unreadable payload"


class Busy(AMSError):
    """503 with Retry-After: the OTLP retry contract for a full ingest queue."""

    status = 503
    title = "Ingest busy"


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes `limit` bytes rather than read whole."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the body passes {limit // 1_000_000} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def _busy(exc: Overloaded) -> Busy:
    return Busy(str(exc), retry_after=exc.retry_after_s)


@router.post("/v1/traces", summary="OTLP/HTTP trace export", **requires(Permission.TELEMETRY_WRITE))
async def otlp_traces(request: Request, principal: CurrentPrincipal, context: ContextDep) -> Response:
    """Take an OpenTelemetry trace export (protobuf or JSON, gzip or plain); answer once the spans are durable."""
    config = context.settings.telemetry
    limit = int(config.max_request_mb * 1_000_000)
    body = await _body(request, limit)
    try:
        decoded = decode_otlp(
            body,
            request.headers.get("content-type", ""),
            request.headers.get("content-encoding"),
            max_payload_chars=config.max_payload_chars,
            max_body_bytes=limit,
        )
    except OtlpDecodeError as exc:
        error = Unreadable(str(exc))
        error.status = exc.status
        raise error from None
    try:
        await context.telemetry.ingest.write_spans(principal, decoded.batch)
    except Overloaded as exc:
        raise _busy(exc) from None
    response = ExportTraceServiceResponse()
    if decoded.rejected_spans:
        response.partial_success.rejected_spans = decoded.rejected_spans
        response.partial_success.error_message = decoded.error_message
    if "json" in request.headers.get("content-type", ""):
        partial = (
            {"partialSuccess": {"rejectedSpans": decoded.rejected_spans, "errorMessage": decoded.error_message}}
            if decoded.rejected_spans
            else {}
        )
        return Response(orjson.dumps(partial), media_type="application/json")
    return Response(response.SerializeToString(), media_type="application/x-protobuf")


@router.post("/api/v1/ingest", summary="Native batch ingest", **requires(Permission.TELEMETRY_WRITE))
async def ingest(request: Request, principal: CurrentPrincipal, context: ContextDep) -> schemas.IngestResult:
    """Take the SDK's batch of spans, span events and heartbeats; bad items are rejected by name, the rest kept."""
    config = context.settings.telemetry
    body = await _body(request, int(config.max_request_mb * 1_000_000))
    try:
        batch = decode_native(body, max_payload_chars=config.max_payload_chars)
    except NativeDecodeError as exc:
        raise Unreadable(str(exc)) from None
    try:
        written = await context.telemetry.ingest.write_native(principal, batch)
    except Overloaded as exc:
        raise _busy(exc) from None
    return schemas.IngestResult(
        accepted_spans=written.spans,
        rejected_spans=batch.rejected_spans,
        accepted_events=written.events,
        accepted_heartbeats=written.heartbeats,
        errors=batch.errors[:100],
    )


Window = Annotated[str | None, Query(description="15m, 1h, 24h, 7d, 30d… (default 24h)")]


@router.get("/api/v1/traces", tags=["traces"])
async def search_traces(
    principal: CurrentPrincipal,
    context: ContextDep,
    agent: str | None = None,
    project_id: str | None = None,
    organization_id: str | None = None,
    version: str = "",
    status: str | None = Query(None, description="ok or error"),
    min_cost: float | None = Query(None, ge=0, description="Traces costing at least this many USD."),
    min_duration_ms: float | None = Query(None, ge=0),
    model: str | None = None,
    session: str | None = None,
    q: str | None = Query(None, max_length=200, description="Text in a span's name, input or output."),
    window: Window = None,
    since: UTCTimestamp | None = None,
    until: UTCTimestamp | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> schemas.TracePage:
    """Traces (one per task), newest first, with their totals."""
    scope = await resolve_scope(
        context.db, principal, organization_id=organization_id, project_id=project_id, agent=agent
    )
    return await traces_service.search(
        context.telemetry.store,
        scope,
        parse_window(window, since, until),
        version=version,
        status=status,
        min_cost=min_cost,
        min_duration_ms=min_duration_ms,
        model=model,
        session=session,
        text=q,
        cursor=cursor,
        limit=limit,
    )


@router.get("/api/v1/traces/{trace_id}", tags=["traces"])
async def read_trace(
    trace_id: str, principal: CurrentPrincipal, context: ContextDep, organization_id: str | None = None
) -> schemas.TraceDetail:
    """One trace: its span tree with timings, tokens, cost, inputs and outputs, and its events."""
    scope = await resolve_scope(context.db, principal, organization_id=organization_id)
    return await traces_service.read_trace(context.telemetry.store, scope, trace_id)


@router.get("/api/v1/sessions/{session_id}", tags=["traces"])
async def read_session(
    session_id: str, principal: CurrentPrincipal, context: ContextDep, organization_id: str | None = None
) -> schemas.Session:
    """The traces of one conversation, in order."""
    scope = await resolve_scope(context.db, principal, organization_id=organization_id)
    traces = await traces_service.read_session(context.telemetry.store, scope, session_id)
    return schemas.Session(session_id=session_id, traces=traces)


@router.get("/api/v1/stream", tags=["traces"], response_class=StreamingResponse)
async def stream(
    request: Request,
    principal: CurrentPrincipal,
    context: ContextDep,
    agent: str | None = None,
    project_id: str | None = None,
    organization_id: str | None = None,
) -> StreamingResponse:
    """Server-sent events as they happen, optionally for one agent or project: traces and task outcomes as they
    land, alert changes, approvals asked and answered, agents' state changes and emergency stops."""
    scope = await resolve_scope(
        context.db, principal, organization_id=organization_id, project_id=project_id, agent=agent
    )
    hub = context.telemetry.live

    async def events() -> AsyncIterator[bytes]:
        async with hub.subscribe(scope.organization_id, scope.projects, scope.agents) as subscription:
            yield b": connected\n\n"
            while not await request.is_disconnected():
                try:
                    event = await asyncio.wait_for(subscription.queue.get(), KEEPALIVE_S)
                except TimeoutError:
                    yield b": keep-alive\n\n"
                    continue
                yield b"event: " + event["type"].encode() + b"\ndata: " + orjson.dumps(event) + b"\n\n"

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


@router.get("/metrics", tags=["system"], response_class=Response)
async def metrics(principal: CurrentPrincipal, context: ContextDep) -> Response:
    """Prometheus metrics: ingest counters, queue depth, and per-agent task, error, token and cost counters of the
    organizations you can see."""
    telemetry = context.telemetry
    registry = scoped_registry(telemetry.pipeline, telemetry.counters, principal)
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
