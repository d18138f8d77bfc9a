"""The README documents every setting and every CLI command."""

import re
from pathlib import Path

import typer.main

from ams.cli.main import app
from ams.settings import AdminSettings, DatabaseSettings, SecuritySettings, ServerSettings, Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_readme_starts_with_the_two_commands():
    head = README[:400]
    assert "make run" in head and "make test" in head


def test_every_setting_is_documented():
    groups = [(Settings, "AMS_"), (ServerSettings, "AMS_"), (DatabaseSettings, "AMS_DATABASE_"),
              (AdminSettings, "AMS_ADMIN_"), (SecuritySettings, "AMS_")]
    for model, prefix in groups:
        for name, field in model.model_fields.items():
            if name in {"server", "database", "admin", "security"}:
                continue
            assert f"`{prefix}{name.upper()}`" in README, f"{prefix}{name.upper()} is not in the README"
            assert field.description, f"{name} has no description"


def test_every_cli_command_is_documented():
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():  # type: ignore[attr-defined]
        children = getattr(sub, "commands", None)
        if children:
            lines = [line for line in README.splitlines() if f"`ams {name} " in line]
            for child in children:
                assert any(re.search(rf"\b{re.escape(child)}\b", line) for line in lines), f"ams {name} {child}"
        else:
            assert f"ams {name}" in README, f"ams {name} is not in the README"
