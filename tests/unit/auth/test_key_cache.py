"""The cache of checked API keys: time to live, bounds, and what a commit makes it forget."""

from __future__ import annotations

import time

from ams.agents.models import Agent
from ams.auth.key_cache import CachedKey, KeyCache
from ams.auth.models import ApiKey, Project
from ams.auth.principal import Principal, PrincipalKind
from ams.db.engine import Changes


def _entry(agent_id: str | None = None, loaded_at: float | None = None) -> CachedKey:
    principal = Principal(PrincipalKind.AGENT_KEY, "key_1", "key:ams_x", organization_id="org", agent_id=agent_id)
    return CachedKey(principal, "key_1", "ams_x", None, None, time.monotonic() if loaded_at is None else loaded_at)


def test_an_entry_lives_for_its_ttl_only():
    cache = KeyCache(ttl_s=5)
    cache.put("fresh", _entry())
    cache.put("old", _entry(loaded_at=time.monotonic() - 6))
    assert cache.get("fresh") is not None
    assert cache.get("old") is None
    assert cache.get("missing") is None


def test_the_cache_is_bounded():
    cache = KeyCache(max_entries=2)
    for name in ("a", "b", "c"):
        cache.put(name, _entry())
    assert cache.get("c") is not None
    assert cache.get("a") is None and cache.get("b") is None


def test_a_commit_that_touches_a_key_drops_it_and_only_it():
    cache = KeyCache()
    cache.put("h1", _entry())
    cache.put("h2", _entry())
    cache.forget_changed(Changes(written=[ApiKey(key_hash="h1")]))
    assert cache.get("h1") is None and cache.get("h2") is not None


def test_deleting_a_project_or_agent_clears_the_keys_its_cascade_removed():
    for deleted in (Project(id="p"), Agent(id="a")):
        cache = KeyCache()
        cache.put("h1", _entry(agent_id="a"))
        cache.forget_changed(Changes(written=[deleted]))  # an edit removes no key
        assert cache.get("h1") is not None
        cache.forget_changed(Changes(deleted=[deleted]))
        assert cache.get("h1") is None
