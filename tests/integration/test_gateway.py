"""The gateway through a real `ams serve`, driven by the real `openai` client, with real local providers
(`ams mock-provider` processes); and two AMS instances enforcing one rate limit through Redis."""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.conftest import fresh_postgres_database, skip_backend
from tests.integration.conftest import Server, start_server
from tests.integration.gateway_support import REDIS_URL, admin_client, agent_with_route, redis_unreachable


@pytest.fixture(scope="module")
def ams(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("gateway"), None)
    yield server
    server.stop()


def _spans(admin: httpx.Client, agent_id: str, expected: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 15
    while True:
        traces = admin.get("/api/v1/traces", params={"agent": agent_id, "window": "1h"}).json()["items"]
        if len(traces) >= expected or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return [admin.get(f"/api/v1/traces/{t['trace_id']}").json()["roots"][0] for t in traces]


def test_openai_client_through_ams_with_failover_and_metering(ams, mocks):
    with admin_client(ams) as admin:
        agent_id, key, alias = agent_with_route(admin, mocks)
        client = openai.OpenAI(base_url=f"{ams.url}/v1", api_key=key, max_retries=0)
        answer = client.chat.completions.create(model=alias, messages=[{"role": "user", "content": "Hi"}])
        assert answer.choices[0].message.content.startswith("This is a mock answer")
        assert answer.usage.prompt_tokens == 1000
        [span] = _spans(admin, agent_id, 1)
        assert (span["input_tokens"], span["output_tokens"]) == (1000, 200)
        # gpt-4o-mini from the bundled price table: $0.15 / $0.60 per million tokens.
        assert span["cost_usd"] == pytest.approx((1000 * 0.15 + 200 * 0.60) / 1e6)
        attempts = span["attributes"]["ams.gateway.attempts"]
        assert [a["status"] for a in attempts] == [503, 200]
        assert attempts[0]["target"].endswith("/gpt-4o-mini") and attempts[0]["target"] != attempts[1]["target"]
        providers = admin.get("/api/v1/analytics/providers", params={"window": "1h"}).json()["items"]
        assert any(p["provider"].startswith("healthy-") and p["calls"] >= 1 for p in providers)
        kpis = admin.get(f"/api/v1/agents/{agent_id}/kpis", params={"window": "1h"}).json()["kpis"]
        assert kpis["input_tokens"] == 1000


def test_openai_client_stream_gets_every_chunk_and_usage(ams, mocks):
    with admin_client(ams) as admin:
        agent_id, key, alias = agent_with_route(admin, mocks)
        client = openai.OpenAI(base_url=f"{ams.url}/v1", api_key=key, max_retries=0)
        stream = client.chat.completions.create(
            model=alias, messages=[{"role": "user", "content": "Hi"}], stream=True,
            stream_options={"include_usage": True},
        )  # fmt: skip
        chunks = list(stream)
        content = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
        assert len(content) == 6  # the mock streams 6 content chunks
        assert chunks[-1].usage.completion_tokens == 200 and not chunks[-1].choices
        [span] = _spans(admin, agent_id, 1)
        assert span["output_tokens"] == 200 and "ams.gateway.ttft_ms" in span["attributes"]


def test_openai_client_reads_a_refusal(ams, mocks):
    with admin_client(ams) as admin:
        agent_id, key, alias = agent_with_route(admin, mocks)
        admin.post(f"/api/v1/agents/{agent_id}/pause", json={"reason": "test"}).raise_for_status()
        client = openai.OpenAI(base_url=f"{ams.url}/v1", api_key=key, max_retries=0)
        with pytest.raises(openai.PermissionDeniedError) as refused:
            client.chat.completions.create(model=alias, messages=[{"role": "user", "content": "Hi"}])
        assert "paused" in refused.value.message
        assert refused.value.code == "agent_not_active"


def test_two_instances_share_rate_limits_and_changes_through_redis(tmp_path: Path, mocks):
    reason = redis_unreachable()
    if reason:
        skip_backend(f"Redis at {REDIS_URL}", reason)
    secret = base64.b64encode(os.urandom(32)).decode()
    with fresh_postgres_database() as database:
        env = {"AMS_REDIS_URL": REDIS_URL, "AMS_SECRET_KEY": secret}
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        first = start_server(tmp_path / "a", database, **env)
        second = start_server(tmp_path / "b", database, **env)
        try:
            with admin_client(first) as admin:
                agent_id, key, alias = agent_with_route(admin, {"healthy": mocks["healthy"], "broken": mocks["broken"]},
                                              limits={"max_requests_per_minute": 4})  # fmt: skip
            clients = [openai.OpenAI(base_url=f"{s.url}/v1", api_key=key, max_retries=0) for s in (first, second)]
            outcomes = []
            for i in range(8):
                try:
                    clients[i % 2].chat.completions.create(model=alias, messages=[{"role": "user", "content": "x"}])
                    outcomes.append("ok")
                except openai.RateLimitError as exc:
                    assert "requests per minute" in exc.message
                    assert int(exc.response.headers["retry-after"]) >= 1
                    outcomes.append("limited")
            assert outcomes.count("ok") == 4, outcomes
            # A lifecycle change made on one instance reaches the other's cache through Redis within a second.
            with admin_client(first) as admin:
                admin.post(f"/api/v1/agents/{agent_id}/pause", json={"reason": "stop"}).raise_for_status()
            time.sleep(1.0)
            with pytest.raises(openai.PermissionDeniedError, match="paused"):
                clients[1].chat.completions.create(model=alias, messages=[{"role": "user", "content": "x"}])
        finally:
            first.stop()
            second.stop()
