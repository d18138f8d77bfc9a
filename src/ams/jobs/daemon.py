"""Background work as small daemons, started and stopped by the app's lifespan.

A `PeriodicJob` runs `run_once` every `interval`, holding a lease so that one instance runs it at a time; a
failing run is logged and retried at the next interval, never allowed to end the daemon.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ams.db.base import utcnow
from ams.db.engine import Database
from ams.jobs.leases import acquire, release

log = logging.getLogger(__name__)
INSTANCE_ID = f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class JobStatus:
    name: str
    runs: int = 0
    failures: int = 0
    last_run_at: datetime | None = None
    last_error: str | None = None
    last_result: str | None = None
    running: bool = field(default=False)


class PeriodicJob(ABC):
    name: str
    interval: timedelta

    def __init__(self, db: Database) -> None:
        self.db = db
        self.status = JobStatus(self.name)
        self._task: asyncio.Task[None] | None = None

    @abstractmethod
    async def run_once(self) -> str:
        """Do one round of the job; return a one-line summary of what it did."""

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=f"job:{self.name}")
        self.status.running = True

    async def stop(self) -> None:
        """Cancel the loop, then release the lease: a restarted server has a new holder id and would otherwise
        wait out the old lease (twice the interval) before running the job again."""
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
            try:
                await release(self.db, self.name, INSTANCE_ID)
            except Exception:  # a stop must go on (the ingest drain comes after): the lease then just expires
                log.exception("job %s: could not release its lease", self.name)
        self.status.running = False

    async def tick(self) -> bool:
        """One round if this instance holds the lease; True when it ran."""
        if not await acquire(self.db, self.name, INSTANCE_ID, self.interval * 2):
            return False
        try:
            self.status.last_result = await self.run_once()
            self.status.last_error = None
        except Exception as exc:  # a failed round is reported and retried, it does not end the daemon
            self.status.failures += 1
            self.status.last_error = f"{type(exc).__name__}: {exc}"[:500]
            log.exception("job %s failed", self.name)
        self.status.runs += 1
        self.status.last_run_at = utcnow()
        return True

    async def _loop(self) -> None:
        while True:
            await self.tick()
            await asyncio.sleep(self.interval.total_seconds())
