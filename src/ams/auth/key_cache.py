"""API keys already checked, kept for a few seconds so that a key's requests after the first cost no query.

Ingest and the gateway authenticate every request with an API key; looking the key up each time was about a tenth
of ingest's CPU. A cached key is still checked against its expiry on every use. A commit that revokes, edits or
deletes a key on this instance drops it at once (`forget_changed`, a `Database` commit listener); a revocation
made by another instance takes effect here within `ttl_s`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from ams.agents.models import Agent
from ams.auth.models import ApiKey, Organization, Project
from ams.auth.principal import Principal
from ams.db.engine import Changes

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

    def get(self, key_hash: str) -> CachedKey | None:
        entry = self._entries.get(key_hash)
        if entry is not None and time.monotonic() - entry.loaded_at > self.ttl_s:
            del self._entries[key_hash]
            return None
        return entry

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
