"""The `ams` command against a running server: login, keys, agents and their lifecycle."""

import httpx
import pytest

from tests.integration.conftest import ADMIN_EMAIL, ADMIN_PASSWORD, Server


# One server per backend for the module: its tests make users, agents and keys of their own names.
@pytest.fixture(scope="module")
def server(module_server: Server) -> Server:
    return module_server


def test_login_then_agents_and_keys(server):
    done = server.cli("login", "--email", ADMIN_EMAIL, "--password", ADMIN_PASSWORD)
    assert "Logged in" in done.stdout
    made = server.cli(
        "agents",
        "create",
        "--name",
        "cli-bot",
        "--platform",
        "webhook",
        "--config",
        '{"url": "https://hooks.example/run"}',
        "--tag",
        "ops",
        "--capability",
        "triage",
        "--json",
    )
    assert made["lifecycle_state"] == "registered" and made["tags"] == ["ops"]
    refused = server.cli("agents", "create", "--name", "broken", "--platform", "n8n", check=False)
    assert refused.returncode == 1 and "configuration.webhook_url: required" in refused.stderr

    for action, state in [
        ("provision", "provisioning"),
        ("deploy", "active"),
        ("pause", "paused"),
        ("resume", "active"),
    ]:
        moved = server.cli("agents", action, "cli-bot", "--reason", f"cli {action}", "--json")
        assert moved["lifecycle_state"] == state
    invalid = server.cli("agents", "provision", "cli-bot", check=False)
    assert invalid.returncode == 1 and "allowed from active" in invalid.stderr

    listed = server.cli("agents", "list", "--tag", "ops", "--json")
    assert [a["name"] for a in listed] == ["cli-bot"]
    table = server.cli("agents", "list")
    assert "cli-bot" in table.stdout and "active" in table.stdout
    shown = server.cli("agents", "show", "cli-bot", "--json")
    assert shown["state_reason"] == "cli resume"

    key = server.cli("keys", "create", "--agent", made["id"], "--name", "bot-key", "--json")
    assert key["key"].startswith("ams_")
    keys = server.cli("keys", "list", "--json")
    assert [k["prefix"] for k in keys] == [key["prefix"]]
    assert key["key"] not in server.cli("keys", "list").stdout
    status = httpx.get(
        f"{server.url}/api/v1/agents/{made['id']}/status", headers={"Authorization": f"Bearer {key['key']}"}
    )
    assert status.status_code == 200 and status.json()["lifecycle_state"] == "active"

    retired = server.cli("agents", "retire", "cli-bot", "--reason", "done", "--json")
    assert retired["lifecycle_state"] == "decommissioned"
    status = httpx.get(
        f"{server.url}/api/v1/agents/{made['id']}/status", headers={"Authorization": f"Bearer {key['key']}"}
    )
    assert status.status_code == 401
    project = httpx.get(f"{server.url}/api/v1/projects", headers={"Authorization": f"Bearer {server.login()}"}).json()[
        0
    ]["id"]
    project_key = server.cli("keys", "create", "--project", project, "--role", "viewer", "--json")
    revoked = server.cli("keys", "revoke", project_key["id"], "--json")
    assert revoked["revoked_at"] is not None
    assert server.cli("keys", "list", "--all", "--json")[0]["revoked_at"] is not None

    server.cli("logout")
    unauthenticated = server.cli("agents", "list", check=False)
    assert unauthenticated.returncode == 1 and "not logged in" in unauthenticated.stderr


def test_admin_create_user_then_login(server):
    org = httpx.get(f"{server.url}/api/v1/organizations", headers={"Authorization": f"Bearer {server.login()}"}).json()[
        0
    ]
    made = server.cli(
        "admin",
        "create-user",
        "--email",
        "ops@ams.test",
        "--password",
        "ops-password",
        "--organization",
        org["slug"],
        "--role",
        "operator",
        "--json",
    )
    assert made["email"] == "ops@ams.test"
    token = server.login("ops@ams.test", "ops-password")
    me = httpx.get(f"{server.url}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["memberships"][0]["role"] == "operator"
    again = server.cli("admin", "create-user", "--email", "ops@ams.test", "--password", "ops-password", check=False)
    assert again.returncode == 1 and "exists" in again.stderr
    server.cli("admin", "reset-password", "--email", "ops@ams.test", "--password", "new-password-2")
    assert server.login("ops@ams.test", "new-password-2")


def test_errors_from_the_cli_are_readable(server):
    token = server.login()
    missing = server.cli("agents", "show", "agt_nope", token=token, check=False)
    assert missing.returncode == 1 and "Not found (404): agent agt_nope not found" in missing.stderr
    unreachable = server.cli("agents", "list", "--url", "http://127.0.0.1:1", token=token, check=False)
    assert unreachable.returncode == 1 and "cannot reach AMS" in unreachable.stderr
