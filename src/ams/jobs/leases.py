"""Leases on periodic jobs, so that when several AMS instances run, one of them runs each job at a time."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from ams.db.base import utcnow
from ams.db.engine import Database
from ams.jobs.models import JobLease


async def acquire(db: Database, name: str, holder: str, ttl: timedelta) -> bool:
    """Take (or renew) the lease on `name` for `ttl`; False when another live holder has it."""
    now = utcnow()
    async with db.write() as session:
        taken = await session.execute(
            update(JobLease)
            .where(JobLease.name == name, or_(JobLease.holder == holder, JobLease.expires_at < now))
            .values(holder=holder, expires_at=now + ttl)
        )
        if taken.rowcount:  # type: ignore[attr-defined]
            return True
        if (await session.execute(select(JobLease.name).where(JobLease.name == name))).first():
            return False
    try:
        async with db.write() as session:
            session.add(JobLease(name=name, holder=holder, expires_at=now + ttl))
        return True
    except IntegrityError:  # another instance created it first
        return False


async def release(db: Database, name: str, holder: str) -> None:
    """Give up the lease on `name` if `holder` has it, so that another instance, or this one restarted under a
    new holder id, takes the job at once instead of waiting for the lease to expire."""
    async with db.write() as session:
        await session.execute(delete(JobLease).where(JobLease.name == name, JobLease.holder == holder))
