"""The `ams` command."""

from __future__ import annotations

from pathlib import Path

import typer

from ams import __version__
from ams.cli import admin, agents, alerts, audit, demo, keys, mock_provider, session

app = typer.Typer(
    name="ams",
    help="AMS: the command-and-control plane for fleets of LLM agents.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(admin.app, name="admin")
app.add_typer(keys.app, name="keys")
app.add_typer(agents.app, name="agents")
app.add_typer(audit.app, name="audit")
app.add_typer(alerts.app, name="alerts")
app.command("attention")(alerts.attention)
app.command("login")(session.login)
app.command("logout")(session.logout)
app.command("mock-provider")(mock_provider.mock_provider)
app.command("demo")(demo.demo)


@app.command()
def serve(
    host: str | None = typer.Option(None, help="Interface to bind (default AMS_HOST or 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port to listen on (default AMS_PORT or 8080)."),
    data_dir: Path | None = typer.Option(
        None, help="Folder of the embedded stores (default AMS_DATA_DIR or ./ams-data)."
    ),
) -> None:
    """Start AMS: migrate the stores, create the first admin on a first start, and serve the API."""
    from ams.cli.serve import run

    run(host=host, port=port, data_dir=data_dir)


@app.command()
def version() -> None:
    """Print AMS's version."""
    typer.echo(__version__)


if __name__ == "__main__":
    app()
