"""The control database: engines, sessions and migrations.

SQLite and PostgreSQL are driven through the same models. SQLite needs two precautions that PostgreSQL does
not: write transactions begin IMMEDIATE (a deferred transaction that reads and then writes can fail at once
with SQLITE_BUSY when another connection wrote in between), and in-process writers queue on a single
connection instead of contending for the file lock.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

log = logging.getLogger(__name__)
SQLITE_BUSY_TIMEOUT_MS = 10_000
_CHANGED = "ams.changed"  # Session.info key: the Changes flushed in the open transaction


@dataclass
class Changes:
    """The ORM instances one commit inserted or updated (`written`) and deleted."""

    written: list[object] = field(default_factory=list)
    deleted: list[object] = field(default_factory=list)


CommitListener = Callable[[Changes], None]


def _async_url(url: URL) -> URL:
    if url.get_backend_name() == "sqlite":
        return url.set(drivername="sqlite+aiosqlite")
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url


def _sync_url(url: URL) -> URL:
    if url.get_backend_name() == "sqlite":
        return url.set(drivername="sqlite")
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url


def _configure_sqlite(engine: AsyncEngine, *, immediate: bool) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see the "begin" hook).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _remember_flushed(session: Session, _flush: UOWTransaction) -> None:
    changes = session.info.setdefault(_CHANGED, Changes())
    changes.written.extend(session.new)
    changes.written.extend(session.dirty)
    changes.deleted.extend(session.deleted)


def _forget_on_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended: committed or rolled back
        session.info.pop(_CHANGED, None)


class Database:
    """Owns the engines of the control database and hands out sessions.

    Statement parameters are hidden from logs and errors: some of them are secrets' digests or sealed values.

    `read()` gives a session for queries; `write()` a session whose transaction commits when the block ends
    without an exception and rolls back otherwise. `on_commit` registers a listener told of the ORM instances
    each commit changed: caches of control data drop what a commit made stale, whichever service made it.
    Changes made by bulk `update()`/`delete()` statements are not seen; cached data must not be changed that way.
    """

    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        async_url = _async_url(self.url)
        if self.is_sqlite:
            database = self.url.database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_async_engine(async_url, echo=echo, pool_size=pool_size, hide_parameters=True)
            self._write_engine = create_async_engine(
                async_url, echo=echo, pool_size=1, max_overflow=0, hide_parameters=True
            )
            _configure_sqlite(self.engine, immediate=False)
            _configure_sqlite(self._write_engine, immediate=True)
        else:
            self.engine = create_async_engine(
                async_url,
                echo=echo,
                pool_size=pool_size,
                max_overflow=pool_size,
                pool_pre_ping=True,
                hide_parameters=True,
            )
            self._write_engine = self.engine
        self._commit_listeners: list[CommitListener] = []
        # A Session class of this database's own, so that its events do not reach other databases' sessions.
        session_class = type("ControlSession", (Session,), {})
        event.listen(session_class, "after_flush", _remember_flushed)
        event.listen(session_class, "after_commit", self._after_commit)
        event.listen(session_class, "after_transaction_end", _forget_on_end)
        self._read_sessions = async_sessionmaker(self.engine, expire_on_commit=False, sync_session_class=session_class)
        self._write_sessions = async_sessionmaker(
            self._write_engine, expire_on_commit=False, sync_session_class=session_class
        )

    def on_commit(self, listener: CommitListener) -> None:
        """Call `listener` after every commit with the instances it changed (it must be quick and not raise)."""
        self._commit_listeners.append(listener)

    def _after_commit(self, session: Session) -> None:
        changes = session.info.pop(_CHANGED, None)
        if changes is None:
            return
        for listener in self._commit_listeners:
            try:
                listener(changes)
            except Exception:  # a failing cache must not turn a committed change into an error
                log.exception("a commit listener failed")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        async with self._read_sessions() as session:
            yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        async with self._write_sessions() as session, session.begin():
            yield session

    async def upgrade(self) -> None:
        """Bring the schema to the newest migration."""
        await asyncio.to_thread(upgrade_schema, self.url.render_as_string(hide_password=False))

    async def ping(self) -> None:
        async with self.read() as session:
            await session.connection()

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self._write_engine is not self.engine:
            await self._write_engine.dispose()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("ams.db") / "migrations"))
    # Alembic's config is an INI parser: a literal % in a password must be doubled.
    config.set_main_option("sqlalchemy.url", _sync_url(make_url(url)).render_as_string(False).replace("%", "%%"))
    return config


def upgrade_schema(url: str) -> None:
    command.upgrade(alembic_config(url), "head")
