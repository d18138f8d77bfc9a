"""What a user does in the dashboard, end to end: sign in, read the fleet, act on an agent, read a trace,
make an API key, check the audit trail."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from tests.e2e import fleet_data
from tests.e2e.conftest import screenshot, sign_in
from tests.integration.conftest import ADMIN_EMAIL, Server


def test_sign_in_and_see_the_fleet_heatmap(page: Page) -> None:
    page.goto("/agents")
    # Not signed in: the app sends the user to the login form, and back where they were headed afterwards.
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fagents$"))
    screenshot(page, "login")
    page.get_by_label("Email").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("password")

    sign_in(page)
    heatmap = page.get_by_role("table", name=re.compile("Agents against their KPIs"))
    for agent in fleet_data.FLEET:
        expect(heatmap.get_by_role("link", name=agent.name, exact=True)).to_be_visible()
    # billing-reconciler fails far more today than in the week before: its error-rate cell says so.
    errors = heatmap.get_by_role(
        "link", name=re.compile(r"^billing-reconciler: Error rate .* much worse than the baseline")
    )
    expect(errors).to_have_attribute("data-severity", "bad")
    expect(page.get_by_text("5 active")).to_be_visible()
    screenshot(page, "fleet")


def test_open_an_agent_and_pause_it_with_a_reason(page: Page) -> None:
    sign_in(page)
    page.get_by_role("link", name="Agents", exact=True).click()
    table = page.get_by_role("table", name="Agents", exact=True)
    expect(table.get_by_role("link", name="support-triage", exact=True)).to_be_visible()
    expect(table.get_by_role("img", name="Tasks per hour of support-triage", exact=True)).to_be_visible()
    screenshot(page, "agents")

    table.get_by_role("link", name="support-triage", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("support-triage"))).to_be_visible()
    expect(page.get_by_text("Success rate")).to_be_visible()
    screenshot(page, "agent")

    page.get_by_role("group", name="Lifecycle actions").get_by_role("button", name="Pause").click()
    dialog = page.get_by_role("dialog", name="Pause support-triage?")
    dialog.get_by_label("Reason (kept in the audit trail)").fill("cost spike under investigation")
    dialog.get_by_role("button", name="Pause").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", name=re.compile("support-triage")).get_by_text("Paused")).to_be_visible()
    expect(page.get_by_text("“cost spike under investigation”")).to_be_visible()
    # Paused, the agent may only be resumed (or quarantined, retired): pausing again is not offered.
    actions = page.get_by_role("group", name="Lifecycle actions")
    expect(actions.get_by_role("button", name="Resume")).to_be_visible()
    expect(actions.get_by_role("button", name="Pause")).to_have_count(0)

    page.get_by_role("link", name="Audit", exact=True).click()
    expect(page.get_by_role("cell", name="agent.pause")).to_be_visible()


def test_open_a_trace_waterfall_with_llm_and_tool_spans(page: Page) -> None:
    sign_in(page)
    page.get_by_role("link", name="Traces", exact=True).click()
    expect(page.get_by_role("heading", name="Traces", exact=True)).to_be_visible()
    page.get_by_role("combobox", name="Agent", exact=True).select_option(label="code-reviewer")
    rows = page.get_by_role("table", name="Traces, newest first").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("code-reviewer")
    screenshot(page, "traces")

    rows.nth(1).get_by_role("link").first.click()
    tree = page.get_by_role("tree", name="Spans of this trace")
    expect(tree.get_by_role("treeitem").first).to_contain_text("invoke_agent code-reviewer")
    llm = tree.get_by_role("treeitem", name=re.compile("chat gpt-4.1")).first
    expect(llm).to_contain_text(re.compile(r"tok · \$"))
    expect(tree.get_by_role("treeitem", name=re.compile("read_diff")).first).to_be_visible()
    llm.click()
    detail = page.get_by_label(re.compile("^Span chat gpt-4.1"))
    expect(detail.get_by_text("openai / gpt-4.1")).to_be_visible()
    expect(detail.get_by_text(re.compile(r"in · .* out"))).to_be_visible()
    expect(detail.get_by_text("Input", exact=True)).to_be_visible()
    screenshot(page, "trace")


def test_new_traces_appear_without_a_reload(page: Page, ams: Server) -> None:
    sign_in(page)
    page.get_by_role("link", name="Traces", exact=True).click()
    expect(page.get_by_role("status", name="Live updates: Live")).to_be_visible()
    headers = {"Authorization": f"Bearer {ams.login()}"}
    project = httpx.get(f"{ams.url}/api/v1/projects", headers=headers).json()[0]["id"]
    key = httpx.post(f"{ams.url}/api/v1/api-keys", json={"project_id": project, "role": "agent_owner"}, headers=headers)
    table = page.get_by_role("table", name="Traces, newest first")
    expect(table.get_by_role("row").nth(1)).to_be_visible()
    body, trace_id = fleet_data.one_task("doc-summarizer")
    httpx.post(
        f"{ams.url}/v1/traces",
        content=body,
        headers={"Authorization": f"Bearer {key.json()['key']}", "Content-Type": "application/x-protobuf"},
    ).raise_for_status()
    # The live stream tells the page a trace landed; the list refreshes itself.
    expect(table.get_by_role("row").nth(1)).to_contain_text(trace_id[:16])


def test_create_an_api_key_shown_once(page: Page) -> None:
    sign_in(page)
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("link", name="API keys").click()
    page.get_by_role("button", name="Create key").click()
    dialog = page.get_by_role("dialog", name="Create an API key")
    dialog.get_by_label("Name").fill("ci exporter")
    dialog.get_by_role("button", name="Create key").click()
    shown = page.get_by_role("dialog", name="Your new API key")
    expect(shown).to_contain_text("shown only this once")
    key = shown.get_by_test_id("new-api-key").inner_text()
    assert key.startswith("ams_") and len(key) > 30
    screenshot(page, "api-key")
    shown.get_by_role("button", name="I have saved it").click()

    keys = page.get_by_role("table", name="API keys")
    row = keys.get_by_role("row").filter(has_text="ci exporter")
    expect(row).to_contain_text(key[:8])
    expect(page.get_by_text(key)).to_have_count(0)
    screenshot(page, "settings")


def test_filter_the_audit_log_and_see_the_chain_verified(page: Page) -> None:
    sign_in(page)
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("status").filter(has_text="Chain verified")).to_be_visible()
    page.get_by_label("Action").fill("agent.deploy")
    table = page.get_by_role("table", name="Audit entries, newest first")
    expect(table.get_by_role("row")).to_have_count(len(fleet_data.FLEET) + 1)
    for action in table.get_by_role("row").all()[1:]:
        expect(action).to_contain_text("agent.deploy")
    expect(table).to_contain_text("state: provisioning → active")
    screenshot(page, "audit")


def test_a_quarantined_agent_needs_attention(page: Page, ams: Server) -> None:
    token = ams.login()
    headers = {"Authorization": f"Bearer {token}"}
    httpx.post(
        f"{ams.url}/api/v1/agents/lead-qualifier/quarantine", json={"reason": "leaked a customer list"}, headers=headers
    ).raise_for_status()
    sign_in(page)
    attention = page.get_by_role("list", name="Most urgent problems")
    item = attention.get_by_role("link", name="Quarantined: lead-qualifier")
    expect(item).to_be_visible()
    expect(attention).to_contain_text("leaked a customer list")
    item.click()
    expect(page.get_by_role("heading", name=re.compile("lead-qualifier")).get_by_text("Quarantined")).to_be_visible()
