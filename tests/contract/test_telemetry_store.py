"""One suite over every telemetry store backend: embedded chDB always, a ClickHouse server when one answers at
AMS_TEST_CLICKHOUSE_URL (skipped loudly otherwise)."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime, timedelta

import pytest

from ams.telemetry.ingest_service import SPAN_STORE_COLUMNS
from ams.telemetry.spans import SPAN_COLUMNS
from ams.telemetry.store import StoreError
from ams.telemetry.store.base import schema_files, statements
from tests.spans_factory import columns, span


def test_migrations_are_recorded_and_idempotent(store):
    assert store.migrate() == []
    applied = [row[0] for row in store.query("SELECT name FROM schema_migrations ORDER BY name").rows]
    assert applied == [name for name, _ in schema_files()]


def test_span_table_matches_the_span_model(store):
    described = {row[0]: row[1] for row in store.query("DESCRIBE TABLE spans").rows}
    for name, kind in SPAN_COLUMNS.items():
        stored = {"start_time": "start_us", "end_time": "end_us", "ingested_at": "ingested_us"}.get(name, name)
        assert stored in described, name
        if stored == name:
            assert described[name].replace(" ", "") == kind.replace(" ", ""), name
    assert set(SPAN_STORE_COLUMNS) <= set(described)


def test_insert_query_and_bound_parameters(store):
    org = f"org_{secrets.token_hex(4)}"
    rows = [
        span(organization_id=org, agent_id="a1", name="it's \\ tricky\n", model="m", input_tokens=7) for _ in range(3)
    ]
    names, values = columns(rows)
    store.insert("spans", names, values)
    result = store.query(
        "SELECT name, input_tokens, start_time FROM spans FINAL WHERE organization_id = {org:String} "
        "AND has({agents:Array(String)}, agent_id) AND start_time >= {since:DateTime64(6, 'UTC')}",
        {"org": org, "agents": ["a1", "o'brien"], "since": datetime.now(UTC) - timedelta(hours=1)},
    )
    assert [r[0] for r in result.rows] == ["it's \\ tricky\n"] * 3 and result.rows[0][1] == 7
    assert result.columns == ["name", "input_tokens", "start_time"]


def test_blocks_of_one_insert_land_together(store):
    org = f"org_{secrets.token_hex(4)}"
    names, first = columns([span(organization_id=org, agent_id="a", name="first") for _ in range(2)])
    _, second = columns([span(organization_id=org, agent_id="b", name='it\'s "second"') for _ in range(3)])
    store.insert_blocks("spans", names, [first, second])
    result = store.query(
        "SELECT agent_id, name, count() FROM spans FINAL WHERE organization_id = {org:String} "
        "GROUP BY agent_id, name ORDER BY agent_id",
        {"org": org},
    )
    assert result.rows == [["a", "first", 2], ["b", 'it\'s "second"', 3]]


def test_same_span_twice_counts_once(store):
    org = f"org_{secrets.token_hex(4)}"
    rows = [span(organization_id=org, agent_id="a") for _ in range(5)]
    names, values = columns(rows)
    store.insert("spans", names, values)
    store.insert("spans", names, values)
    count = store.query("SELECT count() FROM spans FINAL WHERE organization_id = {org:String}", {"org": org})
    assert count.scalar() == 5


def test_microsecond_times_survive(store):
    org = f"org_{secrets.token_hex(4)}"
    start_us = int(time.time() * 1_000_000) // 1_000_000 * 1_000_000 + 123_456
    names, values = columns([span(start_us=start_us, duration_ms=1.5, organization_id=org)])
    store.insert("spans", names, values)
    row = store.query(
        "SELECT start_us, toUnixTimestamp64Micro(start_time), end_us - start_us FROM spans "
        "WHERE organization_id = {org:String}",
        {"org": org},
    ).rows[0]
    assert row == [start_us, start_us, 1_500]


def test_errors_are_store_errors(store):
    with pytest.raises(StoreError):
        store.query("SELECT nope FROM spans")
    with pytest.raises(StoreError):
        store.insert("spans", ["not_a_column"], [[1]])


REBUILDS = {"009_spans_time_sorted.sql"}


def test_schema_files_split_into_idempotent_statements():
    # A migration that stopped half-way is run again whole: each statement must be safe to repeat, or the file is
    # a rebuild whose every crash point is tested below.
    for name, text in schema_files():
        if name in REBUILDS:
            assert statements(text)[0].upper().startswith("DROP TABLE IF EXISTS"), name
            continue
        for statement in statements(text):
            upper = statement.upper()
            assert upper.startswith("CREATE TABLE IF NOT EXISTS") or (
                upper.startswith("ALTER TABLE")
                and (" MODIFY SETTING " in upper or " ADD COLUMN IF NOT EXISTS " in upper)
            ), statement


def test_the_spans_rebuild_run_again_after_a_crash_at_any_step_keeps_every_span_once(store):
    org = f"org_{secrets.token_hex(4)}"
    rows = [span(organization_id=org, agent_id=f"a{n % 2}", cost_usd=1.0) for n in range(5)]
    names, values = columns(rows + rows[:2])  # two sent twice
    store.insert("spans", names, values)
    [rebuild] = [text for name, text in schema_files() if name == "009_spans_time_sorted.sql"]
    steps = statements(rebuild)
    for crashed_after in range(1, len(steps)):
        for statement in steps[:crashed_after]:
            store.command(statement)
        for statement in steps:  # the next start runs the file again, whole
            store.command(statement)
        found = store.query(
            "SELECT count(), sum(cost_usd) FROM spans FINAL WHERE organization_id = {org:String}", {"org": org}
        ).rows[0]
        assert list(found) == [5, 5.0], crashed_after
        key = store.query("SELECT sorting_key FROM system.tables WHERE database = currentDatabase() AND name = 'spans'")
        assert key.scalar().startswith("organization_id, toStartOfHour(start_time), agent_id"), crashed_after
        leftover = store.query("SELECT count() FROM system.tables WHERE name = 'spans_time_sorted'").scalar()
        assert leftover == 0, crashed_after
