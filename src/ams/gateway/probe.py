"""The active health probe: a periodic job that asks each enabled provider its cheapest question (list models)
and records the answer on the provider row, where every instance's health API reads it."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import aiohttp
from sqlalchemy import select, update

from ams.db.base import utcnow
from ams.db.engine import Database
from ams.gateway.directory import ProviderEntry, open_api_key
from ams.gateway.models import Provider
from ams.gateway.upstream import probe_request
from ams.jobs.daemon import PeriodicJob
from ams.vault.cipher import Cipher

PROBE_TIMEOUT_S = 10.0


class ProbeJob(PeriodicJob):
    name = "gateway.probe"

    def __init__(self, db: Database, cipher: Cipher, interval_s: float) -> None:
        self.interval = timedelta(seconds=interval_s)
        super().__init__(db)
        self.cipher = cipher

    async def run_once(self) -> str:
        async with self.db.write() as session:
            providers = (await session.execute(select(Provider).where(Provider.enabled.is_(True)))).scalars().all()
            entries = [
                ProviderEntry(p.id, p.organization_id, p.name, p.kind, p.base_url,
                              await open_api_key(session, self.cipher, p.id), {}, {}, dict(p.options), True)
                for p in providers
            ]  # fmt: skip
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=PROBE_TIMEOUT_S)) as client:
            results = await asyncio.gather(*(self._probe(client, e) for e in entries))
        async with self.db.write() as session:
            for entry, (ok, latency_ms, error) in zip(entries, results, strict=True):
                await session.execute(
                    update(Provider)
                    .where(Provider.id == entry.id)
                    .values(probe_ok=ok, probe_at=utcnow(), probe_latency_ms=latency_ms, probe_error=error)
                )
        healthy = sum(1 for ok, _, _ in results if ok)
        return f"probed {len(entries)} providers, {healthy} answered"

    @staticmethod
    async def _probe(client: aiohttp.ClientSession, entry: ProviderEntry) -> tuple[bool, float | None, str | None]:
        outgoing = probe_request(entry)
        began = time.perf_counter()
        try:
            async with client.get(outgoing.url, headers=outgoing.headers) as response:
                await response.read()
                latency = (time.perf_counter() - began) * 1000
                if response.status < 400:
                    return True, latency, None
                return False, latency, f"HTTP {response.status}"
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            return False, None, f"{type(exc).__name__}: {exc}"[:500]
