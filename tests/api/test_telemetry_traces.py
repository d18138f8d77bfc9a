"""Trace search pages and lookups: a page looked for in the newest hour first is the window's page, and a span
sent again (changed or not) shows once, as its newest version."""

import pytest

from tests.api.telemetry_helpers import ingest, task


@pytest.fixture
async def writer(tenant):
    return await tenant.key(role="agent_owner")


async def _pages(tenant, **params) -> list[list[str]]:
    """Every page of a search, following the cursors."""
    pages, cursor = [], None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await tenant.client.get("/api/v1/traces", params=query, headers=tenant.admin)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append([t["trace_id"] for t in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages


async def test_search_pages_are_the_windows_newest_first_across_hours_and_days(tenant, writer):
    # Five tasks in the newest hour, five three hours back, five two days back, one past the window.
    ages = [60 + i for i in range(5)] + [3 * 3600 + i for i in range(5)] + [50 * 3600 + i for i in range(5)]
    tasks = [task("pager", ago_s=age, status="error" if i % 3 == 0 else "ok") for i, age in enumerate(ages)]
    outside = task("pager", ago_s=8 * 86400)
    await ingest(tenant.client, writer, spans=[s for t in tasks for s in t] + outside)
    newest_first = [t[0]["trace_id"] for t in tasks]  # ages ascend: newest first
    for limit in (1, 3, 4, 5, 6, 10, 15, 16):
        pages = await _pages(tenant, agent="pager", window="7d", limit=limit)
        assert [trace for page in pages for trace in page] == newest_first, limit
        assert all(len(page) == limit for page in pages[:-1]) and 0 < len(pages[-1]) <= limit
    errors = [t[0]["trace_id"] for i, t in enumerate(tasks) if i % 3 == 0]
    pages = await _pages(tenant, agent="pager", window="7d", limit=2, status="error")
    assert [trace for page in pages for trace in page] == errors
    # A filter on a trace's other spans reads the whole window at once, and gives the same order.
    pages = await _pages(tenant, agent="pager", window="7d", limit=4, model="gpt-4o-mini")
    assert [trace for page in pages for trace in page] == newest_first
    one_day = await _pages(tenant, agent="pager", window="24h", limit=100)
    assert one_day == [newest_first[:10]]


async def test_a_span_sent_again_shows_once_as_its_newest_version(tenant, writer):
    spans = task("resender", session="conv-resent", llm_calls=2)
    await ingest(tenant.client, writer, spans=spans)
    changed = {**spans[0], "status": "error", "output": "the second answer"}
    await ingest(tenant.client, writer, spans=[changed, spans[1]])
    event = {
        "event_id": "resent-event",
        "trace_id": spans[0]["trace_id"],
        "name": "task_outcome",
        "outcome": "failure",
        "time": spans[0]["end_time"],
    }
    await ingest(tenant.client, writer, events=[event, event])
    trace_id = spans[0]["trace_id"]

    detail = (await tenant.client.get(f"/api/v1/traces/{trace_id}", headers=tenant.admin)).json()
    assert detail["spans"] == 3 and len(detail["events"]) == 1
    [root] = detail["roots"]
    assert root["status"] == "error" and root["output"] == "the second answer" and len(root["children"]) == 2
    assert detail["input_tokens"] == 2000

    listed = (await tenant.client.get("/api/v1/traces", params={"agent": "resender"}, headers=tenant.admin)).json()
    [summary] = listed["items"]
    assert summary["spans"] == 3 and summary["status"] == "error" and summary["input_tokens"] == 2000
    session = (await tenant.client.get("/api/v1/sessions/conv-resent", headers=tenant.admin)).json()
    assert [t["trace_id"] for t in session["traces"]] == [trace_id]
    assert session["traces"][0]["status"] == "error" and session["traces"][0]["spans"] == 3
