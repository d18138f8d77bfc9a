"""Governance across two `ams serve` processes sharing PostgreSQL and Redis: an emergency stop sent to one is
enforced by the other within a second, and one spend cap counts the calls made through both."""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import fresh_postgres_database, skip_backend
from tests.integration.conftest import Server, start_server
from tests.integration.gateway_support import REDIS_URL, admin_client, agent_with_route, redis_unreachable

CHAT = {"messages": [{"role": "user", "content": "x"}]}


# One pair for the module: each test makes its own agent, route and policy, and leaves no stop in force.
@pytest.fixture(scope="module")
def instances(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    tmp_path = tmp_path_factory.mktemp("instances")
    reason = redis_unreachable()
    if reason:
        skip_backend(f"Redis at {REDIS_URL}", reason)
    env = {"AMS_REDIS_URL": REDIS_URL, "AMS_SECRET_KEY": base64.b64encode(os.urandom(32)).decode()}
    with fresh_postgres_database() as database:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        first = start_server(tmp_path / "a", database, **env)
        second = start_server(tmp_path / "b", database, **env)
        try:
            yield first, second
        finally:
            first.stop()
            second.stop()


def test_an_emergency_stop_on_one_instance_holds_on_the_other_within_a_second(instances, mocks):
    first, second = instances
    with admin_client(first) as admin:
        agent_id, key, alias = agent_with_route(admin, mocks)
    agent_headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=second.url, headers=agent_headers, timeout=10) as on_second:
        assert on_second.post("/v1/chat/completions", json={"model": alias, **CHAT}).status_code == 200
        assert on_second.post("/api/v1/guard/check", json={"action": "db.write"}).json()["decision"] == "allow"
        with admin_client(first) as admin:
            engaged = admin.post("/api/v1/emergency-stop", json={"scope": "agent", "target": agent_id,
                                                                  "reason": "runaway loop"})  # fmt: skip
            assert engaged.status_code == 201, engaged.text
            stopped_at = time.monotonic()
        while True:
            call = on_second.post("/v1/chat/completions", json={"model": alias, **CHAT})
            if call.status_code == 403:
                break
            assert time.monotonic() - stopped_at < 3, "the other instance still serves the stopped agent"
            time.sleep(0.02)
        elapsed = time.monotonic() - stopped_at
        assert elapsed < 1.0, f"enforced after {elapsed:.3f} s"
        assert call.json()["error"]["code"] == "emergency_stop" and "runaway loop" in call.json()["detail"]
        guard = on_second.post("/api/v1/guard/check", json={"action": "db.write"})
        assert guard.status_code == 403 and "runaway loop" in guard.json()["detail"]
        with admin_client(second) as admin:
            health = admin.get("/api/v1/system/health").json()["emergency_stops"]
            assert [s["reason"] for s in health["stops"]] == ["runaway loop"]
            admin.post("/api/v1/emergency-stop/release", json={"id": engaged.json()["id"]}).raise_for_status()
        released_at = time.monotonic()
        while on_second.post("/v1/chat/completions", json={"model": alias, **CHAT}).status_code != 200:
            assert time.monotonic() - released_at < 1.0, "the release did not reach the instance within a second"
            time.sleep(0.02)


def test_one_spend_cap_counts_the_calls_made_through_both_instances(instances, mocks):
    first, second = instances
    with admin_client(first) as admin:
        agent_id, key, alias = agent_with_route(admin, mocks)
        # Each call really costs 1,000 + 200 tokens of gpt-4o-mini ($0.15 / $0.60 per million) = $0.00027; its
        # estimate (its prompt and 1,024 tokens of output) is about $0.00062: six calls fit under $0.002.
        policy = admin.post("/api/v1/policies", json={
            "name": "shared-cap", "scope": {"type": "agent", "value": agent_id},
            "rules": [{"id": "cap", "type": "spend_cap", "amount_usd": 0.002, "period": "day"}]})  # fmt: skip
        assert policy.status_code == 201, policy.text
    time.sleep(0.2)  # the policy reaches the second instance's cache through Redis
    headers = {"Authorization": f"Bearer {key}"}
    outcomes = []
    for i in range(12):
        server = (first, second)[i % 2]
        call = httpx.post(f"{server.url}/v1/chat/completions", json={"model": alias, **CHAT}, headers=headers)
        outcomes.append(call.status_code)
        if call.status_code == 429:
            assert call.json()["error"]["code"] == "spend_cap_exceeded" and "shared-cap" in call.json()["detail"]
        time.sleep(0.1)  # the real cost is settled beside the answer
    # Each instance alone would have let six through (twelve in all); together they let six through.
    assert outcomes == [200] * 6 + [429] * 6, outcomes
