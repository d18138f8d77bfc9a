"""Sending one alert message to one channel: a signed webhook, a Slack incoming webhook, or an email.

Webhooks are signed the way Stripe and GitHub sign theirs, so a receiver can check the message came from AMS
and is fresh: `X-AMS-Signature: sha256=<hex>` is the HMAC-SHA256, under the channel's signing secret, of
`<X-AMS-Timestamp>.<raw body>`.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import aiosmtplib
import httpx
import orjson

from ams.settings import AlertSettings

SEND_TIMEOUT_S = 10.0
SEVERITY_LABELS = {"info": "INFO", "warning": "WARNING", "high": "HIGH", "critical": "CRITICAL"}


@dataclass(frozen=True)
class Target:
    """A channel with its sealed parts opened: only ever held in memory for one send."""

    kind: str
    url: str | None
    signing_secret: str | None
    recipients: list[str]


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status_code: int | None = None
    error: str = ""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


async def send(
    client: httpx.AsyncClient,
    target: Target,
    delivery_id: str,
    payload: dict[str, Any],
    smtp: AlertSettings,
    ams_url: str,
) -> SendResult:
    payload = with_url(payload, ams_url)
    try:
        if target.kind == "webhook":
            return await _webhook(client, target, delivery_id, payload)
        if target.kind == "slack":
            return await _slack(client, target, payload)
        return await _email(target, payload, smtp)
    except httpx.HTTPError as exc:
        return SendResult(False, error=f"{type(exc).__name__}: {exc}"[:500])
    except (aiosmtplib.SMTPException, OSError) as exc:
        return SendResult(False, error=f"{type(exc).__name__}: {exc}"[:500])


def _answer(response: httpx.Response) -> SendResult:
    if response.is_success:
        return SendResult(True, response.status_code)
    return SendResult(False, response.status_code, f"HTTP {response.status_code}: {response.text[:200]}")


async def _webhook(client: httpx.AsyncClient, target: Target, delivery_id: str, payload: dict[str, Any]) -> SendResult:
    body = orjson.dumps(payload)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "AMS-Alerts",
        "X-AMS-Event": str(payload.get("event", "")),
        "X-AMS-Delivery": delivery_id,
        "X-AMS-Timestamp": timestamp,
    }
    if target.signing_secret:
        headers["X-AMS-Signature"] = sign(target.signing_secret, timestamp, body)
    response = await client.post(str(target.url), content=body, headers=headers, timeout=SEND_TIMEOUT_S)
    return _answer(response)


def with_url(payload: dict[str, Any], ams_url: str) -> dict[str, Any]:
    """The message as sent: with the URL AMS is reached at, which the alert's links are paths under."""
    return {**payload, "ams_url": ams_url}


def headline(payload: dict[str, Any]) -> str:
    alert = payload.get("alert") or {}
    event = str(payload.get("event", "alert")).removeprefix("alert.")
    severity = SEVERITY_LABELS.get(alert.get("severity", ""), str(alert.get("severity", "")).upper())
    return f"[{severity}] {alert.get('title', 'AMS alert')} ({event})"


def _lines(payload: dict[str, Any]) -> list[str]:
    alert = payload.get("alert") or {}
    lines = [alert.get("summary", "")]
    if alert.get("subject_id"):
        lines.append(f"Subject: {alert.get('subject_type')} {alert.get('subject_label') or alert['subject_id']}")
    base = str(payload.get("ams_url", ""))
    examples = (alert.get("evidence") or {}).get("example_traces") or []
    if examples:
        lines.append("Example traces:")
        lines += [f"  {base}{e['link']}" if e.get("link") else f"  {e.get('trace_id')}" for e in examples]
    links = alert.get("links") or {}
    if "agent" in links:
        lines.append(f"Agent: {base}{links['agent']}")
    if "alerts" in links:
        lines.append(f"Open alerts: {base}{links['alerts']}")
    return [line for line in lines if line]


async def _slack(client: httpx.AsyncClient, target: Target, payload: dict[str, Any]) -> SendResult:
    text = headline(payload)
    body = {
        "text": text,
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": text[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(_lines(payload))[:2900] or text}},
        ],
    }
    response = await client.post(str(target.url), json=body, timeout=SEND_TIMEOUT_S)
    return _answer(response)


async def _email(target: Target, payload: dict[str, Any], smtp: AlertSettings) -> SendResult:
    if not smtp.smtp_host:
        return SendResult(False, error="email is not configured: set AMS_SMTP_HOST")
    message = EmailMessage()
    message["From"] = smtp.smtp_from
    message["To"] = ", ".join(target.recipients)
    message["Subject"] = headline(payload)
    message.set_content(
        "\n\n".join(_lines(payload)) + "\n\n" + orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode()
    )
    password = smtp.smtp_password.get_secret_value() if smtp.smtp_password else None
    await aiosmtplib.send(
        message,
        hostname=smtp.smtp_host,
        port=smtp.smtp_port,
        username=smtp.smtp_username,
        password=password,
        start_tls=smtp.smtp_starttls,
        timeout=SEND_TIMEOUT_S,
    )
    return SendResult(True)
