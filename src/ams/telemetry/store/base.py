"""The telemetry store: one ClickHouse dialect, two thin connections (embedded chDB, or a ClickHouse server).

Query texts are shared by both backends and bind their values as `{name:Type}` parameters; every query takes the
tenant first. Inserts are columnar: a list of values per column, in one call per batch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol


class StoreError(Exception):
    """The telemetry store refused or failed an operation."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None


class TelemetryStore(Protocol):
    backend: str

    def migrate(self) -> list[str]:
        """Apply the schema files not applied yet; return their names."""

    def insert(self, table: str, column_names: Sequence[str], columns: Sequence[Sequence[Any]]) -> None:
        """Insert one batch, column by column; durable when this returns."""

    def insert_blocks(self, table: str, column_names: Sequence[str], blocks: Sequence[Sequence[Sequence[Any]]]) -> None:
        """Insert several batches of the same columns as one insert (one part); durable when this returns."""

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        """Run one query with bound `{name:Type}` parameters."""

    def command(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        """Run one statement that returns nothing (DDL, ALTER … DELETE)."""

    def close(self) -> None: ...


MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (name String, applied_at DateTime DEFAULT now())
ENGINE = MergeTree ORDER BY name
"""


def schema_files() -> list[tuple[str, str]]:
    """(name, text) of every schema file, in order."""
    folder = resources.files("ams.telemetry.store") / "schema"
    files = sorted((p.name, p.read_text()) for p in folder.iterdir() if p.name.endswith(".sql"))
    return files


def statements(text: str) -> list[str]:
    """The statements of a schema file: separated by `;` at the end of a line, comments dropped."""
    without_comments = re.sub(r"^\s*--.*$", "", text, flags=re.MULTILINE)
    return [s.strip() for s in re.split(r";\s*$", without_comments, flags=re.MULTILINE) if s.strip()]


def apply_migrations(store: TelemetryStore) -> list[str]:
    store.command(MIGRATIONS_TABLE)
    done = {row[0] for row in store.query("SELECT name FROM schema_migrations").rows}
    applied = []
    for name, text in schema_files():
        if name in done:
            continue
        for statement in statements(text):
            store.command(statement)
        store.insert("schema_migrations", ["name"], [[name]])
        applied.append(name)
    return applied
