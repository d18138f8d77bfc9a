"""Probing agents that live behind an HTTP endpoint.

What is probed, per platform: a webhook agent's `health_url`; an n8n instance's `/healthz`; a LangGraph server's
`/ok`; a LangServe server's `/docs`. Make and Zapier hooks (and n8n workflows without an instance URL) run their
scenario on any request, so for them only a TCP connection to the hook's host is opened: it proves the endpoint
is reachable without starting anyone's workflow.
"""

from __future__ import annotations

import asyncio
import contextlib
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


async def run_probe(client: httpx.AsyncClient, target: ProbeTarget, timeout_s: float = PROBE_TIMEOUT_S) -> Probe:
    """The probe's result, with a detail naming what was tried and what answered, or how it failed."""
    started = time.perf_counter()
    now = datetime.now(UTC)
    parts = urlsplit(target.url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    tried = f"GET {target.url}" if target.kind == "http" else f"a connection to {parts.hostname}:{port}"
    try:
        if target.kind == "http":
            # httpx's timeout bounds each read; wait_for bounds the whole probe, a slowly dripping answer included.
            response = await asyncio.wait_for(client.get(target.url, timeout=timeout_s), timeout_s)
            took = (time.perf_counter() - started) * 1000
            ok = 200 <= response.status_code < 400
            return Probe(ok, f"{tried} answered {response.status_code} in {took:.0f} ms", now)
        _, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, port), timeout_s)
        writer.close()
        with contextlib.suppress(OSError):  # it accepted: a reset on closing does not undo that
            await writer.wait_closed()
        took = (time.perf_counter() - started) * 1000
        return Probe(True, f"{tried} was accepted in {took:.0f} ms", now)
    except (httpx.TimeoutException, TimeoutError):
        # Their messages are empty or vague ("timed out"): say how long it waited.
        return Probe(False, f"{tried}: no answer within {timeout_s:g} s", now)
    except (httpx.HTTPError, OSError) as exc:
        return Probe(False, f"{tried}: {type(exc).__name__}: {exc}"[:300], now)
