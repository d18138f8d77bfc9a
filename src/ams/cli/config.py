"""Where the CLI's client commands send requests and with which token."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ClientSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AMS_", extra="ignore")

    url: str | None = Field(None, description="AMS's address for client commands (AMS_URL).")
    token: str | None = Field(None, description="A login token or API key (AMS_TOKEN); overrides `ams login`.")
    cli_config: Path = Field(
        Path.home() / ".config" / "ams" / "cli.json",
        description="Where `ams login` keeps the URL and token (AMS_CLI_CONFIG).",
    )


DEFAULT_URL = "http://127.0.0.1:8080"


def saved(settings: ClientSettings) -> dict[str, str]:
    try:
        data = json.loads(settings.cli_config.read_text())
        return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save(settings: ClientSettings, url: str, token: str) -> None:
    path = settings.cli_config
    path.parent.mkdir(parents=True, exist_ok=True)
    # The token is a credential: the file is created readable by its owner only.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({"url": url, "token": token}, handle)


def forget(settings: ClientSettings) -> None:
    settings.cli_config.unlink(missing_ok=True)
