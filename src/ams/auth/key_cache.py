"""API keys already checked, kept for a few seconds so that a key's requests after the first cost no query.

Ingest and the gateway authenticate every request with an API key; looking the key up each time was about a tenth
of ingest's CPU. A cached key is still checked against its expiry on every use. A commit that revokes, edits or
deletes a key on this instance drops it at once (`forget_changed`, a `Database` commit listener); a revocation
made by another instance takes effect here within `ttl_s`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ams.agents.models import Agent
from ams.auth.models import ApiKey, Organization, Project
from ams.auth.principal import Principal
from ams.db.engine import Changes

log = logging.getLogger(__name__)

DEFAULT_TTL_S = 5.0
MAX_ENTRIES = 10_000


@dataclass(frozen=True, slots=True)
class CachedKey:
    principal: Principal
    key_id: str
    prefix: str
    expires_at: datetime | None
    last_used_at: datetime | None
    loaded_at: float  # time.monotonic() of the database read


class KeyCache:
    def __init__(self, ttl_s: float = DEFAULT_TTL_S, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl_s = ttl_s
        self.max_entries = max_entries
        self._entries: dict[str, CachedKey] = {}
        # One database read per key at a time: when an entry expires under load, the requests that arrive before
        # the read returns wait for it instead of each opening a connection of their own.
        self._loading: dict[str, asyncio.Future[CachedKey]] = {}
        self._writes: set[asyncio.Task[None]] = set()

    def get(self, key_hash: str) -> CachedKey | None:
        entry = self._entries.get(key_hash)
        if entry is not None and time.monotonic() - entry.loaded_at > self.ttl_s:
            del self._entries[key_hash]
            return None
        return entry

    async def load(self, key_hash: str, read: Callable[[], Awaitable[CachedKey]]) -> CachedKey:
        """The cached entry, else the one read in flight for this key, else a new read."""
        entry = self.get(key_hash)
        if entry is not None:
            return entry
        pending = self._loading.get(key_hash)
        if pending is None:
            pending = asyncio.ensure_future(self._read_and_keep(key_hash, read))
            self._loading[key_hash] = pending
        # Shielded: a caller that goes away does not cancel the read the others wait for.
        return await asyncio.shield(pending)

    async def _read_and_keep(self, key_hash: str, read: Callable[[], Awaitable[CachedKey]]) -> CachedKey:
        try:
            entry = await read()
            self.put(key_hash, entry)
            return entry
        finally:
            self._loading.pop(key_hash, None)

    def in_background(self, write: Coroutine[Any, Any, None], what: str) -> None:
        """A bookkeeping write (a key's last use) that no request waits for; a failure is logged, not raised."""

        async def guarded() -> None:
            try:
                await write
            except Exception:
                log.warning("%s failed", what, exc_info=True)

        task = asyncio.ensure_future(guarded())
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def drain(self) -> None:
        """Wait for the bookkeeping writes under way (at shutdown, before the database closes)."""
        while self._writes:
            await asyncio.gather(*list(self._writes), return_exceptions=True)

    def put(self, key_hash: str, entry: CachedKey) -> None:
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # bounded: many distinct keys within a few seconds only cost re-reads
        self._entries[key_hash] = entry

    def forget_changed(self, changes: Changes) -> None:
        """Drop the keys a commit changed. Deleting an organization, project or agent deletes its keys by cascade
        in the database, unseen by the ORM, so such a deletion clears every entry (a rare event)."""
        for instance in (*changes.written, *changes.deleted):
            if isinstance(instance, ApiKey):
                self._entries.pop(instance.key_hash, None)
        if any(isinstance(instance, Organization | Project | Agent) for instance in changes.deleted):
            self._entries.clear()
