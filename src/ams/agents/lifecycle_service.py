"""Moving agents through their lifecycle: each move checked by the state machine, applied and audited."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ams.agents import schemas
from ams.agents.lifecycle import LifecycleAction, LifecycleState, allowed_actions, next_state
from ams.agents.models import Agent, AgentVersion
from ams.agents.service import agent_public, current_version_of, visible_agent
from ams.auth.keys_service import revoke_agent_keys
from ams.auth.principal import Principal
from ams.auth.roles import Permission
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import InvalidInput
from ams.governance.audit_service import Actor, record


async def _version_to_deploy(session: AsyncSession, agent: Agent, ref: str) -> AgentVersion:
    column = AgentVersion.id if ref.startswith("ver_") else AgentVersion.version
    version = (
        await session.execute(select(AgentVersion).where(AgentVersion.agent_id == agent.id, column == ref))
    ).scalar_one_or_none()
    if version is None:
        raise InvalidInput.on("version", f"agent {agent.name!r} has no version {ref!r}")
    return version


def _move(agent: Agent, state: LifecycleState, reason: str) -> None:
    agent.lifecycle_state, agent.state_reason = state.value, reason
    agent.state_changed_at = agent.updated_at = utcnow()


async def transition_in(
    session: AsyncSession,
    principal: Principal,
    agent: Agent,
    action: LifecycleAction,
    reason: str,
    version: str | None = None,
) -> Agent:
    principal.require_on_agent(Permission.AGENT_LIFECYCLE, agent)
    return await apply_transition(session, Actor.of(principal), agent, action, reason, version)


async def apply_transition(
    session: AsyncSession,
    actor: Actor,
    agent: Agent,
    action: LifecycleAction,
    reason: str,
    version: str | None = None,
    details: dict[str, object] | None = None,
) -> Agent:
    """Make a lifecycle move the caller has already been allowed to make (AMS itself, when it quarantines an
    agent, is such a caller); `details` are kept in the audit entry beside the reason."""
    if version is not None and action is not LifecycleAction.DEPLOY:
        raise InvalidInput.on("version", f"only deploy takes a version, not {action.value}")
    before = LifecycleState(agent.lifecycle_state)
    target = next_state(before, action)
    before_doc: dict[str, str | None] = {"state": before.value}
    after_doc: dict[str, str | None] = {"state": target.value}
    if version is not None:
        chosen = await _version_to_deploy(session, agent, version)
        before_doc["version_id"] = agent.current_version_id
        after_doc.update(version_id=chosen.id, version=chosen.version)
        agent.current_version_id = chosen.id
    _move(agent, target, reason)
    await record(
        session,
        actor,
        organization_id=agent.organization_id,
        action=f"agent.{action.value}",
        resource_type="agent",
        resource_id=agent.id,
        project_id=agent.project_id,
        summary={"before": before_doc, "after": after_doc, "reason": reason, **(details or {})},
    )
    if target is LifecycleState.DECOMMISSIONING:
        # Decommissioning means: no new work. Its keys go first, then the agent is at rest.
        revoked = await revoke_agent_keys(session, actor, agent)
        _move(agent, LifecycleState.DECOMMISSIONED, reason)
        await record(
            session,
            actor,
            organization_id=agent.organization_id,
            action="agent.decommissioned",
            resource_type="agent",
            resource_id=agent.id,
            project_id=agent.project_id,
            summary={
                "before": {"state": target.value},
                "after": {"state": LifecycleState.DECOMMISSIONED.value},
                "keys_revoked": revoked,
            },
        )
    return agent


async def transition(
    db: Database,
    principal: Principal,
    ref: str,
    action: LifecycleAction,
    data: schemas.LifecycleRequest,
    project_id: str | None,
) -> schemas.AgentPublic:
    async with db.write() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        await transition_in(session, principal, agent, action, data.reason, data.version)
        return agent_public(agent, await current_version_of(session, agent))


async def read_status(db: Database, principal: Principal, ref: str, project_id: str | None) -> schemas.AgentStatus:
    async with db.read() as session:
        agent = await visible_agent(session, principal, ref, project_id)
        state = LifecycleState(agent.lifecycle_state)
        return schemas.AgentStatus(
            id=agent.id,
            name=agent.name,
            lifecycle_state=state,
            state_reason=agent.state_reason,
            state_changed_at=agent.state_changed_at,
            allowed_actions=allowed_actions(state),
            health=agent.health,
            activity=agent.activity,
            last_seen_at=agent.last_seen_at,
            current_version_id=agent.current_version_id,
            may_run=state is LifecycleState.ACTIVE,
        )
