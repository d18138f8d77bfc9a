"""Span rows for tests, built as a user's agents would produce them, turned into store columns."""

from __future__ import annotations

import secrets
import time
from typing import Any

from ams.telemetry.spans import SPAN_COLUMNS

DEFAULTS: dict[str, Any] = {
    "organization_id": "",
    "project_id": "",
    "parent_span_id": "",
    "agent_id": "",
    "agent_version": "",
    "session_id": "",
    "kind": "other",
    "name": "span",
    "status": "ok",
    "status_message": "",
    "provider": "",
    "model": "",
    "operation": "",
    "tool_name": "",
    "input_tokens": 0,
    "output_tokens": 0,
    "cached_input_tokens": 0,
    "cost_usd": 0.0,
    "cost_source": "none",
    "is_task": 0,
    "task_outcome": "",
    "human_intervention": 0,
    "input": "",
    "output": "",
    "attributes": "{}",
    "events": "[]",
}
STORE_COLUMNS = [c for c in SPAN_COLUMNS if c not in {"start_time", "end_time", "ingested_at"}]


def span(start_us: int | None = None, duration_ms: float = 10.0, **fields: Any) -> dict[str, Any]:
    start = start_us if start_us is not None else int(time.time() * 1_000_000) - 60_000_000
    row = {**DEFAULTS, "trace_id": secrets.token_hex(16), "span_id": secrets.token_hex(8), **fields}
    row.update(start_us=start, end_us=start + int(duration_ms * 1000), duration_ms=duration_ms)
    return row


def columns(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    names = [*STORE_COLUMNS, "start_us", "end_us", "ingested_us"]
    now = int(time.time() * 1_000_000)
    return names, [[row.get(n, now) for row in rows] for n in names]
