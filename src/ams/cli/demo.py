"""`ams demo`: AMS with a simulated fleet of agents using the real SDK and gateway against the mock provider."""

from __future__ import annotations

from pathlib import Path

import typer


def demo(
    host: str | None = typer.Option(None, help="Interface AMS binds (default AMS_HOST or 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port AMS listens on (default AMS_PORT or 8080)."),
    data_dir: Path | None = typer.Option(
        None, help="Folder of the embedded stores (default AMS_DATA_DIR or ./ams-data)."
    ),
) -> None:
    """Start AMS, the mock LLM provider and a dozen simulated agents that keep producing traffic."""
    import logging

    from ams.demo.runner import DemoOptions, run_demo
    from ams.settings import Settings

    settings = Settings()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    run_demo(DemoOptions(host=host or settings.server.host, port=port or settings.server.port,
                         data_dir=data_dir or settings.data_dir))  # fmt: skip
