"""Someone edits or deletes audit rows directly in the database: `ams audit verify` and the API name them.

The tests share one server per backend; each tampers with the trail of an organization of its own, and checks
that organization's chain."""

import secrets

import httpx
import pytest

from tests.integration.conftest import Server
from tests.integration.stores import ControlDatabase


@pytest.fixture(scope="module")
def server(module_server: Server) -> Server:
    return module_server


@pytest.fixture
def trail(server):
    headers = {"Authorization": f"Bearer {server.login()}"}
    org = httpx.post(
        f"{server.url}/api/v1/organizations", json={"name": f"Org {secrets.token_hex(3)}"}, headers=headers
    )
    assert org.status_code == 201, org.text
    org_id = org.json()["id"]
    project = httpx.post(
        f"{server.url}/api/v1/projects", json={"organization_id": org_id, "name": "Main"}, headers=headers
    ).json()
    agent = httpx.post(
        f"{server.url}/api/v1/agents",
        json={"name": "watched", "platform": "custom", "project_id": project["id"]},
        headers=headers,
    ).json()
    for action in ("provision", "deploy", "pause"):
        httpx.post(f"{server.url}/api/v1/agents/{agent['id']}/{action}", json={"reason": action}, headers=headers)
    entries = httpx.get(
        f"{server.url}/api/v1/audit", params={"organization_id": org_id, "limit": 100}, headers=headers
    ).json()["items"]
    return {
        "headers": headers,
        "org_id": org_id,
        "by_action": {e["action"]: e for e in entries},
        "db": ControlDatabase(server.tmp_data_dir, server.env.get("AMS_DATABASE_URL")),
    }


def _verify(server, trail, *args):
    return server.cli("audit", "verify", "--organization", trail["org_id"], *args, check=False)


def test_intact_trail_verifies(server, trail):
    done = _verify(server, trail)
    assert done.returncode == 0 and "intact" in done.stdout


def test_edited_row_is_named(server, trail):
    victim = trail["by_action"]["agent.deploy"]
    trail["db"].execute(
        "UPDATE audit_entries SET summary = ? WHERE id = ?",
        ['{"after":{"state":"active"},"before":{"state":"provisioning"},"reason":"nothing to see"}', victim["id"]],
    )
    done = _verify(server, trail, "--json")
    assert done.returncode == 1
    broken = _verify(server, trail)
    assert victim["id"] in broken.stdout and "BROKEN" in broken.stdout
    assert f"entry #{victim['seq']}" in broken.stdout and "changed" in broken.stdout
    report = httpx.get(
        f"{server.url}/api/v1/audit/verify", params={"organization_id": trail["org_id"]}, headers=trail["headers"]
    ).json()
    assert report[0]["ok"] is False
    assert report[0]["first_break"] == {
        "seq": victim["seq"],
        "entry_id": victim["id"],
        "reason": "its content was changed after it was written",
    }


def test_edited_actor_is_named(server, trail):
    victim = trail["by_action"]["agent.pause"]
    trail["db"].execute("UPDATE audit_entries SET actor_label = ? WHERE id = ?", ["someone-else", victim["id"]])
    broken = server.cli("audit", "verify", check=False)  # every organization: each broken chain is named
    assert broken.returncode == 1 and victim["id"] in broken.stdout


def test_deleted_row_is_named(server, trail):
    victim = trail["by_action"]["agent.provision"]
    trail["db"].execute("DELETE FROM audit_entries WHERE id = ?", [victim["id"]])
    broken = _verify(server, trail)
    assert broken.returncode == 1
    assert f"entry #{victim['seq']}" in broken.stdout and "deleted" in broken.stdout


def test_deleted_newest_row_is_caught(server, trail):
    newest = trail["by_action"]["agent.pause"]
    trail["db"].execute("DELETE FROM audit_entries WHERE id = ?", [newest["id"]])
    broken = _verify(server, trail)
    assert broken.returncode == 1 and "newest" in broken.stdout
