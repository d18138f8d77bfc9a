"""Trace search, one trace's span tree, and a session's traces."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from ams.analytics.scope import Scope
from ams.analytics.service import run
from ams.analytics.windows import Window
from ams.errors import InvalidInput, NotFound
from ams.telemetry import trace_queries
from ams.telemetry.schemas import SpanNode, TraceDetail, TracePage, TraceSummary
from ams.telemetry.store import TelemetryStore


def _time(us: int) -> datetime:
    return datetime.fromtimestamp(us / 1_000_000, UTC)


def _cursor(row: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([row["start_us"], row["span_id"]])).decode().rstrip("=")


def _uncursor(cursor: str) -> tuple[int, str]:
    try:
        start_us, span_id = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return int(start_us), str(span_id)
    except (ValueError, TypeError) as exc:
        raise InvalidInput.on("cursor", "not a cursor this API returned") from exc


def _summary(row: dict[str, Any], totals: dict[str, Any] | None) -> TraceSummary:
    totals = totals or {}
    return TraceSummary(
        trace_id=row["trace_id"],
        root_span_id=row["span_id"],
        agent_id=row["agent_id"],
        agent_version=row["agent_version"],
        project_id=row["project_id"],
        session_id=row["session_id"],
        name=row["name"],
        kind=row["kind"],
        status=row["status"],
        status_message=row["status_message"],
        start_time=_time(row["start_us"]),
        end_time=_time(row["end_us"]),
        duration_ms=row["duration_ms"],
        task_outcome=row["task_outcome"] or None,
        human_intervention=bool(row["human_intervention"]),
        spans=totals.get("spans", 0),
        cost_usd=totals.get("cost_usd", 0.0),
        input_tokens=totals.get("input_tokens", 0),
        output_tokens=totals.get("output_tokens", 0),
        errors=totals.get("errors", 0),
        models=sorted(totals.get("models", [])),
    )


async def _with_totals(store: TelemetryStore, scope: Scope, rows: list[dict[str, Any]]) -> list[TraceSummary]:
    if not rows:
        return []
    totals = await run(
        store, trace_queries.TRACE_TOTALS, {**scope.params(), "trace_ids": [r["trace_id"] for r in rows]}
    )
    by_trace = {t["trace_id"]: t for t in totals.dicts()}
    return [_summary(row, by_trace.get(row["trace_id"])) for row in rows]


# A search page is first looked for in the newest hour, then day, of the window: the sort key is not time-first,
# so reading the whole window to sort it costs what its size does, while the newest hour usually holds a page.
PAGE_STAGES = (timedelta(hours=1), timedelta(days=1))


async def search(
    store: TelemetryStore,
    scope: Scope,
    window: Window,
    *,
    version: str = "",
    status: str | None = None,
    min_cost: float | None = None,
    min_duration_ms: float | None = None,
    model: str | None = None,
    session: str | None = None,
    text: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> TracePage:
    if status is not None and status not in {"ok", "error"}:
        raise InvalidInput.on("status", "choose ok or error")
    after = _uncursor(cursor) if cursor else None
    by_other_spans = min_cost is not None or model is not None or bool(text)
    sql = trace_queries.search(
        status=status is not None,
        min_duration=min_duration_ms is not None,
        session=session is not None,
        min_cost=min_cost is not None,
        model=model is not None,
        text=bool(text),
        after=after is not None,
    )
    params: dict[str, Any] = {
        **scope.params(),
        "since": window.since,
        "until": window.until,
        "version": version,
        "limit": limit + 1,
        "status": status or "",
        "min_duration": min_duration_ms or 0.0,
        "session": session or "",
        "min_cost": min_cost or 0.0,
        "model": model or "",
        "text": text or "",
        "after_us": after[0] if after else 0,
        "after_span": after[1] if after else "",
    }
    # Filters on a trace's other spans read the whole window whatever the page's start: no narrowing for them.
    newest = min(window.until, _time(after[0] + 1)) if after else window.until
    starts = [] if by_other_spans else [newest - stage for stage in PAGE_STAGES if newest - stage > window.since]
    for page_since in [*starts, window.since]:
        rows = (await run(store, sql, {**params, "page_since": page_since})).dicts()
        # Every task left out is older than every task found: a full page here is the window's first page.
        if len(rows) > limit:
            break
    page, more = rows[:limit], len(rows) > limit
    return TracePage(items=await _with_totals(store, scope, page), next_cursor=_cursor(page[-1]) if more else None)


def _node(row: dict[str, Any]) -> SpanNode:
    return SpanNode(
        span_id=row["span_id"],
        parent_span_id=row["parent_span_id"] or None,
        agent_id=row["agent_id"],
        agent_version=row["agent_version"],
        kind=row["kind"],
        name=row["name"],
        status=row["status"],
        status_message=row["status_message"],
        start_time=_time(row["start_us"]),
        end_time=_time(row["end_us"]),
        duration_ms=row["duration_ms"],
        provider=row["provider"] or None,
        model=row["model"] or None,
        operation=row["operation"] or None,
        tool_name=row["tool_name"] or None,
        input_tokens=row["input_tokens"],
        output_tokens=row["output_tokens"],
        cached_input_tokens=row["cached_input_tokens"],
        cost_usd=row["cost_usd"],
        cost_source=row["cost_source"],
        is_task=bool(row["is_task"]),
        task_outcome=row["task_outcome"] or None,
        human_intervention=bool(row["human_intervention"]),
        input=row["input"] or None,
        output=row["output"] or None,
        attributes=orjson.loads(row["attributes"] or "{}"),
        events=orjson.loads(row["events"] or "[]"),
        children=[],
    )


async def read_trace(store: TelemetryStore, scope: Scope, trace_id: str) -> TraceDetail:
    params = {**scope.params(), "trace_id": trace_id.lower()}
    rows = (await run(store, trace_queries.TRACE_SPANS, params)).dicts()
    if not rows:
        raise NotFound(f"trace {trace_id} not found")
    events = (await run(store, trace_queries.TRACE_EVENTS, params)).dicts()
    nodes = {row["span_id"]: _node(row) for row in rows}
    roots: list[SpanNode] = []
    for node in nodes.values():
        parent = nodes.get(node.parent_span_id or "")
        (parent.children if parent else roots).append(node)
    total_cost = sum(n.cost_usd for n in nodes.values())
    start = min(n.start_time for n in nodes.values())
    end = max(n.end_time for n in nodes.values())
    return TraceDetail(
        trace_id=trace_id.lower(),
        start_time=start,
        end_time=end,
        duration_ms=(end - start).total_seconds() * 1000,
        spans=len(nodes),
        cost_usd=total_cost,
        input_tokens=sum(n.input_tokens for n in nodes.values()),
        output_tokens=sum(n.output_tokens for n in nodes.values()),
        roots=roots,
        events=[
            {**e, "time": _time(e.pop("time_us")), "attributes": orjson.loads(e["attributes"] or "{}")} for e in events
        ],
    )


async def read_session(store: TelemetryStore, scope: Scope, session_id: str) -> list[TraceSummary]:
    rows = (await run(store, trace_queries.SESSION_TASKS, {**scope.params(), "session": session_id})).dicts()
    if not rows:
        raise NotFound(f"session {session_id} not found")
    return await _with_totals(store, scope, rows)
