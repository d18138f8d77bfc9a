"""The server backend: a ClickHouse server or cluster through clickhouse-connect (AMS_CLICKHOUSE_URL)."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlparse

import clickhouse_connect
from clickhouse_connect.driver.exceptions import ClickHouseError

from ams.telemetry.store.base import QueryResult, StoreError, apply_migrations


class ClickHouseStore:
    backend = "clickhouse"

    def __init__(self, url: str) -> None:
        parsed = urlparse(url)
        self._options: dict[str, Any] = {
            "host": parsed.hostname or "127.0.0.1",
            "port": parsed.port or (8443 if parsed.scheme == "https" else 8123),
            "username": parsed.username or "default",
            "password": parsed.password or "",
            "database": (parsed.path or "/").lstrip("/") or "default",
            "secure": parsed.scheme == "https",
        }
        # clickhouse-connect clients are not safe to share between threads: one per thread.
        self._local = threading.local()
        self._client()

    def _client(self) -> Any:
        client = getattr(self._local, "client", None)
        if client is None:
            try:
                client = clickhouse_connect.get_client(**self._options)
            except ClickHouseError as exc:
                raise StoreError(f"cannot reach ClickHouse at {self._options['host']}: {exc}") from exc
            self._local.client = client
        return client

    def migrate(self) -> list[str]:
        return apply_migrations(self)

    def insert(self, table: str, column_names: Sequence[str], columns: Sequence[Sequence[Any]]) -> None:
        try:
            self._client().insert(table, list(columns), column_names=list(column_names), column_oriented=True)
        except ClickHouseError as exc:
            raise StoreError(str(exc)) from exc

    def insert_blocks(self, table: str, column_names: Sequence[str], blocks: Sequence[Sequence[Sequence[Any]]]) -> None:
        if len(blocks) == 1:
            self.insert(table, column_names, blocks[0])
            return
        columns = [[value for block in blocks for value in block[i]] for i in range(len(column_names))]
        self.insert(table, column_names, columns)

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> QueryResult:
        try:
            result = self._client().query(sql, parameters=dict(params or {}))
        except ClickHouseError as exc:
            raise StoreError(str(exc)) from exc
        return QueryResult(list(result.column_names), [list(row) for row in result.result_rows])

    def command(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        try:
            self._client().command(sql, parameters=dict(params or {}))
        except ClickHouseError as exc:
            raise StoreError(str(exc)) from exc

    def close(self) -> None:
        client = getattr(self._local, "client", None)
        if client is not None:
            client.close()
