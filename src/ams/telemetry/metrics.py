"""`GET /metrics`: Prometheus counters of ingest and, per agent, of tasks, errors, tokens and cost.

Counters count since this process started, as Prometheus expects; per-agent ones are kept in memory, updated by
the ingest writer, and shown to each caller for the organizations it can see only.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector, CollectorRegistry

from ams.auth.principal import Principal
from ams.telemetry.pipeline import IngestPipeline

_AGENT_LABELS = ["organization", "project", "agent"]


class AgentCounters:
    """Per-agent totals of what ingest wrote: tasks, failed tasks, spans, tokens and cost."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0])

    def observe(self, table: str, names: tuple[str, ...], column_sets: list[Any]) -> None:
        if table != "spans":
            return
        with self._lock:
            values = self._values
            for columns in column_sets:
                col = dict(zip(names, columns, strict=True))
                # One walk over the needed columns side by side: this runs for every span ingest writes.
                for key, task, status, input_tokens, output_tokens, cost in zip(
                    zip(col["organization_id"], col["project_id"], col["agent_id"], strict=True),
                    col["is_task"],
                    col["status"],
                    col["input_tokens"],
                    col["output_tokens"],
                    col["cost_usd"],
                    strict=True,
                ):
                    value = values[key]
                    value[0] += task
                    value[1] += task and status == "error"
                    value[2] += 1
                    value[3] += input_tokens
                    value[4] += output_tokens
                    value[5] += cost

    def snapshot(self, organizations: list[str] | None) -> dict[tuple[str, str, str], list[float]]:
        with self._lock:
            return {
                key: list(value)
                for key, value in self._values.items()
                if organizations is None or key[0] in organizations
            }


class _ScopedCollector(Collector):
    def __init__(self, pipeline: IngestPipeline, counters: AgentCounters, principal: Principal) -> None:
        self.pipeline = pipeline
        self.counters = counters
        self.principal = principal

    def collect(self) -> Iterator[Any]:
        stats = self.pipeline.stats
        rows = CounterMetricFamily("ams_ingest_rows", "Rows written to the telemetry store", labels=["table"])
        for table, count in sorted(stats.by_table.items()):
            rows.add_metric([table], count)
        yield rows
        yield CounterMetricFamily("ams_ingest_inserts", "Inserts into the telemetry store", value=stats.inserts)
        yield CounterMetricFamily(
            "ams_ingest_rejected_requests",
            "Ingest requests refused because the queue was full",
            value=stats.rejected_requests,
        )
        yield CounterMetricFamily("ams_ingest_failed_rows", "Rows whose insert failed", value=stats.failed_rows)
        yield GaugeMetricFamily("ams_ingest_queue_rows", "Rows waiting in the ingest queue", value=stats.queued_rows)
        families = [
            CounterMetricFamily("ams_agent_tasks", "Tasks recorded", labels=_AGENT_LABELS),
            CounterMetricFamily("ams_agent_task_errors", "Tasks whose root span is an error", labels=_AGENT_LABELS),
            CounterMetricFamily("ams_agent_spans", "Spans recorded", labels=_AGENT_LABELS),
            CounterMetricFamily("ams_agent_input_tokens", "Input tokens", labels=_AGENT_LABELS),
            CounterMetricFamily("ams_agent_output_tokens", "Output tokens", labels=_AGENT_LABELS),
            CounterMetricFamily("ams_agent_cost_usd", "Cost in USD", labels=_AGENT_LABELS),
        ]
        visible = self.principal.organization_ids()
        for key, values in sorted(self.counters.snapshot(visible).items()):
            if not self.principal.can_see(key[0], key[1], key[2] or None):
                continue
            for family, value in zip(families, values, strict=True):
                family.add_metric(list(key), value)
        yield from families


def scoped_registry(pipeline: IngestPipeline, counters: AgentCounters, principal: Principal) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_ScopedCollector(pipeline, counters, principal))
    return registry
