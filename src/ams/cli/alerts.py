"""`ams alerts` and `ams attention`: what needs someone, from a terminal, through the API."""

from __future__ import annotations

from typing import Any

import typer

from ams.alerts.lifecycle import AlertStatus
from ams.alerts.rules import Severity
from ams.cli.client import Client, TokenOption, UrlOption
from ams.cli.output import JsonOption, console, print_json, record, table

app = typer.Typer(help="List, acknowledge and resolve alerts; judge the rules now.")

COLUMNS = [
    ("id", "Id"),
    ("status", "Status"),
    ("severity", "Severity"),
    ("category", "Category"),
    ("title", "Title"),
    ("fire_count", "Fired"),
    ("last_fired_at", "Last fired"),
]
FIELDS = [
    ("id", "Id"),
    ("status", "Status"),
    ("severity", "Severity"),
    ("category", "Category"),
    ("title", "Title"),
    ("summary", "Summary"),
    ("value", "Value"),
    ("threshold", "Threshold"),
    ("agent_id", "Agent"),
    ("rule_id", "Rule"),
    ("fire_count", "Fired"),
    ("first_fired_at", "First fired"),
    ("last_fired_at", "Last fired"),
    ("acknowledged_by", "Acknowledged by"),
    ("resolved_by", "Resolved by"),
    ("comment", "Comment"),
]
OrganizationOption = typer.Option(None, "--organization", help="Organization id; defaults to your only one.")


@app.command("list")
def list_alerts(
    status: list[AlertStatus] = typer.Option([], help="firing, acknowledged or resolved (repeatable)."),
    severity: list[Severity] = typer.Option([], help="Severities (repeatable)."),
    agent: str | None = typer.Option(None, help="Only this agent's alerts (its id)."),
    organization: str | None = OrganizationOption,
    limit: int = typer.Option(50, help="At most this many."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """Alerts, newest firing first: open ones unless --status says otherwise."""
    statuses = [s.value for s in status] or [AlertStatus.FIRING.value, AlertStatus.ACKNOWLEDGED.value]
    page = Client(url, token).get(
        "/api/v1/alerts",
        status=statuses,
        severity=[s.value for s in severity],
        agent_id=agent,
        organization_id=organization,
        limit=limit,
    )
    if as_json:
        print_json(page["items"])
    else:
        table(page["items"], COLUMNS, title="Alerts")


@app.command()
def show(
    alert_id: str = typer.Argument(..., help="The alert's id (alr_…)."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """One alert with its evidence."""
    alert = Client(url, token).get(f"/api/v1/alerts/{alert_id}")
    if as_json:
        print_json(alert)
        return
    record(alert, FIELDS)
    for example in alert.get("evidence", {}).get("example_traces", []):
        console.print(f"  example trace {example['trace_id']} ({example.get('status', '')})", highlight=False)


def _respond(action: str, alert_id: str, comment: str, as_json: bool, url: str | None, token: str | None) -> None:
    body: dict[str, Any] = {"comment": comment} if comment else {}
    alert = Client(url, token).post(f"/api/v1/alerts/{alert_id}/{action}", body)
    if as_json:
        print_json(alert)
    else:
        console.print(f"{alert['id']} is {alert['status']}: {alert['title']}", highlight=False)


@app.command()
def acknowledge(
    alert_id: str = typer.Argument(..., help="The alert's id (alr_…)."),
    comment: str = typer.Option("", help="What you are doing about it."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """Say someone is on it: a firing alert becomes acknowledged."""
    _respond("acknowledge", alert_id, comment, as_json, url, token)


@app.command()
def resolve(
    alert_id: str = typer.Argument(..., help="The alert's id (alr_…)."),
    comment: str = typer.Option("", help="What was done."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """Close an alert; if its condition still holds, it fires anew after its rule's cooldown."""
    _respond("resolve", alert_id, comment, as_json, url, token)


@app.command()
def evaluate(
    organization: str | None = OrganizationOption,
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """Judge every enabled rule now rather than at its next interval (Admin)."""
    params = {"organization_id": organization} if organization else {}
    report = Client(url, token).request("POST", "/api/v1/alert-rules/evaluate", params=params)
    if as_json:
        print_json(report)
    else:
        console.print(
            f"{report['rules']} rules judged: {report['breaches']} breaches, {report['opened']} alerts opened, "
            f"{report['resolved']} resolved."
        )


def attention(
    organization: str | None = OrganizationOption,
    limit: int = typer.Option(10, help="How many of the most urgent problems."),
    as_json: bool = JsonOption,
    url: str | None = UrlOption,
    token: str | None = TokenOption,
) -> None:
    """What needs someone now, most urgent first, each with why."""
    items = Client(url, token).get("/api/v1/attention", organization_id=organization, limit=limit)
    if as_json:
        print_json(items)
        return
    if not items:
        console.print("Nothing needs you now.")
    for item in items:
        console.print(f"[bold]{item['severity'].upper()}[/bold] {item['title']}", highlight=False)
        console.print(f"  {item['why']}", highlight=False, soft_wrap=True)
