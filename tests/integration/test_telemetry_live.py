"""Against a running AMS: the real OpenTelemetry SDK exporter, the live stream, and SIGKILL durability."""

from __future__ import annotations

import os
import signal
import threading
import time

import httpx
import orjson
import pytest
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Status, StatusCode

from tests.api.telemetry_helpers import task
from tests.integration.conftest import start_server


def _key(server, role: str = "agent_owner") -> str:
    headers = {"Authorization": f"Bearer {server.login()}"}
    project = httpx.get(f"{server.url}/api/v1/projects", headers=headers).json()[0]["id"]
    made = httpx.post(f"{server.url}/api/v1/api-keys", json={"project_id": project, "role": role}, headers=headers)
    return str(made.json()["key"])


def test_real_otel_exporter_gives_known_kpis(module_server):
    server = module_server
    key = _key(server)
    provider = TracerProvider(resource=Resource.create({"service.name": "otel-support-agent"}))
    exporter = OTLPSpanExporter(endpoint=f"{server.url}/v1/traces", headers={"Authorization": f"Bearer {key}"})
    provider.add_span_processor(BatchSpanProcessor(exporter))
    tracer = provider.get_tracer("tests")
    durations_ms = [50 * (i + 1) for i in range(20)]  # 50..1000 ms, as start/end times set explicitly
    base_ns = time.time_ns() - 120_000_000_000
    for i, duration in enumerate(durations_ms):
        start = base_ns + i * 1_000_000_000
        root = tracer.start_span(
            "answer-ticket", start_time=start, attributes={"gen_ai.operation.name": "invoke_agent"}
        )
        if i < 4:
            root.set_status(Status(StatusCode.ERROR, "tool failed"))
        if i in (7, 8):
            root.set_attribute("ams.human_intervention", True)
        from opentelemetry import trace as otel_trace

        context = otel_trace.set_span_in_context(root)
        llm = tracer.start_span(
            "chat gpt-4o-mini",
            context=context,
            start_time=start + 1_000_000,
            attributes={
                "gen_ai.operation.name": "chat",
                "gen_ai.system": "openai",
                "gen_ai.request.model": "gpt-4o-mini",
                "gen_ai.usage.prompt_tokens": 1000,
                "gen_ai.usage.completion_tokens": 500,
            },
        )
        llm.end(end_time=start + 2_000_000)
        root.end(end_time=start + duration * 1_000_000)
    assert provider.force_flush(30_000)
    provider.shutdown()

    headers = {"Authorization": f"Bearer {server.login()}"}
    agent = httpx.get(f"{server.url}/api/v1/agents/otel-support-agent", headers=headers)
    assert agent.status_code == 200, agent.text
    kpis = httpx.get(f"{server.url}/api/v1/agents/{agent.json()['id']}/kpis", headers=headers).json()["kpis"]
    assert kpis["tasks"] == 20
    assert kpis["tsr"] == pytest.approx(16 / 20)
    assert kpis["hir"] == pytest.approx(2 / 20)
    assert kpis["latency_ms"]["p95"] == pytest.approx(952.5)  # between 950 and 1000 ms, linearly
    assert kpis["cost_usd"] == pytest.approx(20 * (1000 * 0.15 + 500 * 0.60) / 1e6)
    trace = httpx.get(
        f"{server.url}/api/v1/traces", params={"agent": "otel-support-agent", "limit": 1}, headers=headers
    ).json()["items"][0]
    detail = httpx.get(f"{server.url}/api/v1/traces/{trace['trace_id']}", headers=headers).json()
    llm_span = detail["roots"][0]["children"][0]
    assert llm_span["kind"] == "llm" and llm_span["model"] == "gpt-4o-mini" and llm_span["provider"] == "openai"


def test_live_stream(module_server):
    server = module_server
    key = {"Authorization": f"Bearer {_key(server)}"}
    headers = {"Authorization": f"Bearer {server.login()}"}
    httpx.post(f"{server.url}/api/v1/ingest", json={"spans": task("streamer")}, headers=key).raise_for_status()
    received: list[dict] = []
    ready = threading.Event()

    def listen() -> None:
        with httpx.stream(
            "GET", f"{server.url}/api/v1/stream", params={"agent": "streamer"}, headers=headers, timeout=20
        ) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            for line in response.iter_lines():
                ready.set()
                if line.startswith("data: "):
                    received.append(orjson.loads(line[6:]))
                    if len(received) == 2:
                        return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert ready.wait(10)
    spans = task("streamer") + task("someone-else")
    httpx.post(f"{server.url}/api/v1/ingest", json={"spans": spans}, headers=key).raise_for_status()
    outcome = {
        "trace_id": spans[0]["trace_id"],
        "agent": "streamer",
        "name": "task_outcome",
        "outcome": "failure",
        "time": spans[0]["end_time"],
    }
    httpx.post(f"{server.url}/api/v1/ingest", json={"events": [outcome]}, headers=key).raise_for_status()
    listener.join(15)
    assert [e["type"] for e in received] == ["trace", "task_outcome"]
    assert received[0]["trace_id"] == spans[0]["trace_id"] and received[1]["outcome"] == "failure"


def test_sigkill_loses_no_acknowledged_span(tmp_path, database):
    server = start_server(tmp_path, database)
    key = {"Authorization": f"Bearer {_key(server)}"}
    acknowledged: list[str] = []
    stop = threading.Event()

    def send() -> None:
        with httpx.Client(timeout=10) as client:
            while not stop.is_set():
                spans = [s for _ in range(50) for s in task("durable-bot", llm_calls=1)]
                try:
                    response = client.post(f"{server.url}/api/v1/ingest", json={"spans": spans}, headers=key)
                except httpx.HTTPError:
                    return  # the server is gone: this batch was never acknowledged
                if response.status_code == 200:
                    acknowledged.extend(s["trace_id"] for s in spans if "parent_span_id" not in s)

    senders = [threading.Thread(target=send) for _ in range(3)]
    for sender in senders:
        sender.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 1000 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait()
    stop.set()
    for sender in senders:
        sender.join(10)
    assert len(acknowledged) >= 1000

    restarted = start_server(tmp_path, database)
    try:
        headers = {"Authorization": f"Bearer {restarted.login()}"}
        found: set[str] = set()
        cursor = None
        for _ in range(200):
            params = {"agent": "durable-bot", "limit": 500, "window": "1h", **({"cursor": cursor} if cursor else {})}
            page = httpx.get(f"{restarted.url}/api/v1/traces", params=params, headers=headers, timeout=30).json()
            found.update(t["trace_id"] for t in page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                break
        missing = set(acknowledged) - found
        assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged tasks were lost"
    finally:
        restarted.stop()


def test_unknown_agents_can_be_rejected(tmp_path, database):
    server = start_server(tmp_path, database, AMS_UNKNOWN_AGENTS="reject")
    try:
        key = {"Authorization": f"Bearer {_key(server)}"}
        refused = httpx.post(f"{server.url}/api/v1/ingest", json={"spans": task("stranger")}, headers=key)
        assert refused.status_code == 422 and "stranger" in refused.json()["detail"]
        assert refused.json()["errors"][0]["field"] == "agent"
        headers = {"Authorization": f"Bearer {server.login()}"}
        httpx.post(f"{server.url}/api/v1/agents", json={"name": "known", "platform": "custom"}, headers=headers)
        accepted = httpx.post(f"{server.url}/api/v1/ingest", json={"spans": task("known")}, headers=key)
        assert accepted.status_code == 200 and accepted.json()["accepted_spans"] == 2
        agents = httpx.get(f"{server.url}/api/v1/agents", headers=headers).json()["items"]
        assert [a["name"] for a in agents] == ["known"]
    finally:
        server.stop()
