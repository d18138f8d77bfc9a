"""The README documents every setting and every CLI command."""

import re
from pathlib import Path

import typer.main
from pydantic_settings import BaseSettings

from ams.cli.main import app
from ams.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_readme_starts_with_the_two_commands():
    head = README[:400]
    assert "make run" in head and "make test" in head


def _settings(model: type[BaseSettings]) -> list[tuple[str, str | None]]:
    """(environment variable, description) of every setting, groups included."""
    out = []
    for name, field in model.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseSettings):
            out += _settings(field.annotation)
        else:
            out.append((f"{model.model_config.get('env_prefix', '')}{name}".upper(), field.description))
    return out


def test_every_setting_is_documented():
    settings = _settings(Settings)
    assert len(settings) > 10
    for variable, description in settings:
        assert f"`{variable}`" in README, f"{variable} is not in the README"
        assert description, f"{variable} has no description"


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
