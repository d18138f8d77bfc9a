"""`ams keys`: API keys, through the API."""

from __future__ import annotations

import typer

from ams.auth.roles import Role
from ams.cli.client import Client, TokenOption, UrlOption
from ams.cli.output import JsonOption, console, fail, print_json, table

app = typer.Typer(help="Make, list and revoke API keys.")

COLUMNS = [
    ("id", "Id"),
    ("prefix", "Prefix"),
    ("name", "Name"),
    ("project_id", "Project"),
    ("agent_id", "Agent"),
    ("role", "Role"),
    ("expires_at", "Expires"),
    ("revoked_at", "Revoked"),
    ("last_used_at", "Last used"),
]


@app.command()
def create(
    project: str | None = typer.Option(None, help="Project id, for a project key."),
    role: Role | None = typer.Option(None, help="The project key's role."),
    agent: str | None = typer.Option(None, help="Agent id, for a key bound to that agent."),
    name: str = typer.Option("", help="A name to recognise the key by."),
    expires_in_days: float | None = typer.Option(None, help="Expire after this many days."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """Make a project key (--project and --role) or an agent key (--agent). The key is printed this once."""
    if agent is None and project is None:
        fail("give --project and --role for a project key, or --agent for an agent key")
    body = {
        "project_id": project,
        "role": role.value if role else None,
        "agent_id": agent,
        "name": name,
        "expires_in_days": expires_in_days,
    }
    key = Client(url, token).post("/api/v1/api-keys", {k: v for k, v in body.items() if v not in (None, "")})
    if as_json:
        print_json(key)
        return
    console.print(f"Created key {key['id']} ({key['prefix']}…). Store it now, it is not shown again:")
    console.print(key["key"], highlight=False, soft_wrap=True)


@app.command("list")
def list_keys(
    project: str | None = typer.Option(None, help="Only this project's keys."),
    agent: str | None = typer.Option(None, help="Only this agent's keys."),
    include_revoked: bool = typer.Option(False, "--all", help="Include revoked keys."),
    limit: int = typer.Option(100, help="At most this many."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """List API keys by prefix, newest first."""
    page = Client(url, token).get(
        "/api/v1/api-keys",
        project_id=project,
        agent_id=agent,
        include_revoked=include_revoked or None,
        limit=limit,
    )
    if as_json:
        print_json(page["items"])
    else:
        table(page["items"], COLUMNS, title="API keys")


@app.command()
def revoke(
    key_id: str = typer.Argument(..., help="The key's id (key_…)."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """Revoke a key; it stops working at once."""
    key = Client(url, token).delete(f"/api/v1/api-keys/{key_id}")
    if as_json:
        print_json(key)
    else:
        console.print(f"Revoked {key['id']} ({key['prefix']}…).")
