"""Watching agents in a running AMS: the health monitor and surveillance daemons, started and stopped with the
app."""

from __future__ import annotations

from dataclasses import dataclass

from ams.agents.health_service import HealthJob, HealthMonitor
from ams.db.engine import Database
from ams.jobs.daemon import PeriodicJob
from ams.settings import Settings
from ams.surveillance.service import Surveillance, SurveillanceJob
from ams.telemetry.runtime import Telemetry


@dataclass
class Monitoring:
    health: HealthMonitor
    surveillance: Surveillance
    jobs: list[PeriodicJob]

    @classmethod
    def start(cls, settings: Settings, db: Database, telemetry: Telemetry) -> Monitoring:
        health = HealthMonitor(db, telemetry.store, telemetry.rollups, telemetry.live, settings.health)
        surveillance = Surveillance(db, telemetry.store, telemetry.live, settings.surveillance)
        jobs: list[PeriodicJob] = [
            HealthJob(db, health, settings.health.health_interval_s),
            SurveillanceJob(db, surveillance, settings.surveillance.surveillance_interval_s),
        ]
        for job in jobs:
            job.start()
        return cls(health, surveillance, jobs)

    async def stop(self) -> None:
        for job in self.jobs:
            await job.stop()
        await self.health.close()
