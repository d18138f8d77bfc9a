"""Bulk operations: one operation over many agents in one transaction, each agent in its own savepoint, so
that one agent's refusal neither stops nor undoes the others. The answer has a result per id."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents import schemas
from ams.agents.lifecycle import LifecycleAction, LifecycleState
from ams.agents.lifecycle_service import transition_in
from ams.agents.models import Agent, AgentTag
from ams.agents.service import delete_agent_in, visible_agent
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import AMSError, InvalidInput
from ams.governance.audit_service import Actor, record

Op = schemas.BulkOperation
_LIFECYCLE = {op: LifecycleAction(op.value) for op in Op if op.value in set(LifecycleAction)}


async def _retag(session: AsyncSession, principal: Principal, agent: Agent, op: Op, tags: list[str]) -> None:
    principal.require_on_agent(Permission.AGENT_EDIT, agent)
    before = agent.tags
    current = set(before)
    wanted = current | set(tags) if op is Op.ADD_TAGS else current - set(tags)
    if wanted == current:
        return
    agent.tag_rows = [row for row in agent.tag_rows if row.tag in wanted] + [
        AgentTag(agent_id=agent.id, tag=t) for t in sorted(wanted - current)
    ]
    agent.updated_at = utcnow()
    await record(
        session,
        Actor.of(principal),
        organization_id=agent.organization_id,
        action="agent.update",
        resource_type="agent",
        resource_id=agent.id,
        project_id=agent.project_id,
        summary={"before": {"tags": before}, "after": {"tags": agent.tags}, "bulk": True},
    )


async def run_bulk(db: Database, principal: Principal, data: schemas.BulkRequest) -> schemas.BulkResult:
    if data.operation in (Op.ADD_TAGS, Op.REMOVE_TAGS) and not data.tags:
        raise InvalidInput.on("tags", f"{data.operation.value} needs at least one tag")
    results: list[schemas.BulkItemResult] = []
    async with db.write() as session:
        for agent_id in dict.fromkeys(data.ids):  # each id once, in the order given
            savepoint = await session.begin_nested()
            try:
                agent = await visible_agent(session, principal, agent_id)
                state: LifecycleState | None
                if data.operation is Op.DELETE:
                    await delete_agent_in(session, principal, agent)
                    state = None
                elif data.operation in (Op.ADD_TAGS, Op.REMOVE_TAGS):
                    await _retag(session, principal, agent, data.operation, data.tags)
                    state = LifecycleState(agent.lifecycle_state)
                else:
                    await transition_in(session, principal, agent, _LIFECYCLE[data.operation], data.reason)
                    state = LifecycleState(agent.lifecycle_state)
                await session.flush()
                await savepoint.commit()
                results.append(schemas.BulkItemResult(id=agent_id, ok=True, status=200, lifecycle_state=state))
            except AMSError as exc:
                await savepoint.rollback()
                results.append(schemas.BulkItemResult(id=agent_id, ok=False, status=exc.status, error=exc.detail))
    succeeded = sum(r.ok for r in results)
    return schemas.BulkResult(
        operation=data.operation, succeeded=succeeded, failed=len(results) - succeeded, results=results
    )
