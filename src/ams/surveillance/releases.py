"""Releases: a person resuming an agent out of quarantine after reviewing it.

Surveillance learns of them from the audit trail, where every lifecycle move is recorded with the state it left
and who made it, so the lifecycle code needs no hook for surveillance. A release gives the agent a fresh start:
its score goes back to at least the release score (`threats.released`), and only what it does after the release
is judged (`service` reads its recent windows from the release on; `scoring` forgets when rules last counted).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents.lifecycle import LifecycleAction, LifecycleState
from ams.governance.models import AuditEntry

# Far enough back that a release is still seen after surveillance was stopped for a while (a restart, an
# outage): the fresh start is applied by the first round after the release, however late.
RELEASE_LOOKBACK = timedelta(hours=24)
_RESUME = f"agent.{LifecycleAction.RESUME.value}"


async def read_releases(
    session: AsyncSession, org: str, since: datetime, until: datetime, agent_ids: list[str] | None = None
) -> dict[str, datetime]:
    """When a person last resumed each agent out of quarantine, in [since, until]."""
    query = select(AuditEntry.resource_id, AuditEntry.at, AuditEntry.summary).where(
        AuditEntry.organization_id == org,
        AuditEntry.resource_type == "agent",
        AuditEntry.action == _RESUME,
        AuditEntry.actor_type != "system",
        AuditEntry.at >= since,
        AuditEntry.at <= until,
    )
    if agent_ids is not None:
        query = query.where(AuditEntry.resource_id.in_(agent_ids))
    latest: dict[str, datetime] = {}
    for agent_id, at, summary in await session.execute(query):
        # Resuming a paused or maintained agent is no release: only a move out of quarantine is.
        if orjson.loads(summary).get("before", {}).get("state") != LifecycleState.QUARANTINED.value:
            continue
        if agent_id not in latest or at > latest[agent_id]:
            latest[agent_id] = at
    return latest
