"""Alerting, health and surveillance in a real `ams serve` with its daemons running every second: real ingest
traffic fires threshold and anomaly alerts that arrive, signed, at a real local webhook server; a heartbeat gap
turns an agent offline; a simulated exfiltration lowers an agent's score until AMS quarantines it."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import openai
import pytest

from tests.api.telemetry_helpers import task
from tests.integration.conftest import AMS, Server, free_port, start_server

FAST = {
    "AMS_ALERTS_INTERVAL_S": "1",
    "AMS_HEALTH_INTERVAL_S": "1",
    "AMS_SURVEILLANCE_INTERVAL_S": "1",
    "AMS_HEARTBEAT_TIMEOUT_S": "5",
}


class Receiver:
    """A webhook endpoint that keeps what it was sent."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers), "body": body})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(r["body"]) for r in self.received]


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.server.shutdown()
    running.server.server_close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("alerts"), None, **FAST)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def admin(live: Server) -> Iterator[httpx.Client]:
    # Closed at the end of the module: an open client's sockets raise ResourceWarning in whichever test runs next.
    with httpx.Client(base_url=live.url, headers={"Authorization": f"Bearer {live.login()}"}, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def writer(admin: httpx.Client) -> Iterator[httpx.Client]:
    project = admin.get("/api/v1/projects").json()[0]["id"]
    key = admin.post("/api/v1/api-keys", json={"project_id": project, "role": "agent_owner"}).json()["key"]
    with httpx.Client(base_url=admin.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def secret(admin: httpx.Client, receiver: Receiver) -> str:
    created = admin.post("/api/v1/alert-channels", json={"name": "ops hook", "kind": "webhook", "url": receiver.url})
    assert created.status_code == 201, created.text
    return str(created.json()["signing_secret"])


def _until(check: Callable[[], Any], timeout_s: float = 45, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _agent(admin: httpx.Client, name: str) -> dict[str, Any]:
    return _until(lambda: (admin.get("/api/v1/agents", params={"q": name}).json()["items"] or [None])[0], what=name)


class StreamListener:
    """Reads the live stream (`GET /api/v1/stream`) on a thread, keeping its alert events."""

    def __init__(self, url: str, token: str) -> None:
        self.alerts: list[dict[str, Any]] = []
        self.ready = threading.Event()
        self.url, self.token = url, token
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        try:
            with httpx.stream("GET", f"{self.url}/api/v1/stream", headers=headers, timeout=60) as response:
                for line in response.iter_lines():
                    self.ready.set()
                    if line.startswith("data: "):
                        event = json.loads(line[6:])
                        if event.get("type") == "alert":
                            self.alerts.append(event)
        except httpx.HTTPError:  # the server stops at the end of the module, cutting the stream
            return


def test_a_threshold_alert_arrives_signed_at_the_webhook_and_on_the_live_stream(live, admin, writer, receiver, secret):
    stream = StreamListener(live.url, admin.headers["Authorization"].removeprefix("Bearer "))
    assert stream.ready.wait(10)
    spans = []
    for i in range(10):
        spans += task("flaky-worker", status="error" if i < 7 else "ok")
    assert writer.post("/api/v1/ingest", json={"spans": spans}).status_code == 200
    # The built-in rule is judged every minute; asked now, it fires at once, and the delivery daemon sends it.
    assert admin.post("/api/v1/alert-rules/evaluate").json()["opened"] >= 1

    def fired() -> dict[str, Any] | None:
        for record in receiver.received:
            event = json.loads(record["body"])
            if event["event"] == "alert.fired" and event["alert"]["title"] == "Low success rate: flaky-worker":
                return record
        return None

    record = _until(fired, what="the low-success alert at the webhook")
    headers, body = record["headers"], record["body"]
    signed = hmac.new(secret.encode(), headers["X-AMS-Timestamp"].encode() + b"." + body, hashlib.sha256)
    assert headers["X-AMS-Signature"] == f"sha256={signed.hexdigest()}"
    assert headers["X-AMS-Event"] == "alert.fired" and headers["X-AMS-Delivery"].startswith("dlv_")
    alert = json.loads(body)["alert"]
    assert alert["severity"] == "critical" and "30.0% is below 70.0%" in alert["summary"]
    assert len(alert["evidence"]["example_traces"]) == 3
    [event] = _until(
        lambda: [e for e in stream.alerts if e["title"] == "Low success rate: flaky-worker"], what="the stream event"
    )
    assert event["event"] == "fired" and event["status"] == "firing" and event["alert_id"] == alert["id"]


def test_the_cli_lists_shows_acknowledges_and_resolves_alerts(live, admin):
    token = admin.headers["Authorization"].removeprefix("Bearer ")
    listed = live.cli("alerts", "list", "--severity", "critical", "--json", token=token)
    [alert] = [a for a in listed if a["title"] == "Low success rate: flaky-worker"]
    shown = live.cli("alerts", "show", alert["id"], token=token)
    assert "30.0% is below 70.0%" in shown.stdout and shown.stdout.count("example trace ") == 3
    acked = live.cli("alerts", "acknowledge", alert["id"], "--comment", "on it", "--json", token=token)
    assert acked["status"] == "acknowledged" and acked["comment"] == "on it"
    attention = live.cli("attention", "--limit", "50", token=token)
    assert "CRITICAL Low success rate: flaky-worker" in attention.stdout and "Acknowledged by" in attention.stdout
    done = live.cli("alerts", "resolve", alert["id"], token=token)
    assert f"{alert['id']} is resolved: Low success rate: flaky-worker" in done.stdout
    still_open = live.cli("alerts", "list", "--json", token=token)
    assert alert["id"] not in [a["id"] for a in still_open]
    judged = live.cli("alerts", "evaluate", "--json", token=token)
    assert judged["rules"] >= 6  # the built-in rules at least
    refused = live.cli("alerts", "resolve", "alr_nope", token=token, check=False)
    assert refused.returncode == 1 and "not found" in refused.stderr


def test_an_anomaly_against_the_learnt_baseline_raises_alerts_naming_the_metrics(admin, writer, receiver, secret):
    history = []
    for bucket in range(36):  # three hours of a steady five tasks per five minutes
        for i in range(5):
            history += task("steady-worker", ago_s=600 + bucket * 300 + i * 40, duration_ms=400 + 7 * i)
    assert writer.post("/api/v1/ingest", json={"spans": history}).status_code == 200
    burst = []
    for i in range(120):
        burst += task("steady-worker", ago_s=5 + i % 60, duration_ms=410)
    assert writer.post("/api/v1/ingest", json={"spans": burst}).status_code == 200
    agent = _agent(admin, "steady-worker")

    def alerts() -> dict[str, dict[str, Any]] | None:
        found = {
            a["title"]: a
            for a in admin.get("/api/v1/alerts", params={"agent_id": agent["id"], "limit": 50}).json()["items"]
        }
        wanted = {"Unusual behaviour: steady-worker", "Abnormal task pattern: steady-worker"}
        return found if wanted <= set(found) else None

    found = _until(alerts, what="anomaly alerts")
    unusual = found["Unusual behaviour: steady-worker"]
    assert unusual["category"] == "performance" and "tasks +" in unusual["summary"]
    assert found["Abnormal task pattern: steady-worker"]["category"] == "security"
    security = admin.get(f"/api/v1/agents/{agent['id']}/security").json()
    # 180 tasks over three hours: 36 five-minute buckets, 37 when the hours straddle the clock's buckets.
    samples = security["baseline"]["samples"]
    assert samples in (36, 37) and security["baseline"]["stats"]["tasks"]["mean"] == pytest.approx(180 / samples)
    assert security["score"] < 100 and security["findings"][0]["rule"] in ("abnormal_task_pattern", "anomaly")
    _until(
        lambda: any(e["alert"]["title"] == "Unusual behaviour: steady-worker" for e in receiver.events()),
        what="the anomaly alert at the webhook",
    )


def test_a_heartbeat_gap_turns_an_agent_offline_and_raises_an_alert(admin, writer):
    beat = {"agent": "beating-worker", "cpu_percent": 12.0, "memory_mb": 300.0, "active_tasks": 1}
    assert writer.post("/api/v1/ingest", json={"heartbeats": [{**beat, "time": time.time()}]}).status_code == 200
    agent = _agent(admin, "beating-worker")
    _until(lambda: admin.get(f"/api/v1/agents/{agent['id']}/status").json()["health"] == "healthy", what="healthy")
    _until(lambda: admin.get(f"/api/v1/agents/{agent['id']}/status").json()["health"] == "offline", what="offline")
    report = admin.get(f"/api/v1/agents/{agent['id']}/health").json()
    assert report["checks"]["heartbeat"]["ok"] is False
    assert [(h["health_from"], h["health_to"]) for h in report["history"]][:2] == [
        ("healthy", "offline"),
        ("unknown", "healthy"),
    ]
    assert "no heartbeat for over 5 s" in report["history"][0]["reason"]
    alerts = admin.get("/api/v1/alerts", params={"agent_id": agent["id"], "status": "firing"}).json()["items"]
    assert [a["title"] for a in alerts] == ["Agent offline: beating-worker"]
    attention = admin.get("/api/v1/attention").json()
    assert any(i["agent_id"] == agent["id"] and "offline" in i["title"].lower() for i in attention)
    assert writer.post("/api/v1/ingest", json={"heartbeats": [{**beat, "time": time.time()}]}).status_code == 200
    _until(lambda: admin.get(f"/api/v1/agents/{agent['id']}/status").json()["health"] == "healthy", what="back")
    cleared = admin.get(f"/api/v1/alerts/{alerts[0]['id']}").json()
    assert cleared["status"] == "resolved" and cleared["resolved_by"] == "system"


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An OpenAI-compatible provider: `ams mock-provider` on a free port."""
    port = free_port()
    with (tmp_path_factory.mktemp("mock") / "mock.log").open("wb") as log:
        process = subprocess.Popen([AMS, "mock-provider", "--port", str(port)], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/v1"
    _until(lambda: _answers(f"{url}/models"), timeout_s=30, what="the mock provider")
    yield url
    process.terminate()
    process.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_a_simulated_exfiltration_sinks_the_score_and_quarantines_the_agent(live, admin, writer, provider):
    created = admin.post("/api/v1/agents", json={"name": "leaky-worker", "platform": "custom"}).json()
    for action in ("provision", "deploy"):
        assert admin.post(f"/api/v1/agents/{created['id']}/{action}", json={"reason": "go"}).status_code == 200
    made = admin.post(
        "/api/v1/providers",
        json={
            "name": "mock",
            "kind": "openai_compatible",
            "base_url": provider,
            "models": [{"name": "gpt-4o-mini", "context_window": 128000}],
        },
    )
    assert made.status_code == 201, made.text
    key = admin.post("/api/v1/api-keys", json={"agent_id": created["id"]}).json()["key"]
    gateway = openai.OpenAI(base_url=f"{live.url}/v1", api_key=key, max_retries=0)
    hello = [{"role": "user", "content": "Hi"}]
    assert gateway.chat.completions.create(model="gpt-4o-mini", messages=hello).choices  # active: it may call
    trace = secrets.token_hex(16)
    spans = [
        {
            "trace_id": trace, "span_id": secrets.token_hex(8), "parent_span_id": "" if i == 0 else "a" * 16,
            "name": "upload" if i else "sync", "kind": "tool" if i else "task", "agent": "leaky-worker",
            "start_time": time.time() - 30, "end_time": time.time() - 29,
            "attributes": {"ams.egress_bytes": 400_000_000} if i else {},
        }
        for i in range(4)
    ]  # fmt: skip
    spans[0]["span_id"] = "a" * 16
    assert writer.post("/api/v1/ingest", json={"spans": spans}).status_code == 200
    _until(
        lambda: admin.get(f"/api/v1/agents/{created['id']}/status").json()["lifecycle_state"] == "quarantined",
        what="quarantine",
    )
    security = admin.get(f"/api/v1/agents/{created['id']}/security").json()
    assert security["score"] < 20
    assert {f["rule"] for f in security["findings"]} == {"data_exfiltration"}
    assert security["findings"][0]["detail"]["egress_bytes"] == 1_200_000_000
    audit = admin.get("/api/v1/audit", params={"resource_id": created["id"], "action": "agent.quarantine"}).json()
    [entry] = audit["items"]
    assert entry["actor"]["type"] == "system"
    assert [(f["rule"], f["detail"]) for f in entry["summary"]["findings"]] == [
        ("data_exfiltration", {"egress_bytes": 1_200_000_000})
    ]
    assert "security score" in entry["summary"]["reason"]
    alerts = admin.get("/api/v1/alerts", params={"agent_id": created["id"]}).json()["items"]
    assert {"Agent quarantined: leaky-worker", "Data exfiltration: leaky-worker"} <= {a["title"] for a in alerts}
    # Quarantined by AMS itself, not through the lifecycle route: the gateway hears of it from the commit.
    with pytest.raises(openai.PermissionDeniedError) as refused:
        gateway.chat.completions.create(model="gpt-4o-mini", messages=hello)
    assert refused.value.code == "agent_not_active" and "quarantined" in refused.value.message
