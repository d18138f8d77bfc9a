"""The embedded backend: chDB, the ClickHouse engine inside this process, its files in the data dir.

chDB's rules (DESIGN §3): one process owns the files; each thread uses its own connection; inserts come in
batches. Parameters are sent in ClickHouse's text form, made by clickhouse-connect's formatter so that both
backends read them the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import chdb
import orjson
from clickhouse_connect.driver.binding import format_bind_value

from ams.telemetry.store.base import QueryResult, StoreError, apply_migrations

# JSON output with 64-bit integers as numbers, and NaN/inf as null rather than invalid JSON.
_CONNECTION_SETTINGS = "output_format_json_quote_64bit_integers=0&output_format_json_quote_denormals=0"


def _param_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return str(format_bind_value(value, UTC))


class ChdbStore:
    backend = "chdb"

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        self._connections: list[Any] = []
        self._lock = threading.Lock()
        self._connection()  # fail at start, not at the first request, when another process owns the files

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            try:
                connection = chdb.connect(f"{self.path}?{_CONNECTION_SETTINGS}")
            except RuntimeError as exc:
                raise StoreError(f"cannot open the embedded telemetry store at {self.path}: {exc}") from exc
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    def migrate(self) -> list[str]:
        return apply_migrations(self)

    def insert(self, table: str, column_names: Sequence[str], columns: Sequence[Sequence[Any]]) -> None:
        self.insert_blocks(table, column_names, [columns])

    def insert_blocks(self, table: str, column_names: Sequence[str], blocks: Sequence[Sequence[Sequence[Any]]]) -> None:
        # One JSONCompactColumns document per block, all in one insert: the blocks are never copied into one.
        statement = f"INSERT INTO {table} ({', '.join(column_names)})"
        try:
            with self._connection().send_insert(statement, "JSONCompactColumns") as inserter:
                for columns in blocks:
                    inserter.append(orjson.dumps(columns))
                inserter.finish()
        except RuntimeError as exc:
            raise StoreError(str(exc)) from exc

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        bound = {name: _param_text(value) for name, value in (params or {}).items()}
        try:
            result = self._connection().query(sql, "JSONCompact", params=bound)
        except Exception as exc:  # chDB raises its own error types; callers see one
            raise StoreError(str(exc)) from exc
        raw = result.bytes()
        if not raw:
            return QueryResult([], [])
        document = orjson.loads(raw)
        return QueryResult([c["name"] for c in document["meta"]], document["data"])

    def command(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self.query(sql, params)

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            connection.close()
        self._local = threading.local()
