"""Alerts and providers in the dashboard against a real AMS: a rule judged on the fleet's telemetry fires an alert
that someone acknowledges with its evidence in view; the gateway's providers with their health, the comparison of
models, the cost forecast and a route edited; a provider registered through the editor, and the capability matrix."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.agents import active_agent, chat
from tests.e2e.conftest import screenshot, sign_in
from tests.integration.conftest import Server
from tests.integration.gateway_support import admin_client


def test_a_rule_fires_on_the_fleet_and_the_alert_is_acknowledged(page: Page, ams: Server) -> None:
    with admin_client(ams) as admin:
        rule = admin.post("/api/v1/alert-rules", json={
            "name": "Reconciler failing", "metric": "error_rate", "window": "24h", "condition": "above",
            "threshold": 0.1, "min_tasks": 1, "severity": "high", "category": "performance",
            "scope": {"type": "agent", "value": "billing-reconciler"}})  # fmt: skip
        assert rule.status_code == 201, rule.text

    sign_in(page)
    page.get_by_role("link", name="Alerts", exact=True).click()
    title = "Reconciler failing: billing-reconciler"
    open_alerts = page.get_by_role("list", name="Firing and acknowledged")
    expect(open_alerts.or_(page.get_by_text("Nothing is firing"))).to_be_visible()
    expect(page.get_by_role("status", name="Live updates: Live")).to_be_visible()
    with admin_client(ams) as admin:  # judged behind the page's back: the live stream brings the alert in
        assert admin.post("/api/v1/alert-rules/evaluate").json()["opened"] >= 1
    expect(open_alerts).to_contain_text(title, timeout=5_000)  # pages poll every 60 s while the stream is live

    page.get_by_role("link", name="Rules", exact=True).click()
    rules = page.get_by_role("table", name="Alert rules")
    expect(rules).to_contain_text("error_rate above 0.1 over 24h")
    page.get_by_role("button", name="Judge now").click()
    expect(page.get_by_role("status").filter(has_text=re.compile(r"\d+ alerts? opened"))).to_be_visible()
    screenshot(page, "alert-rules")

    page.get_by_role("link", name=re.compile(r"^Alerts \(\d+ firing\)$")).click()
    expect(open_alerts).to_contain_text(title)
    open_alerts.get_by_role("button", name=f"Evidence of {title}").click()
    evidence = page.locator("div").filter(has=page.get_by_role("heading", name="Example tasks")).last
    expect(evidence.get_by_role("link").first).to_have_attribute("href", re.compile(r"^/traces/[0-9a-f]{32}$"))
    screenshot(page, "alerts")

    open_alerts.get_by_role("button", name=f"Acknowledge {title}").click()
    dialog = page.get_by_role("dialog", name=f"Acknowledge “{title}”?")
    dialog.get_by_label("Reason (kept in the audit trail)").fill("looking at the ledger API")
    dialog.get_by_role("button", name="Acknowledge").click()
    expect(dialog).to_be_hidden()
    row = open_alerts.get_by_role("listitem").filter(has_text=title)
    expect(row).to_contain_text("acknowledged by admin@ams.test")
    expect(row.get_by_role("button", name=f"Acknowledge {title}")).to_have_count(0)

    with admin_client(ams) as admin:
        alerts = admin.get("/api/v1/alerts", params={"rule_id": rule.json()["id"]}).json()["items"]
    assert [(a["status"], a["comment"]) for a in alerts] == [("acknowledged", "looking at the ledger API")]


def test_providers_with_health_comparison_costs_and_routes(page: Page, ams: Server, alias: str) -> None:
    agent = active_agent(ams, "ticket-writer")
    for _ in range(3):
        answer = chat(ams, agent, alias)
        assert answer.status_code == 200, answer.text

    sign_in(page)
    page.get_by_role("link", name="Providers", exact=True).click()
    providers = page.get_by_role("table", name="Providers")
    expect(providers).to_contain_text("mock-openai")
    expect(providers).to_contain_text("Healthy")
    providers.get_by_role("button", name="Health of mock-openai").click()
    expect(page.get_by_role("table", name="Health of mock-openai's models")).to_contain_text("gpt-4o-mini")
    screenshot(page, "providers")

    page.get_by_role("link", name="Compare models").click()
    compare = page.get_by_role("table", name="Providers and models compared")
    expect(compare.get_by_role("row").filter(has_text="claude-sonnet-4-5")).to_be_visible()
    expect(compare.get_by_role("row").filter(has_text="mock-openai")).to_contain_text("gpt-4o-mini")
    screenshot(page, "provider-compare")

    page.get_by_role("link", name="Cost and forecast").click()
    expect(page.get_by_text("Month-end forecast")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Cost per day by provider"))).to_be_visible()
    screenshot(page, "costs")

    page.get_by_role("link", name="Routes", exact=True).click()
    routes = page.get_by_role("table", name="Model routes")
    expect(routes).to_contain_text("mock-openai / gpt-4o-mini")
    routes.get_by_role("button", name=f"Edit route {alias}").click()
    dialog = page.get_by_role("dialog", name=f"Edit route {alias}")
    dialog.get_by_label("Retries").fill("4")
    dialog.get_by_role("button", name="Save route").click()
    expect(dialog).to_be_hidden()
    expect(routes).to_contain_text("4 retries")

    # A second provider through the editor, pointed at the same mock server.
    with admin_client(ams) as admin:
        registered = {p["name"]: p for p in admin.get("/api/v1/providers").json()["items"]}
    mock_url = registered["mock-openai"]["base_url"]
    page.get_by_role("link", name="Providers and health").click()
    page.get_by_role("button", name="New provider").click()
    editor = page.get_by_role("dialog", name="New provider")
    editor.get_by_label("Name", exact=True).fill("mock-compatible")
    editor.get_by_label("Kind").select_option("openai_compatible")
    editor.get_by_label("Base URL").fill(mock_url)
    editor.get_by_label("API key").fill("sk-second")
    editor.get_by_role("button", name="Add a model").click()
    editor.get_by_label("Name of model 1").fill("gpt-4o")
    editor.get_by_label("Context window of model 1").fill("128000")
    editor.get_by_role("group", name="Capabilities of model 1").get_by_label("Tools").check()
    editor.get_by_label("Input price of model 1 (USD per million tokens)").fill("2.5")
    editor.get_by_label("Output price of model 1 (USD per million tokens)").fill("10")
    editor.get_by_label("Requests per minute").fill("300")
    screenshot(page, "provider-editor")
    editor.get_by_role("button", name="Create provider").click()
    expect(editor).to_be_hidden()
    row = providers.get_by_role("row").filter(has_text="mock-compatible")
    expect(row).to_contain_text(mock_url)
    expect(row).to_contain_text("gpt-4o")
    with admin_client(ams) as admin:
        created = next(p for p in admin.get("/api/v1/providers").json()["items"] if p["name"] == "mock-compatible")
    assert created["has_api_key"] is True
    assert created["limits"]["requests_per_minute"] == 300
    assert created["models"] == [{"name": "gpt-4o", "context_window": 128000,
                                  "capabilities": ["chat", "streaming", "tools"],
                                  "input_per_mtok": 2.5, "output_per_mtok": 10.0}]  # fmt: skip

    page.get_by_role("link", name="Capabilities", exact=True).click()
    matrix = page.get_by_role("table", name="Capabilities of the registered models")
    expect(matrix.get_by_role("row").filter(has_text="mock-compatible")).to_contain_text("128k")
    expect(matrix.get_by_role("row").filter(has_text="mock-compatible")).to_contain_text("$2.50")
    screenshot(page, "capabilities")
