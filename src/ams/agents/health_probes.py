"""Probing agents that live behind an HTTP endpoint.

What is probed, per platform: a webhook agent's `health_url`; an n8n instance's `/healthz`; a LangGraph server's
`/ok`; a LangServe server's `/docs`. Make and Zapier hooks (and n8n workflows without an instance URL) run their
scenario on any request, so for them only a TCP connection to the hook's host is opened: it proves the endpoint
is reachable without starting anyone's workflow.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from ams.agents.health import Probe

PROBE_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class ProbeTarget:
    kind: str  # http | connect
    url: str


def probe_target(platform: str, configuration: dict[str, Any]) -> ProbeTarget | None:
    """Where to probe an agent of `platform`, or None for agents that report through the SDK."""
    if platform == "webhook" and configuration.get("health_url"):
        return ProbeTarget("http", str(configuration["health_url"]))
    if platform == "n8n":
        if configuration.get("instance_url"):
            return ProbeTarget("http", str(configuration["instance_url"]).rstrip("/") + "/healthz")
        return ProbeTarget("connect", str(configuration["webhook_url"]))
    if platform == "langgraph" and configuration.get("server_url"):
        return ProbeTarget("http", str(configuration["server_url"]).rstrip("/") + "/ok")
    if platform == "langchain" and configuration.get("server_url"):
        return ProbeTarget("http", str(configuration["server_url"]).rstrip("/") + "/docs")
    if platform in ("make", "zapier") and configuration.get("webhook_url"):
        return ProbeTarget("connect", str(configuration["webhook_url"]))
    return None


async def run_probe(client: httpx.AsyncClient, target: ProbeTarget) -> Probe:
    started = time.perf_counter()
    now = datetime.now(UTC)
    try:
        if target.kind == "http":
            response = await client.get(target.url, timeout=PROBE_TIMEOUT_S)
            took = (time.perf_counter() - started) * 1000
            ok = 200 <= response.status_code < 400
            return Probe(ok, f"GET {target.url} answered {response.status_code} in {took:.0f} ms", now)
        parts = urlsplit(target.url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        _, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, port), PROBE_TIMEOUT_S)
        writer.close()
        took = (time.perf_counter() - started) * 1000
        return Probe(True, f"{parts.hostname}:{port} accepted a connection in {took:.0f} ms", now)
    except (httpx.HTTPError, OSError, TimeoutError) as exc:
        return Probe(False, f"{target.url}: {type(exc).__name__}: {exc}"[:300], now)
