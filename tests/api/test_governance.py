"""Governance through HTTP: policies and their versions, the guard for every rule type with its reasons,
approvals, the emergency stop, and the gateway refusing what policies forbid."""

from __future__ import annotations

import asyncio
import secrets
import time

import pytest

from tests.api.gateway_helpers import active_agent, mock, register, spans_of

CHAT = {"model": "mock-model", "messages": [{"role": "user", "content": "hello"}]}


async def _policy(tenant, rules, scope=None, name=None):
    body = {"organization_id": tenant.org_id, "name": name or f"policy-{secrets.token_hex(3)}", "rules": rules}
    if scope:
        body["scope"] = scope
    response = await tenant.client.post("/api/v1/policies", json=body, headers=tenant.admin)
    assert response.status_code == 201, response.text
    return response.json()


async def _task(tenant, agent):
    """A task of the agent (its root span), for guard checks to name."""
    trace, root = secrets.token_hex(16), secrets.token_hex(8)
    writer = await tenant.key(role="agent_owner")
    now = time.time()
    task = {"trace_id": trace, "span_id": root, "name": "work", "kind": "task", "agent": agent["name"],
            "start_time": now - 5, "end_time": now - 1}  # fmt: skip
    assert (await tenant.client.post("/api/v1/ingest", json={"spans": [task]}, headers=writer)).status_code == 200
    return trace, root


async def _guard(tenant, key, action, **fields):
    response = await tenant.client.post("/api/v1/guard/check", json={"action": action, **fields}, headers=key)
    return response


async def test_policies_are_versioned_audited_and_checked_by_field(tenant):
    made = await _policy(tenant, [{"type": "tool_deny", "actions": ["shell.*"]}], name="no-shell")
    assert made["version"] == 1 and made["rules"][0]["id"] == "r1"
    changed = await tenant.client.put(
        f"/api/v1/policies/{made['id']}",
        json={"rules": [{"id": "shell", "type": "tool_deny", "actions": ["shell.*", "ssh.*"]}]},
        headers=tenant.admin,
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    versions = await tenant.client.get(f"/api/v1/policies/{made['id']}/versions", headers=tenant.admin)
    assert [v["version"] for v in versions.json()] == [2, 1]
    assert versions.json()[1]["document"]["rules"][0]["actions"] == ["shell.*"]
    audit = await tenant.client.get("/api/v1/audit", params={"resource_id": made["id"]}, headers=tenant.admin)
    assert [e["action"] for e in audit.json()["items"]] == ["policy.update", "policy.create"]
    bad = await tenant.client.post(
        "/api/v1/policies",
        json={"organization_id": tenant.org_id, "name": "x", "rules": [{"type": "spend_cap", "amount_usd": -1}]},
        headers=tenant.admin,
    )
    assert bad.status_code == 422 and any("amount_usd" in e["field"] for e in bad.json()["errors"])
    twice = await tenant.client.post(
        "/api/v1/policies",
        json={"organization_id": tenant.org_id, "name": "no-shell", "rules": [{"type": "tool_deny", "actions": ["x"]}]},
        headers=tenant.admin,
    )
    assert twice.status_code == 409
    _, operator = await tenant.user("operator")
    refused = await tenant.client.post(
        "/api/v1/policies",
        json={"organization_id": tenant.org_id, "name": "y", "rules": [{"type": "tool_deny", "actions": ["x"]}]},
        headers=operator,
    )
    assert refused.status_code == 403


async def test_the_guard_decides_each_rule_type_with_its_reasons(tenant):
    agent, key = await active_agent(tenant, tags=["support"])
    trace, root = await _task(tenant, agent)
    in_task = {"trace_id": trace, "span_id": root}
    await _policy(tenant, [{"id": "no-merge", "type": "tool_deny", "actions": ["github.merge_*"]},
                           {"id": "safe-tools", "type": "tool_allow", "actions": ["github.*", "search.*", "pay.*"]},
                           {"id": "refunds", "type": "approval", "actions": ["pay.refund"]},
                           {"id": "small", "type": "payload_limit", "max_arguments_bytes": 100}],
                  scope={"type": "tag", "value": "support"}, name="support-guardrails")  # fmt: skip
    allowed = await _guard(tenant, key, "github.comment", arguments={"pr": 7}, **in_task)
    assert allowed.status_code == 200, allowed.text
    assert allowed.json()["decision"] == "allow" and allowed.json()["reasons"] == []
    denied = (await _guard(tenant, key, "github.merge_pr", **in_task)).json()
    assert denied["decision"] == "deny"
    assert denied["reasons"][0] | {"policy_id": None} == {
        "policy_id": None, "policy_name": "support-guardrails", "policy_version": 1, "rule_id": "no-merge",
        "rule_type": "tool_deny", "effect": "deny", "message": "github.merge_pr is on the deny-list (github.merge_*)",
    }  # fmt: skip
    off_list = (await _guard(tenant, key, "shell.run", **in_task)).json()
    assert off_list["decision"] == "deny" and off_list["reasons"][0]["rule_id"] == "safe-tools"
    big = (await _guard(tenant, key, "search.web", arguments={"q": "x" * 200}, **in_task)).json()
    assert big["decision"] == "deny" and big["reasons"][0]["rule_id"] == "small"
    gated = (await _guard(tenant, key, "pay.refund", arguments={"amount": 30}, **in_task)).json()
    assert gated["decision"] == "require_approval" and gated["approval"]["status"] == "pending"
    bad = await _guard(tenant, key, "")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "action"
    # Denials are in the audit trail (written beside the answers), and every decision is a guard span.
    for _ in range(40):
        audit = await tenant.client.get(
            "/api/v1/audit", params={"resource_id": agent["id"], "action": "guard.*"}, headers=tenant.admin
        )
        if len(audit.json()["items"]) == 4:
            break
        await asyncio.sleep(0.05)
    assert sorted(e["action"] for e in audit.json()["items"]) == ["guard.deny"] * 3 + ["guard.require_approval"]
    for _ in range(50):  # guard spans join the task's trace through the span buffer
        detail = await tenant.client.get(f"/api/v1/traces/{trace}", headers=tenant.admin)
        guard_spans = [s for s in detail.json()["roots"][0]["children"] if s["kind"] == "guard"]
        if len(guard_spans) == 5:
            break
        await asyncio.sleep(0.1)
    assert sorted(s["attributes"]["ams.guard.decision"] for s in guard_spans) == [
        "allow",
        "deny",
        "deny",
        "deny",
        "require_approval",
    ]
    denial = next(s for s in guard_spans if s["tool_name"] == "github.merge_pr")
    assert denial["status"] == "error" and "deny-list" in denial["attributes"]["ams.guard.reasons"][0]["message"]


async def test_spend_caps_in_the_guard_count_estimated_costs_and_warn_first(tenant):
    _, key = await active_agent(tenant)
    await _policy(tenant, [{"id": "daily", "type": "spend_cap", "amount_usd": 10, "period": "day",
                            "soft_limit_pct": 50}])  # fmt: skip
    first = (await _guard(tenant, key, "api.call", estimated_cost=4.0)).json()
    assert first["decision"] == "allow" and first["warnings"] == []
    await asyncio.sleep(0.1)  # the allowed cost is counted beside the answer
    second = (await _guard(tenant, key, "api.call", estimated_cost=4.0)).json()
    assert (
        second["decision"] == "allow"
        and "past 50% of the spend cap of $10.00 per day" in second["warnings"][0]["message"]
    )
    await asyncio.sleep(0.1)
    third = (await _guard(tenant, key, "api.call", estimated_cost=4.0)).json()
    assert third["decision"] == "deny"
    message = third["reasons"][0]["message"]
    assert message.startswith("spend cap of $10.00 per day: $8.0000 spent, $4.0000 more would pass it; it resets at ")


async def test_approvals_are_answered_by_operators_and_count_as_interventions(tenant):
    agent, key = await active_agent(tenant)
    await _policy(tenant, [{"type": "approval", "actions": ["deploy.*"], "expires_in_s": 600}])
    trace, root = await _task(tenant, agent)
    asked = (await _guard(tenant, key, "deploy.prod", trace_id=trace, span_id=root)).json()
    approval_id = asked["approval"]["id"]
    _, viewer = await tenant.user("viewer")
    _, operator = await tenant.user("operator")
    assert (await tenant.client.post(f"/api/v1/approvals/{approval_id}/approve", headers=viewer)).status_code == 403
    waiting = asyncio.create_task(
        tenant.client.get(f"/api/v1/approvals/{approval_id}", params={"wait": 10}, headers=key)
    )
    await asyncio.sleep(0.3)
    assert not waiting.done()  # the agent is held until someone answers
    answered = await tenant.client.post(
        f"/api/v1/approvals/{approval_id}/approve", json={"comment": "ship it"}, headers=operator
    )
    assert answered.status_code == 200 and answered.json()["status"] == "approved"
    seen = (await waiting).json()
    assert seen["status"] == "approved" and seen["comment"] == "ship it" and seen["decided_by"].startswith("operator-")
    again = await tenant.client.post(f"/api/v1/approvals/{approval_id}/deny", headers=operator)
    assert again.status_code == 409
    listed = await tenant.client.get("/api/v1/approvals", params={"status": "approved"}, headers=tenant.admin)
    assert [a["id"] for a in listed.json()["items"]] == [approval_id]
    for _ in range(50):  # the intervention reaches the KPIs through the ingest pipeline
        kpis = await tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", params={"window": "1h"},
                                       headers=tenant.admin)  # fmt: skip
        if kpis.json()["kpis"]["hir"] == 1.0:
            break
        await asyncio.sleep(0.1)
    assert kpis.json()["kpis"]["hir"] == 1.0


async def test_an_unanswered_approval_expires(tenant):
    _, key = await active_agent(tenant)
    await _policy(tenant, [{"type": "approval", "actions": ["deploy.*"], "expires_in_s": 10}])
    asked = (await _guard(tenant, key, "deploy.prod")).json()
    from ams.governance.models import Approval

    context = tenant.client._transport.app.state.context  # type: ignore[attr-defined]
    async with context.db.write() as session:
        row = await session.get(Approval, asked["approval"]["id"])
        row.expires_at = row.requested_at
    read = await tenant.client.get(f"/api/v1/approvals/{asked['approval']['id']}", headers=key)
    assert read.json()["status"] == "expired"


async def test_the_emergency_stop_refuses_guard_and_gateway_and_is_released(tenant):
    agent, key = await active_agent(tenant)
    other, other_key = await active_agent(tenant)
    _, viewer = await tenant.user("viewer")
    body = {"organization_id": tenant.org_id, "scope": "agent", "target": agent["name"], "reason": "runaway loop"}
    assert (await tenant.client.post("/api/v1/emergency-stop", json=body, headers=viewer)).status_code == 403
    _, operator = await tenant.user("operator")
    stop = await tenant.client.post("/api/v1/emergency-stop", json=body, headers=operator)
    assert stop.status_code == 201, stop.text
    await asyncio.sleep(0.05)
    refused = await _guard(tenant, key, "search.web")
    assert refused.status_code == 403 and "runaway loop" in refused.json()["detail"]
    assert refused.json()["emergency_stop"]["scope"] == "agent"
    status = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/status", headers=key)).json()
    assert status["may_run"] is False and status["emergency_stop"]["reason"] == "runaway loop"
    health = (await tenant.client.get("/api/v1/system/health", headers=tenant.admin)).json()["emergency_stops"]
    assert health["in_force"] >= 1 and "runaway loop" in [s["reason"] for s in health["stops"]]
    anonymous = (await tenant.client.get("/api/v1/system/health")).json()["emergency_stops"]
    assert anonymous["in_force"] >= 1 and anonymous["stops"] == []
    async with mock() as upstream:
        await register(tenant, upstream, "local")
        call = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
        assert call.status_code == 403 and call.json()["error"]["code"] == "emergency_stop"
        fine = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=other_key)  # out of scope
        assert fine.status_code == 200, fine.text
        listed = await tenant.client.get("/api/v1/emergency-stop", headers=tenant.admin)
        assert [s["reason"] for s in listed.json() if s["organization_id"] == tenant.org_id] == ["runaway loop"]
        released = await tenant.client.post(
            "/api/v1/emergency-stop/release",
            json={"organization_id": tenant.org_id, "id": stop.json()["id"], "reason": "fixed"},
            headers=operator,
        )
        assert released.status_code == 200 and released.json()[0]["released_by"].startswith("operator-")
        await asyncio.sleep(0.05)
        assert (await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)).status_code == 200
    audit = await tenant.client.get("/api/v1/audit", params={"action": "emergency_stop.*"}, headers=tenant.admin)
    assert [e["action"] for e in audit.json()["items"]][:2] == ["emergency_stop.release", "emergency_stop.engage"]


async def test_the_gateway_refuses_what_policies_forbid(tenant):
    _, key = await active_agent(tenant)
    await _policy(tenant, [{"id": "models", "type": "model_allow", "models": ["gpt-4o-*"]}], name="cheap-models")
    async with mock() as upstream:
        await register(tenant, upstream, "local")
        call = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
    assert call.status_code == 403 and call.json()["error"]["code"] == "model_not_allowed"
    assert (
        "cheap-models" in call.json()["detail"] and "mock-model is not on the model allow-list" in call.json()["detail"]
    )


@pytest.mark.parametrize("on_breach", ["block", "pause"])
async def test_a_spend_cap_refuses_gateway_calls_naming_the_cap(tenant, on_breach):
    agent, key = await active_agent(tenant)
    # Each call: 1,000 + 500 tokens at $1 / $2 per million = $0.002; the estimate (prompt + 1,024 out) is less.
    await _policy(tenant, [{"id": "tiny", "type": "spend_cap", "amount_usd": 0.005, "period": "month",
                            "on_breach": on_breach}], scope={"type": "agent", "value": agent["id"]})  # fmt: skip
    async with mock(prompt_tokens=1000, completion_tokens=500) as upstream:
        await register(tenant, upstream, "local")
        answers = []
        for _ in range(4):
            answers.append(await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key))
            await asyncio.sleep(0.05)  # the real cost is settled beside each answer
    assert [a.status_code for a in answers[:2]] == [200, 200]
    refused = answers[2]
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "spend_cap_exceeded"
    body = refused.json()
    assert body["cap_usd"] == 0.005 and body["period"] == "month" and body["spent_usd"] == pytest.approx(0.004)
    assert "it resets at" in body["detail"] and body["resets_at"].endswith("+00:00")
    if on_breach == "pause":
        for _ in range(50):
            status = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/status", headers=tenant.admin)).json()
            if status["lifecycle_state"] == "paused":
                break
            await asyncio.sleep(0.05)
        assert status["lifecycle_state"] == "paused" and "paused by a spend cap" in status["state_reason"]


async def test_simulate_replays_recorded_traffic_under_a_draft(tenant):
    agent, key = await active_agent(tenant, tags=["sim"])
    for action in ("github.comment", "github.merge_pr", "github.merge_pr"):
        assert (await _guard(tenant, key, action, arguments={"repo": "acme/api"})).status_code == 200
    async with mock(prompt_tokens=1000, completion_tokens=500) as upstream:
        await register(tenant, upstream, "local")
        for _ in range(3):
            assert (await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)).status_code == 200
    await spans_of(tenant, agent["id"], 3)
    draft = {"name": "draft", "scope": {"type": "tag", "value": "sim"},
             "rules": [{"id": "no-merge", "type": "tool_deny", "actions": ["github.merge_*"],
                        "arguments": {"repo": "acme/*"}},
                       {"id": "cheap", "type": "model_allow", "models": ["gpt-4o-mini"]}]}  # fmt: skip
    body = {"organization_id": tenant.org_id, "policy": draft, "days": 1}
    for _ in range(50):  # guard spans are buffered like any span
        answer = await tenant.client.post("/api/v1/policies/simulate", json=body, headers=tenant.admin)
        assert answer.status_code == 200, answer.text
        if answer.json()["evaluated"]["actions"] == 3:
            break
        await asyncio.sleep(0.1)
    result = answer.json()
    assert result["evaluated"] == {"actions": 3, "llm_calls": 3, "out_of_scope": 0}
    assert result["decisions"] == {"deny": 5, "require_approval": 0, "warn": 0, "allow": 1}
    assert {(r["rule_id"], r["count"]) for r in result["by_rule"]} == {("no-merge", 2), ("cheap", 3)}
    assert "mock-model is not on the model allow-list" in result["examples"][0]["reasons"][0]["message"]
    assert result["examples"][-1]["subject"] == "github.merge_pr" and result["examples"][-1]["agent_name"]
    # Nothing was saved, and a bad draft is refused naming its field.
    listed = await tenant.client.get(
        "/api/v1/policies", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    assert listed.json()["items"] == []
    bad = await tenant.client.post("/api/v1/policies/simulate", json={**body, "days": 400}, headers=tenant.admin)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("days")


async def test_fifty_concurrent_calls_against_a_nearly_spent_cap_overshoot_by_at_most_one_estimate(tenant):
    agent, key = await active_agent(tenant)
    cap = 0.01
    await _policy(tenant, [{"id": "cap", "type": "spend_cap", "amount_usd": cap, "period": "month"}],
                  scope={"type": "agent", "value": agent["id"]})  # fmt: skip
    # Each call really costs 12 + 500 tokens at $1 / $2 per million = $0.001012; its estimate (its prompt and the
    # 1,024 tokens of output it may ask for) is about $0.00206.
    async with mock(completion_tokens=500, latency_ms=50) as upstream:
        await register(tenant, upstream, "local")
        for _ in range(7):  # $0.007084 spent: room for one more estimate, not two
            assert (await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)).status_code == 200
        await asyncio.sleep(0.2)  # real costs are settled beside the answers
        burst = await asyncio.gather(
            *(tenant.client.post("/v1/chat/completions", json=CHAT, headers=key) for _ in range(50))
        )
        await asyncio.sleep(0.2)
        after = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
    codes = sorted(r.status_code for r in burst)
    assert codes == [200] + [429] * 49
    refusals = [r.json() for r in burst if r.status_code == 429]
    assert {r["error"]["code"] for r in refusals} == {"spend_cap_exceeded"}
    estimate = refusals[0]["estimate_usd"]
    spent = after.json()["spent_usd"]
    assert spent == pytest.approx(8 * 0.001012)
    assert spent <= cap + estimate
