"""Channels that really send: a Slack incoming webhook and a generic webhook on local HTTP servers, email to a
local SMTP server; test sends of each; messages link to the alert's traces and agent; a failing endpoint is retried
with backoff and every attempt is in the delivery log."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from ams.alerts.delivery import DeliveryJob
from ams.alerts.models import AlertDelivery
from ams.alerts.senders import sign
from tests.api.telemetry_helpers import ingest, task
from tests.integration.conftest import free_port


class _Endpoint:
    def __init__(self, status: int) -> None:
        self.status = status
        self.bodies: list[dict[str, Any]] = []
        self.raw: list[tuple[dict[str, str], bytes]] = []  # headers and body as received, to check signatures
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                endpoint.raw.append((dict(self.headers), raw))
                endpoint.bodies.append(json.loads(raw))
                self.send_response(endpoint.status)
                self.end_headers()
                self.wfile.write(b"ok" if endpoint.status == 200 else b"upstream trouble")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/services/T0/B0/secret-path"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slack() -> Iterator[_Endpoint]:
    endpoint = _Endpoint(200)
    yield endpoint
    endpoint.close()


@pytest.fixture
def broken() -> Iterator[_Endpoint]:
    endpoint = _Endpoint(503)
    yield endpoint
    endpoint.close()


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp(app) -> Iterator[_Mailbox]:
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    alerts = app.state.context.settings.alerts
    before = (alerts.smtp_host, alerts.smtp_port, alerts.smtp_starttls)
    alerts.smtp_host, alerts.smtp_port, alerts.smtp_starttls = "127.0.0.1", controller.port, False
    yield mailbox
    alerts.smtp_host, alerts.smtp_port, alerts.smtp_starttls = before
    controller.stop()


async def _channel(tenant, **fields) -> dict[str, Any]:
    response = await tenant.client.post(
        "/api/v1/alert-channels", json={"organization_id": tenant.org_id, **fields}, headers=tenant.admin
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_slack_test_send_posts_a_message_and_logs_it(tenant, slack):
    channel = await _channel(tenant, name="ops", kind="slack", url=slack.url)
    sent = await tenant.client.post(f"/api/v1/alert-channels/{channel['id']}/test", headers=tenant.admin)
    assert sent.status_code == 200, sent.text
    assert sent.json()["status"] == "delivered" and sent.json()["last_status_code"] == 200
    [body] = slack.bodies
    assert body["text"] == "[INFO] Test message to ops (test)"
    assert body["blocks"][0]["type"] == "header"
    log = await tenant.client.get(f"/api/v1/alert-channels/{channel['id']}/deliveries", headers=tenant.admin)
    assert [d["event"] for d in log.json()["items"]] == ["test"]


async def test_email_goes_through_smtp(tenant, smtp):
    channel = await _channel(tenant, name="on-call", kind="email", recipients=["oncall@example.com"])
    sent = await tenant.client.post(f"/api/v1/alert-channels/{channel['id']}/test", headers=tenant.admin)
    assert sent.json()["status"] == "delivered", sent.text
    [(recipients, message)] = smtp.messages
    assert recipients == ["oncall@example.com"]
    assert message["Subject"] == "[INFO] Test message to on-call (test)"


async def test_a_failing_endpoint_is_retried_with_backoff_and_logged(tenant, broken, app):
    hook = await _channel(tenant, name="siem", kind="webhook", url=broken.url, min_severity="critical")
    quiet = await _channel(tenant, name="quiet", kind="webhook", url=broken.url, categories=["security"])
    writer = await tenant.key(role="agent_owner")
    spans = []
    for _ in range(8):
        spans += task("broken-bot", status="error")
    await ingest(tenant.client, writer, spans=spans)
    await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    context = app.state.context
    job = DeliveryJob(
        context.db, context.cipher, context.settings.alerts, context.alerting.client, context.settings.server.url
    )
    await job.run_once()
    log = await tenant.client.get(f"/api/v1/alert-channels/{hook['id']}/deliveries", headers=tenant.admin)
    deliveries = log.json()["items"]
    assert deliveries and all(d["event"] == "fired" for d in deliveries)
    first = deliveries[0]
    assert first["status"] == "pending" and first["attempts"] == 1 and first["last_status_code"] == 503
    assert "upstream trouble" in first["last_error"]
    async with context.db.read() as session:
        row = await session.get(AlertDelivery, first["id"])
        assert row is not None and (row.next_attempt_at - row.created_at).total_seconds() >= 5
    # Filters hold: a channel for security alerts only heard nothing of a performance alert.
    quiet_log = await tenant.client.get(f"/api/v1/alert-channels/{quiet['id']}/deliveries", headers=tenant.admin)
    assert quiet_log.json()["items"] == []
    assert broken.bodies[0]["event"] == "alert.fired" and broken.bodies[0]["alert"]["severity"] == "critical"


async def test_webhook_test_send_is_signed_and_logged(tenant, slack):
    hook = await _channel(tenant, name="siem", kind="webhook", url=slack.url)
    secret = hook["signing_secret"]
    sent = await tenant.client.post(f"/api/v1/alert-channels/{hook['id']}/test", headers=tenant.admin)
    assert sent.status_code == 200 and sent.json()["status"] == "delivered", sent.text
    [(headers, raw)] = slack.raw
    assert headers["X-AMS-Event"] == "alert.test" and headers["X-AMS-Delivery"] == sent.json()["id"]
    assert headers["X-AMS-Signature"] == sign(secret, headers["X-AMS-Timestamp"], raw)
    body = json.loads(raw)
    assert body["alert"]["title"] == "Test message to siem" and body["ams_url"].startswith("http://")
    log = await tenant.client.get(f"/api/v1/alert-channels/{hook['id']}/deliveries", headers=tenant.admin)
    assert [(d["event"], d["status"]) for d in log.json()["items"]] == [("test", "delivered")]


async def test_an_alert_message_links_to_its_example_traces_and_agent(tenant, slack, app):
    await _channel(tenant, name="ops", kind="slack", url=slack.url, min_severity="critical")
    writer = await tenant.key(role="agent_owner")
    await ingest(tenant.client, writer, spans=[s for _ in range(6) for s in task("linked-bot", status="error")])
    await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    base = app.state.context.settings.server.url

    async def sent() -> list[dict[str, Any]]:  # by the app's own delivery daemon, every 2 s
        for _ in range(100):
            found = [b for b in slack.bodies if b["text"] == "[CRITICAL] Low success rate: linked-bot (fired)"]
            if found:
                return found
            await asyncio.sleep(0.1)
        raise AssertionError(f"nothing sent to Slack: {slack.bodies}")

    [message] = await sent()
    text = message["blocks"][1]["text"]["text"]
    alerts = await tenant.client.get("/api/v1/alerts", headers=tenant.admin)
    [alert] = [a for a in alerts.json()["items"] if a["title"] == "Low success rate: linked-bot"]
    traces = [e["trace_id"] for e in alert["evidence"]["example_traces"]]
    assert traces and all(f"{base}/traces/{t}" in text for t in traces)
    assert f"Agent: {base}/agents/{alert['agent_id']}" in text and f"Open alerts: {base}/alerts/open" in text
    assert all(e["link"] == f"/traces/{e['trace_id']}" for e in alert["evidence"]["example_traces"])


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "webhook"}, "url"),
        ({"kind": "slack", "url": "not a url"}, "url"),
        ({"kind": "email"}, "recipients"),
        ({"kind": "email", "recipients": ["ops@example.com", "nobody"]}, "recipients"),
        ({"kind": "pager"}, "kind"),
    ],
)
async def test_a_bad_channel_is_refused_naming_the_field(tenant, fields, field):
    response = await tenant.client.post(
        "/api/v1/alert-channels", json={"organization_id": tenant.org_id, "name": "x", **fields}, headers=tenant.admin
    )
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]


async def test_a_channel_edit_keeps_its_recipients_valid(tenant):
    channel = await _channel(tenant, name="mail", kind="email", recipients=["ops@example.com"])
    for recipients in ([], ["not-an-address"]):
        refused = await tenant.client.put(
            f"/api/v1/alert-channels/{channel['id']}", json={"recipients": recipients}, headers=tenant.admin
        )
        assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["recipients"]
    kept = await tenant.client.get(f"/api/v1/alert-channels/{channel['id']}", headers=tenant.admin)
    assert kept.json()["recipients"] == ["ops@example.com"]
