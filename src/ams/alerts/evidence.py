"""An alert's evidence: a few of the subject's tasks (or, for a provider or model, its calls) that show the
problem, to open in the trace explorer."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

import anyio

from ams.alerts import queries
from ams.analytics.windows import Window
from ams.telemetry.store import TelemetryStore

_COST_METRICS = {"cost_usd", "cost_per_task", "cost_spike", "tokens", "tokens_per_success", "budget_used"}
_ERROR_METRICS = {"tsr", "error_rate", "span_error_rate", "hir"}
# Lookups in flight at once: each reads a window of spans, and the round's other work shares the cores.
IN_PARALLEL = 2


def _kind(metric: str) -> str:
    return "costliest" if metric in _COST_METRICS else "failed" if metric in _ERROR_METRICS else "slowest"


async def example_traces(
    store: TelemetryStore, organization_id: str, wanted: list[tuple[str, str, Window]]
) -> dict[tuple[str, str, Window], list[dict[str, Any]]]:
    """For each (agent, metric, window): up to three of the agent's tasks in the window, the costliest for cost
    metrics, failures first for error metrics, the slowest otherwise. One query per kind and window, whatever
    the number of agents: a round may open alerts for many agents at once."""
    agents_by_query: dict[tuple[str, Window], set[str]] = defaultdict(set)
    for agent, metric, window in wanted:
        agents_by_query[(_kind(metric), window)].add(agent)
    found: dict[tuple[str, Window], dict[str, list[dict[str, Any]]]] = {}
    gate = asyncio.Semaphore(IN_PARALLEL)

    async def look(kind: str, window: Window, agents: set[str]) -> None:
        params: dict[str, Any] = {
            "org": organization_id, "agents": sorted(agents), "since": window.since, "until": window.until,
        }  # fmt: skip
        sql = queries.EXAMPLE_COSTLY_TASKS if kind == "costliest" else queries.EXAMPLE_TASKS
        if kind != "costliest":
            params |= {"errors_first": int(kind == "failed"), "slowest_first": int(kind == "slowest")}
        async with gate:
            result = await anyio.to_thread.run_sync(store.query, sql, params)
        by_agent: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in result.dicts():
            agent = row.pop("agent_id")
            example = {k: (str(v) if k == "started" else v) for k, v in row.items()}
            example["link"] = f"/traces/{example['trace_id']}"  # the trace in the dashboard, under AMS's URL
            by_agent[agent].append(example)
        found[(kind, window)] = by_agent

    await asyncio.gather(*(look(kind, window, agents) for (kind, window), agents in agents_by_query.items()))
    return {(agent, metric, window): found[(_kind(metric), window)].get(agent, []) for agent, metric, window in wanted}


async def example_calls(
    store: TelemetryStore, organization_id: str, wanted: list[tuple[str, str, str, Window]]
) -> dict[tuple[str, str, str, Window], list[dict[str, Any]]]:
    """For each (subject type "provider" or "model", subject "provider" or "provider/model", metric, window): up
    to three of its model calls in the window, failures first for error rates, else the slowest. One query per
    kind of subject, error or latency, and window."""
    grouped: dict[tuple[bool, bool, Window], set[str]] = defaultdict(set)
    for subject_type, subject, metric, window in wanted:
        grouped[(subject_type == "model", metric.endswith("error_rate"), window)].add(subject.partition("/")[0])
    found: dict[tuple[bool, bool, Window], dict[str, list[dict[str, Any]]]] = {}
    gate = asyncio.Semaphore(IN_PARALLEL)

    async def look(per_model: bool, errors: bool, window: Window, providers: set[str]) -> None:
        params: dict[str, Any] = {
            "org": organization_id, "providers": sorted(providers), "per_model": int(per_model),
            "errors_first": int(errors), "since": window.since, "until": window.until,
        }  # fmt: skip
        async with gate:
            result = await anyio.to_thread.run_sync(store.query, queries.EXAMPLE_CALLS, params)
        by_subject: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in result.dicts():
            example = {k: (str(v) if k == "started" else v) for k, v in row.items() if k != "subject"}
            example["link"] = f"/traces/{example['trace_id']}"
            by_subject[row["subject"]].append(example)
        found[(per_model, errors, window)] = by_subject

    await asyncio.gather(*(look(*key, providers) for key, providers in grouped.items()))
    return {
        (subject_type, subject, metric, window): found[
            (subject_type == "model", metric.endswith("error_rate"), window)
        ].get(subject, [])
        for subject_type, subject, metric, window in wanted
    }
