"""`ams serve`: AMS under uvicorn, with a banner saying where it is and how to log in."""

from __future__ import annotations

import logging
from pathlib import Path

import uvicorn
from rich.panel import Panel

from ams.app import create_app
from ams.bootstrap import FirstAdmin
from ams.cli.output import console
from ams.settings import Settings


def _banner(settings: Settings, url: str, first_admin: FirstAdmin | None) -> None:
    lines = [f"[bold]AMS is ready[/bold] at {url}", f"API docs:     {url}/docs"]
    if first_admin is None:
        lines.append(f"Log in as     {settings.admin.email} (or any user of this installation)")
    elif first_admin.password is not None:
        lines += [
            "First start: an administrator was created.",
            f"  email:      {first_admin.email}",
            f"  password:   [bold]{first_admin.password}[/bold]",
            "  It is shown this once; `ams admin reset-password` sets a new one.",
        ]
    else:
        lines.append(f"First start: administrator {first_admin.email}, password from AMS_ADMIN_PASSWORD")
    console.print(Panel("\n".join(lines), expand=False))


def run(*, host: str | None, port: int | None, data_dir: Path | None) -> None:
    settings = Settings()
    if data_dir is not None:
        settings.data_dir = data_dir
    if host is not None:
        settings.server.host = host
    if port is not None:
        settings.server.port = port
    logging.basicConfig(
        level=settings.server.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    url = settings.server.url
    app = create_app(settings, on_ready=lambda first_admin: _banner(settings, url, first_admin))
    uvicorn.run(
        app,
        host=settings.server.host,
        port=settings.server.port,
        log_level=settings.server.log_level,
        access_log=settings.server.access_log,
        loop="uvloop",
        http="httptools",
        timeout_graceful_shutdown=10,
    )
