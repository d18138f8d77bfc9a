"""The rollup job on every telemetry store backend: what it keeps when its tables change."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from ams.telemetry.rollups import AGENT_DAYS, AGENT_HOURS, Rollups
from ams.telemetry.store import TelemetryStore

LEGACY_ROW = """
INSERT INTO agent_hourly
SELECT {org:String}, 'prj_1', 'agt_1', '1.0.0', toDateTime('2020-01-01 05:00:00', 'UTC'), count(), 4, 1, 1,
    quantilesTDigestState(0.5, 0.95, 0.99)(toFloat64(number * 100)), 10, 2, 0.5, 1000, 500, 0, 1, ['x-model'], 1
FROM numbers(5)
"""


def test_agent_hourly_rows_are_carried_over_to_agent_hours_once(store: TelemetryStore) -> None:
    """Hours rolled up before agent_hours existed (and maybe past the raw spans' retention) stay answerable."""
    org = f"org_{secrets.token_hex(4)}"
    store.command(LEGACY_ROW, {"org": org})
    store.insert(
        "rollup_state", ["name", "complete_until", "computed_us"], [["agent_hourly"], ["2020-01-02 00:00:00"], [1]]
    )
    rollups = Rollups(store)
    rollups.compute(datetime(2020, 1, 2, 0, 30, tzinfo=UTC))
    hours = "SELECT hour, tasks, spans, unpriced_models FROM agent_hours FINAL WHERE organization_id = {org:String}"
    assert [row[1:] for row in store.query(hours, {"org": org}).rows] == [[5, 10, ["x-model"]]]
    days = "SELECT tasks, interventions, cost_usd, quantilesTDigestMerge(0.5)(latency) FROM agent_days FINAL"
    days += " WHERE organization_id = {org:String} GROUP BY tasks, interventions, cost_usd"
    assert store.query(days, {"org": org}).rows == [[5, 1, 0.5, [200.0]]]
    marks = rollups.marks()
    assert marks[AGENT_HOURS] == datetime(2020, 1, 2, tzinfo=UTC) and marks[AGENT_DAYS] == marks[AGENT_HOURS]
    # Carried over once: a row changed since in agent_hours is not overwritten by a later run.
    store.command("TRUNCATE TABLE agent_hours")
    rollups.compute(datetime(2020, 1, 2, 1, 30, tzinfo=UTC))
    assert store.query(hours, {"org": org}).rows == []
