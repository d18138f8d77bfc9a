"""The KPI formulas of DESIGN §4, and the one-figure formulas a time series uses, held to the same answers."""

import random

import pytest

from ams.analytics.kpis import SERIES, SpanAggregate, TaskAggregate, kpis

# A time-series metric and the KPI document field it must equal (tokens is a series-only sum).
DOCUMENT_FIELD = {name: name for name in SERIES} | {"tokens": None}


def _aggregates(rng: random.Random) -> tuple[TaskAggregate, SpanAggregate]:
    tasks = rng.choice([0, 1, 7, 250])
    successes = rng.randint(0, tasks)
    failures = rng.randint(0, tasks - successes)
    spans = tasks * rng.randint(1, 6) + rng.choice([0, 3])
    return (
        TaskAggregate(tasks, successes, failures, rng.randint(0, tasks)),
        SpanAggregate(
            spans,
            rng.randint(0, spans),
            rng.choice([0.0, 0.1 + 0.2, rng.random() * 50]),
            rng.randint(0, 10**7),
            rng.randint(0, 10**6),
            rng.randint(0, 10**5),
            rng.randint(0, spans),
            [],
        ),
    )


@pytest.mark.parametrize("hours", [0.0, 1 / 60, 1.0, 24.0])
def test_series_formulas_give_the_kpi_documents_figures(hours):
    rng = random.Random(7)
    for _ in range(200):
        task, span = _aggregates(rng)
        document = kpis(task, span, hours)
        sums = {**vars(task), **vars(span)}
        for metric, (columns, formula) in SERIES.items():
            value = formula(hours, *(sums[c] for c in columns))
            field = DOCUMENT_FIELD[metric]
            expected = span.input_tokens + span.output_tokens if field is None else document[field]
            assert value == expected and type(value) is type(expected), (metric, task, span)


def test_kpi_document_from_known_aggregates():
    document = kpis(TaskAggregate(20, 16, 3, 2, 1050.0, 1905.0, 1981.0), SpanAggregate(40, 3, 0.25, 20_000, 10_000), 1)
    assert document["tsr"] == 0.8 and document["hir"] == 0.1 and document["error_rate"] == 0.15
    assert document["span_error_rate"] == 3 / 40 and document["throughput_per_hour"] == 20
    assert document["cost_per_task"] == 0.0125 and document["tokens_per_success"] == 30_000 / 16
    assert document["latency_ms"] == {"p50": 1050.0, "p95": 1905.0, "p99": 1981.0}
    empty = kpis(TaskAggregate(), SpanAggregate(), 0)
    assert empty["tsr"] is None and empty["throughput_per_hour"] is None and empty["unpriced_models"] == []
