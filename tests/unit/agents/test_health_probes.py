"""Probing agents' endpoints: what each platform's probe asks, and how it reads real local servers' answers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from ams.agents.health_probes import ProbeTarget, probe_target, run_probe
from tests.local_endpoint import LocalEndpoint, refused_url


def test_each_platform_probes_its_health_door_or_only_connects():
    assert probe_target(
        "n8n", {"webhook_url": "https://n8n.example/webhook/1", "instance_url": "https://n8n.example/"}
    ) == (ProbeTarget("http", "https://n8n.example/healthz"))
    assert probe_target("n8n", {"webhook_url": "https://n8n.example/webhook/1"}) == (
        ProbeTarget("connect", "https://n8n.example/webhook/1")
    )
    assert probe_target("langgraph", {"server_url": "http://lg:8123/", "graph_id": "g"}) == (
        ProbeTarget("http", "http://lg:8123/ok")
    )
    assert probe_target("langchain", {"server_url": "http://serve:8000/"}) == ProbeTarget(
        "http", "http://serve:8000/docs"
    )
    assert probe_target("webhook", {"url": "http://a/run", "health_url": "http://a/health"}) == (
        ProbeTarget("http", "http://a/health")
    )
    for platform in ("make", "zapier"):
        assert probe_target(platform, {"webhook_url": "https://hook.example/x"}) == (
            ProbeTarget("connect", "https://hook.example/x")
        )
    # Agents that report through the SDK, or name no health door, are not probed.
    assert probe_target("webhook", {"url": "http://a/run"}) is None
    assert probe_target("langchain", {}) is None
    assert probe_target("custom", {"url": "http://a"}) is None


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as http:
        yield http


async def test_an_answer_under_400_passes_and_one_over_fails(client):
    for status, ok in ((200, True), (302, True), (500, False), (404, False)):
        endpoint = LocalEndpoint(status)
        try:
            probe = await run_probe(client, ProbeTarget("http", f"{endpoint.url}/healthz"))
        finally:
            endpoint.close()
        assert probe.ok is ok
        assert probe.detail.startswith(f"GET {endpoint.url}/healthz answered {status} in ")
        assert endpoint.requests == [("GET", "/healthz")]


async def test_refused_and_silent_endpoints_fail_saying_why(client):
    url = refused_url()
    refused = await run_probe(client, ProbeTarget("http", f"{url}/ok"))
    assert not refused.ok and refused.detail.startswith(f"GET {url}/ok: ConnectError: ")
    silent = LocalEndpoint(hang=True)
    try:
        timed_out = await run_probe(client, ProbeTarget("http", f"{silent.url}/ok"), timeout_s=0.3)
    finally:
        silent.close()
    assert not timed_out.ok and timed_out.detail == f"GET {silent.url}/ok: no answer within 0.3 s"


async def test_a_connect_probe_opens_a_connection_and_sends_nothing(client):
    hook = LocalEndpoint()
    try:
        probe = await run_probe(client, ProbeTarget("connect", f"{hook.url}/hooks/catch/1"))
    finally:
        hook.close()
    port = hook.server.server_port
    assert probe.ok and probe.detail.startswith(f"a connection to 127.0.0.1:{port} was accepted in ")
    assert hook.requests == []  # no scenario was started
    url = refused_url()
    refused = await run_probe(client, ProbeTarget("connect", f"{url}/hooks/catch/1"))
    assert not refused.ok
    assert refused.detail.startswith(f"a connection to {url.removeprefix('http://')}: ConnectionRefusedError: ")
