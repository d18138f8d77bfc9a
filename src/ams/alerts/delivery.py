"""The delivery daemon: sends queued alert messages and retries failures with exponential backoff.

Deliveries live in the control database, so a restart resumes them; one instance sends at a time (the job's
lease), so a message is not sent twice by two instances.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import httpx
from sqlalchemy import select

from ams.alerts.channels_service import open_target
from ams.alerts.models import AlertChannel, AlertDelivery
from ams.alerts.senders import send
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.jobs.daemon import PeriodicJob
from ams.settings import AlertSettings
from ams.vault.cipher import Cipher, VaultKeyError

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
FIRST_RETRY_S = 5.0  # then 10, 20, 40, 80 s: about 2.5 minutes of trying in all
BATCH = 200
PARALLEL_SENDS = 10


def retry_delay(attempts: int) -> timedelta:
    """The wait before the next attempt, after `attempts` failed ones."""
    return timedelta(seconds=FIRST_RETRY_S * 2 ** (attempts - 1))


class DeliveryJob(PeriodicJob):
    name = "alerts.delivery"
    interval = timedelta(seconds=2)

    def __init__(
        self, db: Database, cipher: Cipher, smtp: AlertSettings, client: httpx.AsyncClient, ams_url: str
    ) -> None:
        super().__init__(db)
        self.cipher = cipher
        self.smtp = smtp
        self.client = client
        self.ams_url = ams_url

    async def run_once(self) -> str:
        now = utcnow()
        async with self.db.read() as session:
            due = list(
                (
                    await session.execute(
                        select(AlertDelivery, AlertChannel)
                        .join(AlertChannel, AlertChannel.id == AlertDelivery.channel_id)
                        .where(AlertDelivery.status == "pending", AlertDelivery.next_attempt_at <= now)
                        .order_by(AlertDelivery.next_attempt_at)
                        .limit(BATCH)
                    )
                ).all()
            )
        if not due:
            return "nothing to send"
        gate = asyncio.Semaphore(PARALLEL_SENDS)

        async def attempt(delivery: AlertDelivery, channel: AlertChannel) -> None:
            async with gate:
                try:
                    target = open_target(self.cipher, channel)
                except VaultKeyError as exc:
                    delivery.attempts, delivery.status, delivery.last_error = MAX_ATTEMPTS, "failed", str(exc)
                    return
                result = await send(self.client, target, delivery.id, delivery.payload, self.smtp, self.ams_url)
            delivery.attempts += 1
            delivery.last_status_code, delivery.last_error = result.status_code, result.error
            if result.ok:
                delivery.status, delivery.delivered_at = "delivered", utcnow()
            elif delivery.attempts >= MAX_ATTEMPTS or not channel.enabled:
                delivery.status = "failed"
                log.warning(
                    "alert delivery %s to channel %s failed for good: %s", delivery.id, channel.id, result.error
                )
            else:
                delivery.next_attempt_at = utcnow() + retry_delay(delivery.attempts)

        await asyncio.gather(*(attempt(d, c) for d, c in due))
        async with self.db.write() as session:
            for delivery, _ in due:
                await session.merge(delivery)
        sent = sum(1 for d, _ in due if d.status == "delivered")
        return f"{sent} of {len(due)} delivered"
