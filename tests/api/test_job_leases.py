"""Job leases on the control database (SQLite and PostgreSQL): a stopped job gives its lease back."""

import asyncio
import secrets
from datetime import timedelta

from sqlalchemy import select

from ams.jobs.daemon import INSTANCE_ID, PeriodicJob
from ams.jobs.leases import acquire
from ams.jobs.models import JobLease


class _Counting(PeriodicJob):
    interval = timedelta(minutes=5)

    def __init__(self, db, name: str) -> None:
        self.name = name
        super().__init__(db)
        self.ran = asyncio.Event()

    async def run_once(self) -> str:
        self.ran.set()
        return "counted"


async def _holder(db, name: str) -> str | None:
    async with db.read() as session:
        return (await session.execute(select(JobLease.holder).where(JobLease.name == name))).scalar()


async def test_a_stopped_job_releases_its_lease_for_a_restarted_server(app):
    db = app.state.context.db
    name = f"test.lease-{secrets.token_hex(4)}"
    job = _Counting(db, name)
    job.start()
    await asyncio.wait_for(job.ran.wait(), 10)
    assert await _holder(db, name) == INSTANCE_ID
    # While it runs, another instance cannot take the job.
    assert not await acquire(db, name, "other-host:1", timedelta(minutes=10))
    await job.stop()
    assert await _holder(db, name) is None
    # A restarted server has a new holder id: it takes the job at once, not after the old lease expires.
    assert await acquire(db, name, "other-host:1", timedelta(minutes=10))
    assert await _holder(db, name) == "other-host:1"


async def test_stopping_does_not_release_another_holders_lease(app):
    db = app.state.context.db
    name = f"test.lease-{secrets.token_hex(4)}"
    assert await acquire(db, name, "other-host:2", timedelta(minutes=10))
    job = _Counting(db, name)
    job.start()
    await asyncio.sleep(0.2)  # its first tick finds the lease taken and does not run
    await job.stop()
    assert not job.ran.is_set()
    assert await _holder(db, name) == "other-host:2"
