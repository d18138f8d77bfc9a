"""`ams audit`: check the audit trail's hash chains on the control database directly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ams.cli.output import JsonOption, console, print_json, table

if TYPE_CHECKING:
    from ams.db.engine import Database
    from ams.governance.audit_service import ChainReport

app = typer.Typer(help="The audit trail.")


@app.command()
def verify(
    organization: str | None = typer.Option(None, help="Only this organization's chain (its id)."),
    as_json: bool = JsonOption,
) -> None:
    """Recompute every audit chain; name the first edited, deleted or reordered entry. Exit 1 if one is broken."""
    from ams.cli.local import with_database
    from ams.governance.audit_service import chain_organizations, verify_organization

    async def work(db: Database) -> list[ChainReport]:
        async with db.read() as session:
            org_ids = [organization] if organization else await chain_organizations(session)
            return [await verify_organization(session, org_id) for org_id in org_ids]

    reports = with_database(work)
    rows = [
        {
            "organization_id": r.organization_id,
            "ok": r.broken is None,
            "entries_checked": r.entries_checked,
            "broken_seq": r.broken.seq if r.broken else None,
            "broken_entry_id": r.broken.entry_id if r.broken else None,
            "reason": r.broken.reason if r.broken else None,
        }
        for r in reports
    ]
    if as_json:
        print_json(rows)
    else:
        table(
            rows,
            [
                ("organization_id", "Organization"),
                ("ok", "Intact"),
                ("entries_checked", "Entries checked"),
                ("broken_seq", "Broken at #"),
                ("broken_entry_id", "Entry"),
                ("reason", "Why"),
            ],
            title="Audit chains",
        )
        broken = [r for r in rows if not r["ok"]]
        if broken:
            for row in broken:
                console.print(
                    f"[red]BROKEN[/red] organization {row['organization_id']}: entry #{row['broken_seq']}"
                    f" ({row['broken_entry_id'] or 'missing'}): {row['reason']}",
                    highlight=False,
                )
        else:
            console.print(f"[green]All {len(rows)} chain(s) intact.[/green]")
    if any(not r["ok"] for r in rows):
        raise typer.Exit(1)
