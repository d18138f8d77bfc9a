"""The telemetry side of a running AMS: store, pipeline, resolver, live hub and ingest, started and stopped
together by the app's lifespan."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio

from ams.db.engine import Database
from ams.jobs.daemon import PeriodicJob
from ams.settings import Settings
from ams.telemetry.agent_resolver import AgentResolver
from ams.telemetry.ingest_service import IngestService, Pricer
from ams.telemetry.live import LiveHub, events_from_rows
from ams.telemetry.metrics import AgentCounters
from ams.telemetry.pipeline import IngestPipeline
from ams.telemetry.retention import RetentionJob
from ams.telemetry.rollups import RollupJob, Rollups
from ams.telemetry.store import TelemetryStore, open_store

log = logging.getLogger(__name__)


@dataclass
class Telemetry:
    store: TelemetryStore
    pipeline: IngestPipeline
    resolver: AgentResolver
    live: LiveHub
    ingest: IngestService
    counters: AgentCounters
    rollups: Rollups
    jobs: list[PeriodicJob]

    @classmethod
    async def start(cls, settings: Settings, db: Database, pricer_for: Callable[[str], Awaitable[Pricer]]) -> Telemetry:
        config = settings.telemetry
        store = await anyio.to_thread.run_sync(open_store, settings.data_dir, config.clickhouse_url)
        applied = await anyio.to_thread.run_sync(store.migrate)
        if applied:
            log.info("telemetry store (%s) migrated: %s", store.backend, ", ".join(applied))
        live = LiveHub()
        counters = AgentCounters()

        def on_written(table: str, names: tuple[str, ...], sets: list[Any]) -> None:
            counters.observe(table, names, sets)
            if live.subscribers:  # building events nobody listens to would cost the writer a dict per task
                live.publish(events_from_rows(table, names, sets))

        pipeline = IngestPipeline(
            store,
            max_queued_rows=config.ingest_queue_rows,
            linger_s=config.ingest_linger_ms / 1000,
            on_written=on_written,
        )
        pipeline.start()
        resolver = AgentResolver(db, register_unknown=config.unknown_agents == "register")
        rollups = Rollups(store)
        jobs: list[PeriodicJob] = [RollupJob(db, rollups), RetentionJob(db, store, config.retention_days)]
        for job in jobs:
            job.start()
        ingest = IngestService(pipeline, resolver, pricer_for)
        return cls(store, pipeline, resolver, live, ingest, counters, rollups, jobs)

    async def stop(self) -> None:
        for job in self.jobs:
            await job.stop()
        # Drain: every acknowledged row is written before the store closes.
        await anyio.to_thread.run_sync(self.pipeline.stop)
        await anyio.to_thread.run_sync(self.store.close)
