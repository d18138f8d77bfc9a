"""Direct access to a running AMS's control database, as an intruder (or a forensic test) would have it."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg


class ControlDatabase:
    def __init__(self, data_dir: Path, postgres_url: str | None) -> None:
        self.data_dir = data_dir
        self.postgres_url = postgres_url

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (`?` placeholders) outside AMS, committed at once."""
        if self.postgres_url:
            with psycopg.connect(self.postgres_url, autocommit=True) as conn:
                cursor = conn.execute(sql.replace("?", "%s"), params)  # type: ignore[call-overload]
                return list(cursor.fetchall()) if cursor.description else []
        with sqlite3.connect(self.data_dir / "ams.db") as conn:
            rows = conn.execute(sql, params).fetchall()
            conn.commit()
            return rows

    def raw_bytes(self) -> bytes:
        """Everything stored: the SQLite files byte for byte, or every row of every PostgreSQL table as text."""
        if self.postgres_url:
            with psycopg.connect(self.postgres_url) as conn:
                tables = [
                    r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
                ]
                dump = [str(row) for t in tables for row in conn.execute(f'SELECT t::text FROM "{t}" t').fetchall()]
            return "\n".join(dump).encode()
        return b"".join(path.read_bytes() for path in sorted(self.data_dir.glob("ams.db*")))
