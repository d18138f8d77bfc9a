"""Governance in the dashboard against a real AMS: a paused agent's gateway call refused, a deny rule written in
the policy editor and its "Why?" found in the trace waterfall, the emergency stop pressed and released, an approval
answered. The agents call AMS from the test with their own keys, as agents do; the gateway's upstream is a real
local mock provider."""

from __future__ import annotations

import os
import re

from playwright.sync_api import Page, expect

from tests.e2e.agents import active_agent, admin_client, chat, eventually, guard
from tests.e2e.conftest import screenshot, sign_in
from tests.integration.conftest import Server


def test_pause_an_agent_and_its_next_gateway_call_is_refused(page: Page, ams: Server, alias: str) -> None:
    agent = active_agent(ams, "ticket-summarizer")
    served = chat(ams, agent, alias)
    assert served.status_code == 200, served.text

    sign_in(page)
    page.goto(f"/agents/{agent.id}")
    page.get_by_role("group", name="Lifecycle actions").get_by_role("button", name="Pause").click()
    dialog = page.get_by_role("dialog", name=f"Pause {agent.name}?")
    dialog.get_by_label("Reason (kept in the audit trail)").fill("prompt injection suspected")
    dialog.get_by_role("button", name="Pause").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", name=re.compile(agent.name)).get_by_text("Paused")).to_be_visible()

    refused = eventually(lambda: (r := chat(ams, agent, alias)).status_code == 403 and r)
    assert refused, "the paused agent's gateway call was not refused"
    assert "paused" in refused.json()["detail"]


def test_a_deny_rule_written_in_the_policy_editor_explains_its_refusal(page: Page, ams: Server) -> None:
    agent = active_agent(ams, "db-janitor")
    sign_in(page)
    page.get_by_role("link", name="Governance").click()
    expect(page.get_by_text("No policies yet")).to_be_visible()
    page.get_by_role("link", name="New policy").click()
    form = page.get_by_role("form", name="New policy")
    form.get_by_label("Name").fill("No destructive database tools")
    form.get_by_label("Applies to").select_option("agent")
    form.get_by_label("Agent (id or name)").fill(agent.name)
    form.get_by_label("Type of rule 1").select_option("tool_deny")
    form.get_by_label("Id of rule 1").fill("no-drop")
    form.get_by_label("Actions").fill("db.drop_*\ndb.truncate")
    screenshot(page, "policy-editor")
    form.get_by_role("button", name="Create policy").click()
    expect(page.get_by_role("form", name="Policy No destructive database tools")).to_be_visible()
    expect(page.get_by_role("list", name="Policy versions")).to_contain_text("no-drop deny db.drop_*, db.truncate")

    page.get_by_role("link", name="Policies", exact=True).click()
    policies = page.get_by_role("table", name="Policies")
    expect(policies.get_by_role("link", name="No destructive database tools")).to_be_visible()
    expect(policies).to_contain_text(f"Agent {agent.name}")
    screenshot(page, "governance")

    trace_id = os.urandom(16).hex()
    decision = eventually(
        lambda: (r := guard(ams, agent, "db.drop_table", trace_id, table="users")).json()["decision"] == "deny" and r
    )
    assert decision, "the new policy did not deny"
    [reason] = decision.json()["reasons"]
    assert reason["rule_id"] == "no-drop" and reason["policy_name"] == "No destructive database tools"
    with admin_client(ams) as admin:
        assert eventually(lambda: admin.get(f"/api/v1/traces/{trace_id}").status_code == 200), "no trace of the check"

    page.goto(f"/traces/{trace_id}")
    tree = page.get_by_role("tree", name="Spans of this trace")
    span = tree.get_by_role("treeitem", name=re.compile("guard db.drop_table"))
    expect(span.get_by_label("denied")).to_be_visible()
    span.click()
    why = page.get_by_role("region", name="Guard decision")
    expect(why.get_by_role("heading")).to_contain_text("Denied — why?")
    reasons = why.get_by_role("list", name="Why?")
    expect(reasons).to_contain_text(reason["message"])
    expect(reasons).to_contain_text("Policy No destructive database tools v1 · rule no-drop (tool deny)")
    screenshot(page, "trace-guard")

    # The same rule as a draft, replayed over what was recorded: the denied check is found again, with its reason.
    page.get_by_role("link", name="Governance").click()
    page.get_by_role("link", name="New policy").click()
    form = page.get_by_role("form", name="New policy")
    form.get_by_label("Type of rule 1").select_option("tool_deny")
    form.get_by_label("Actions").fill("db.drop_*")
    page.get_by_label("Replay the last").select_option("1")
    page.get_by_role("button", name="Simulate").click()
    result = page.get_by_role("region", name="Simulation result")
    expect(result).to_contain_text("Denied1")
    expect(result).to_contain_text("db.drop_table")
    expect(result).to_contain_text("db.drop_table is on the deny-list (db.drop_*)")
    screenshot(page, "policy-simulate")


def test_press_the_emergency_stop_and_release_it(page: Page, ams: Server) -> None:
    agent = active_agent(ams, "payments-bot")
    assert guard(ams, agent, "payments.lookup").json()["decision"] == "allow"

    sign_in(page)
    page.get_by_role("link", name="Governance").click()
    page.get_by_role("button", name="Emergency stop").click()
    dialog = page.get_by_role("dialog", name="Engage the emergency stop?")
    dialog.get_by_label("What to stop").select_option("agent")
    dialog.get_by_label("Agent (id or name)").fill(agent.name)
    dialog.get_by_label("Reason (kept in the audit trail)").fill("refunds going to the wrong accounts")
    dialog.get_by_role("button", name="Stop now").click()
    expect(dialog).to_be_hidden()
    stops = page.get_by_role("region", name="Emergency stops in force")
    expect(stops).to_contain_text(f"Agent {agent.name}")
    expect(stops).to_contain_text("“refunds going to the wrong accounts” — admin@ams.test")
    screenshot(page, "emergency-stop")

    refused = eventually(lambda: (r := guard(ams, agent, "payments.lookup")).status_code == 403 and r)
    assert refused, "a guard check passed during the stop"
    assert "refunds going to the wrong accounts" in refused.json()["detail"]

    # Every page says so while it lasts, and leads back to the stops.
    page.get_by_role("link", name="Fleet Command").click()
    banner = page.get_by_role("status", name="Emergency stop in force")
    expect(banner).to_contain_text(f"agent {agent.name}: “refunds going to the wrong accounts”")
    banner.get_by_role("link", name="See and release").click()

    stops.get_by_role("button", name=f"Release the stop of agent {agent.name}").click()
    release = page.get_by_role("dialog", name="Release this emergency stop?")
    release.get_by_label("Reason (kept in the audit trail)").fill("payouts fixed")
    release.get_by_role("button", name="Release").click()
    expect(stops).to_be_hidden()
    allowed = eventually(lambda: (r := guard(ams, agent, "payments.lookup")).status_code == 200 and r)
    assert allowed and allowed.json()["decision"] == "allow"

    page.get_by_role("link", name="Emergency stops").click()
    expect(page.get_by_text("released by admin@ams.test: “payouts fixed”")).to_be_visible()


def test_answer_an_approval_the_agent_waits_for(page: Page, ams: Server) -> None:
    agent = active_agent(ams, "refund-agent")
    with admin_client(ams) as admin:
        policy = admin.post("/api/v1/policies", json={
            "name": "Refunds need a person", "scope": {"type": "agent", "value": agent.id},
            "rules": [{"type": "approval", "id": "refunds", "actions": ["payments.refund"]}]})  # fmt: skip
        assert policy.status_code == 201, policy.text
    sign_in(page)
    page.goto("/governance/approvals")
    expect(page.get_by_text("Nothing waits for approval")).to_be_visible()
    expect(page.get_by_role("status", name="Live updates: Live")).to_be_visible()
    asked = eventually(
        lambda: (r := guard(ams, agent, "payments.refund", amount=420)).json()["decision"] == "require_approval" and r
    )
    assert asked, "the approval gate did not hold the action"
    approval_id = asked.json()["approval"]["id"]

    pending = page.get_by_role("list", name="Pending approvals")
    # Asked while the queue is open: the live stream brings it in (the page polls every 60 s while it is live).
    expect(pending).to_contain_text("payments.refund", timeout=5_000)
    expect(pending.get_by_label("Arguments")).to_contain_text('"amount": 420')
    expect(pending.get_by_role("list", name="Reasons")).to_contain_text("Refunds need a person")
    screenshot(page, "approvals")
    pending.get_by_role("button", name="Approve payments.refund").click()
    dialog = page.get_by_role("dialog", name="Approve payments.refund?")
    dialog.get_by_label("Reason (kept in the audit trail)").fill("customer verified by phone")
    dialog.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("list", name="Answered approvals")).to_contain_text("Approved by admin@ams.test")

    with admin_client(ams) as admin:
        answered = admin.get(f"/api/v1/approvals/{approval_id}").json()
    assert answered["status"] == "approved" and answered["comment"] == "customer verified by phone"
