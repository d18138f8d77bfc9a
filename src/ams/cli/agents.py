"""`ams agents`: the agent registry and lifecycle, through the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import typer

from ams.cli.client import Client, TokenOption, UrlOption
from ams.cli.output import JsonOption, console, fail, print_json, record, table

app = typer.Typer(help="List, inspect, create and move agents through their lifecycle.")

LIST_COLUMNS = [
    ("id", "Id"),
    ("name", "Name"),
    ("platform", "Platform"),
    ("lifecycle_state", "State"),
    ("health", "Health"),
    ("current_version", "Version"),
    ("tags", "Tags"),
    ("updated_at", "Updated"),
]
SHOW_FIELDS = [
    ("id", "Id"),
    ("name", "Name"),
    ("project_id", "Project"),
    ("platform", "Platform"),
    ("description", "Description"),
    ("owner_id", "Owner"),
    ("lifecycle_state", "State"),
    ("state_reason", "Reason"),
    ("allowed_actions", "Can"),
    ("health", "Health"),
    ("activity", "Activity"),
    ("current_version", "Version"),
    ("tags", "Tags"),
    ("capabilities", "Capabilities"),
    ("configuration", "Configuration"),
    ("limits", "Limits"),
    ("created_at", "Created"),
    ("updated_at", "Updated"),
]
ProjectOption = typer.Option(None, "--project", help="Project id (needed when a name is used in several).")


def _path(agent: str, suffix: str = "") -> str:
    return f"/api/v1/agents/{quote(agent, safe='')}{suffix}"


def _show(agent: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(agent)
    else:
        record(agent, SHOW_FIELDS)


@app.command("list")
def list_agents(
    state: list[str] = typer.Option([], help="Lifecycle state (repeatable)."),
    platform: list[str] = typer.Option([], help="Platform (repeatable)."),
    tag: list[str] = typer.Option([], help="Tag the agents must have (repeatable)."),
    capability: list[str] = typer.Option([], help="Capability the agents must have (repeatable)."),
    health: list[str] = typer.Option([], help="Health (repeatable)."),
    owner: str | None = typer.Option(None, help="Owner user id, or `me`."),
    q: str | None = typer.Option(None, "--search", "-q", help="Text in the name or description."),
    project: str | None = ProjectOption,
    sort: str = typer.Option("name", help="Sort field; prefix - for descending."),
    limit: int = typer.Option(100, help="At most this many."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """List agents, filtered and sorted."""
    page = Client(url, token).get(
        "/api/v1/agents",
        state=state,
        platform=platform,
        tag=tag,
        capability=capability,
        health=health,
        owner=owner,
        q=q,
        project_id=project,
        sort=sort,
        limit=limit,
    )
    if as_json:
        print_json(page["items"])
    else:
        table(page["items"], LIST_COLUMNS, title="Agents")
        if page["next_cursor"]:
            console.print(f"More agents exist; raise --limit (now {limit}) or filter.")


@app.command()
def show(
    agent: str = typer.Argument(..., help="Agent id or name."),
    project: str | None = ProjectOption,
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """Show one agent."""
    _show(Client(url, token).get(_path(agent), project_id=project), as_json)


def _configuration(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    source = Path(text[1:]).read_text() if text.startswith("@") else text
    try:
        value = json.loads(source)
    except ValueError as exc:
        fail(f"--config is not JSON: {exc}")
    if not isinstance(value, dict):
        fail("--config must be a JSON object")
    return value


@app.command()
def create(
    name: str = typer.Option(..., help="Unique within its project."),
    platform: str = typer.Option(..., help="langchain, langgraph, crewai, n8n, make, zapier, webhook or custom."),
    config: str | None = typer.Option(None, "--config", help="Configuration as JSON, or @file.json."),
    description: str = typer.Option("", help="What the agent does."),
    tag: list[str] = typer.Option([], help="Tag (repeatable)."),
    capability: list[str] = typer.Option([], help="Capability (repeatable)."),
    project: str | None = ProjectOption,
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """Register an agent; its configuration is validated for its platform."""
    body = {
        "name": name,
        "platform": platform,
        "configuration": _configuration(config),
        "description": description,
        "tags": tag,
        "capabilities": capability,
        "project_id": project,
    }
    _show(Client(url, token).post("/api/v1/agents", {k: v for k, v in body.items() if v is not None}), as_json)


def _lifecycle(action: str, help_text: str, takes_version: bool = False) -> None:
    def command(
        agent: str = typer.Argument(..., help="Agent id or name."),
        reason: str = typer.Option("", help="Why; kept in the audit trail."),
        version: str | None = typer.Option(None, help="Version to serve (id or number).", hidden=not takes_version),
        project: str | None = ProjectOption,
        as_json: bool = JsonOption,
        url: str | None = UrlOption,
        token: str | None = TokenOption,
    ) -> None:
        body: dict[str, Any] = {"reason": reason}
        if version is not None:
            body["version"] = version
        suffix = f"/{action}" + (f"?project_id={quote(project)}" if project else "")
        result = Client(url, token).post(_path(agent, suffix), body)
        if as_json:
            print_json(result)
        else:
            console.print(f"{result['name']} is now {result['lifecycle_state']}.")

    command.__doc__ = help_text
    app.command(action)(command)


_lifecycle("deploy", "Put an agent in service (active), optionally at --version.", takes_version=True)
_lifecycle("pause", "Pause an active agent.")
_lifecycle("resume", "Resume a paused, maintained or quarantined agent.")
_lifecycle("retire", "Decommission an agent for good; its keys are revoked.")
_lifecycle("provision", "Start provisioning a registered agent.")
_lifecycle("quarantine", "Isolate an agent until it is reviewed.")
