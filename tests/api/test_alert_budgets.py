"""Budgets watched by alerts: spend caps counted by the guard fire the built-in "Spend over budget" rule and
rules of one's own, and the attention list shows the caps reached or past their soft limit."""

from __future__ import annotations

import asyncio

import pytest

from tests.api.gateway_helpers import active_agent


async def _policy(tenant, name, rules, scope=None):
    body = {"organization_id": tenant.org_id, "name": name, "rules": rules, **({"scope": scope} if scope else {})}
    response = await tenant.client.post("/api/v1/policies", json=body, headers=tenant.admin)
    assert response.status_code == 201, response.text
    return response.json()


async def _spend(tenant, key, amount_usd):
    allowed = await tenant.client.post(
        "/api/v1/guard/check", json={"action": "api.call", "estimated_cost": amount_usd}, headers=key
    )
    assert allowed.json()["decision"] == "allow", allowed.text
    await asyncio.sleep(0.1)  # the allowed cost is counted beside the answer


async def _alerts(tenant, **params):
    listed = await tenant.client.get("/api/v1/alerts", params={"limit": 100, **params}, headers=tenant.admin)
    return listed.json()["items"]


async def test_spend_caps_fire_budget_alerts_and_show_in_attention(tenant):
    agent, key = await active_agent(tenant)
    await _policy(
        tenant, "team budget", [{"type": "spend_cap", "amount_usd": 10, "period": "day", "on_breach": "alert"}]
    )
    await _policy(
        tenant, "bot budget", [{"type": "spend_cap", "amount_usd": 20, "period": "day", "soft_limit_pct": 25}],
        scope={"type": "agent", "value": agent["name"]},
    )  # fmt: skip
    await _spend(tenant, key, 6.0)
    await _spend(tenant, key, 6.0)  # past the alerting cap, which lets it through
    judged = await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    assert judged.status_code == 200, judged.text

    [over] = [a for a in await _alerts(tenant) if a["title"].startswith("Spend over budget")]
    assert over["title"] == "Spend over budget: team budget ($10.00 per day)"
    assert over["subject_type"] == "spend_cap" and over["severity"] == "critical" and over["category"] == "cost"
    assert over["value"] == pytest.approx(1.2)
    assert "$12.00 spent of $10.00 (120%); it resets at " in over["summary"] and "is above 99.0%" in over["summary"]

    items = (
        await tenant.client.get("/api/v1/attention", params={"organization_id": tenant.org_id}, headers=tenant.admin)
    ).json()
    about_caps = [i for i in items if "budget" in i["title"]]
    # The reached cap is named once, by its alert; the agent's cap is past its soft limit, with no alert of its own.
    assert [(i["kind"], i["severity"]) for i in about_caps] == [("alert", "critical"), ("spend_cap", "warning")]
    soft = about_caps[1]
    assert soft["title"] == f"Budget: bot budget ($20.00 per day of agent {agent['name']})"
    assert soft["why"].startswith("Past 25% of the spend cap: $12.00 spent of $20.00 (60%)")
    assert soft["agent_id"] == agent["id"] and soft["links"]["policy"].startswith("/api/v1/policies/")

    # A rule of one's own, scoped to the agent, watches the agent's caps only.
    rule = await tenant.client.post(
        "/api/v1/alert-rules",
        json={"organization_id": tenant.org_id, "name": "Half the bot's budget", "metric": "budget_used",
              "scope": {"type": "agent", "value": agent["name"]}, "condition": "above", "threshold": 0.5,
              "severity": "warning", "category": "cost"},
        headers=tenant.admin,
    )  # fmt: skip
    assert rule.status_code == 201, rule.text
    await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    [mine] = await _alerts(tenant, rule_id=rule.json()["id"])
    assert mine["title"] == f"Half the bot's budget: bot budget ($20.00 per day of agent {agent['name']})"
    assert mine["agent_id"] == agent["id"] and mine["value"] == pytest.approx(0.6)


async def test_a_blocking_cap_reached_needs_attention_until_an_alert_says_so(tenant):
    _, key = await active_agent(tenant)
    await _policy(tenant, "hard budget", [{"type": "spend_cap", "amount_usd": 5, "period": "month"}])
    await _spend(tenant, key, 5.0)
    refused = await tenant.client.post(
        "/api/v1/guard/check", json={"action": "api.call", "estimated_cost": 0.5}, headers=key
    )
    assert refused.json()["decision"] == "deny"
    items = (
        await tenant.client.get("/api/v1/attention", params={"organization_id": tenant.org_id}, headers=tenant.admin)
    ).json()
    [cap] = [i for i in items if i["kind"] == "spend_cap"]
    assert cap["severity"] == "high" and cap["title"] == "Budget: hard budget ($5.00 per month)"
    assert "Spend cap reached: $5.00 spent of $5.00 (100%)" in cap["why"] and "are refused" in cap["why"]
    await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    items = (
        await tenant.client.get("/api/v1/attention", params={"organization_id": tenant.org_id}, headers=tenant.admin)
    ).json()
    assert [i["kind"] for i in items if "budget" in i["title"]] == ["alert"]
