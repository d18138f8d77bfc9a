"""Building native ingest batches the way an agent's SDK would."""

from __future__ import annotations

import secrets
import time
from typing import Any

import anyio

NOW_S = time.time


def task(
    agent: str,
    *,
    duration_ms: float = 100.0,
    status: str = "ok",
    outcome: str | None = None,
    ago_s: float = 60.0,
    llm_calls: int = 1,
    model: str = "gpt-4o-mini",
    provider: str = "openai",
    input_tokens: int = 1000,
    output_tokens: int = 500,
    cost_usd: float | None = None,
    human: bool = False,
    session: str = "",
    version: str = "",
    name: str = "handle-ticket",
    text: str = "",
) -> list[dict[str, Any]]:
    """A task: its root span and `llm_calls` LLM spans under it."""
    trace_id = secrets.token_hex(16)
    root_id = secrets.token_hex(8)
    # On a whole millisecond, so that start and end (float seconds) both land exactly on their microsecond.
    start = round(NOW_S() - ago_s, 3)
    root: dict[str, Any] = {
        "trace_id": trace_id,
        "span_id": root_id,
        "name": name,
        "kind": "task",
        "status": status,
        "start_time": start,
        "end_time": start + duration_ms / 1000,
        "agent": agent,
        "session_id": session,
        "agent_version": version,
        "input": text or "a customer question",
        "output": "an answer",
        "human_intervention": human,
    }
    if outcome:
        root["task_outcome"] = outcome
    spans = [root]
    for i in range(llm_calls):
        span: dict[str, Any] = {
            "trace_id": trace_id,
            "span_id": secrets.token_hex(8),
            "parent_span_id": root_id,
            "name": f"chat {model}",
            "kind": "llm",
            "start_time": start + 0.001 * i,
            "end_time": start + 0.001 * i + 0.01,
            "agent": agent,
            "provider": provider,
            "model": model,
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "agent_version": version,
        }
        if cost_usd is not None:
            span["cost_usd"] = cost_usd
        spans.append(span)
    return spans


async def ingest(client, headers, *, spans=(), events=(), heartbeats=()) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/ingest",
        json={"spans": list(spans), "events": list(events), "heartbeats": list(heartbeats)},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def forget_rollups(telemetry) -> None:
    """Back to a store whose rollups were never computed: every window reads raw spans until they are."""

    def truncate() -> None:
        for table in ("agent_hours", "agent_days", "model_hourly", "task_cost_hours", "rollup_state"):
            telemetry.store.command(f"TRUNCATE TABLE {table}")

    await anyio.to_thread.run_sync(truncate)
    telemetry.rollups.refresh()
