"""The alerting side of a running AMS: the evaluator and delivery daemons, started and stopped with the app."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from ams.alerts.delivery import DeliveryJob
from ams.alerts.evaluator import AlertEvaluator, AlertEvaluatorJob
from ams.db.engine import Database
from ams.governance.cap_usage import Budgets
from ams.jobs.daemon import PeriodicJob
from ams.settings import Settings
from ams.telemetry.runtime import Telemetry
from ams.vault.cipher import Cipher


@dataclass
class Alerting:
    evaluator: AlertEvaluator
    budgets: Budgets  # spend caps' use: budget rules and the attention list read it
    client: httpx.AsyncClient  # sends to webhooks and Slack; pooled across deliveries
    jobs: list[PeriodicJob]

    @classmethod
    def start(
        cls, settings: Settings, db: Database, cipher: Cipher, telemetry: Telemetry, budgets: Budgets
    ) -> Alerting:
        client = httpx.AsyncClient(follow_redirects=False)
        evaluator = AlertEvaluator(db, telemetry.store, telemetry.rollups, telemetry.live, budgets)
        jobs: list[PeriodicJob] = [
            AlertEvaluatorJob(db, evaluator, settings.alerts.alerts_interval_s),
            DeliveryJob(db, cipher, settings.alerts, client, settings.server.url),
        ]
        for job in jobs:
            job.start()
        return cls(evaluator, budgets, client, jobs)

    async def stop(self) -> None:
        for job in self.jobs:
            await job.stop()
        await self.client.aclose()
