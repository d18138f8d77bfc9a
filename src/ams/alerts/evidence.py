"""An alert's evidence: a few of the subject's tasks that show the problem, to open in the trace explorer."""

from __future__ import annotations

from typing import Any

import anyio

from ams.alerts import queries
from ams.analytics.windows import Window
from ams.telemetry.store import TelemetryStore

_COST_METRICS = {"cost_usd", "cost_per_task", "cost_spike", "tokens", "tokens_per_success"}
_ERROR_METRICS = {"tsr", "error_rate", "span_error_rate", "hir"}


async def example_traces(
    store: TelemetryStore, organization_id: str, agent_id: str, metric: str, window: Window
) -> list[dict[str, Any]]:
    """Up to three tasks of the agent in the window: the costliest for cost metrics, failures first for error
    metrics, the slowest otherwise."""
    params: dict[str, Any] = {"org": organization_id, "agent": agent_id, "since": window.since, "until": window.until}
    if metric in _COST_METRICS:
        sql = queries.EXAMPLE_COSTLY_TASKS
    else:
        sql = queries.EXAMPLE_TASKS
        params |= {"errors_first": int(metric in _ERROR_METRICS), "slowest_first": int(metric not in _ERROR_METRICS)}
    result = await anyio.to_thread.run_sync(store.query, sql, params)
    return [{k: (str(v) if k == "started" else v) for k, v in row.items()} for row in result.dicts()]
