"""The guard (`POST /api/v1/guard/check`): an agent asks before an action runs and gets allow, deny or
require_approval, with the reasons.

The path reads only memory (the cached key, the agent's facts, the organization's compiled policies, the stops in
force) and the shared state (what spend caps have counted), so a decision costs well under a millisecond. What
follows a decision is done beside the answer: the guard span goes to the span buffer, denials go to the audit
trail, a spend cap that pauses pauses the agent. Only an approval gate writes before answering: the agent gets
the approval's id to wait on.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from datetime import timedelta
from typing import Any

import orjson
from sqlalchemy import select

from ams.agents.lifecycle import LifecycleAction
from ams.agents.lifecycle_service import apply_transition
from ams.agents.models import Agent
from ams.auth.principal import Principal, PrincipalKind
from ams.db.base import utcnow
from ams.db.engine import Database
from ams.errors import AMSError, Forbidden, InvalidInput, NotFound
from ams.gateway.meter import CallRecord, Meter
from ams.governance import spend
from ams.governance.audit_service import Actor, record
from ams.governance.models import Approval
from ams.governance.policy import Decision, Effect, decide_action
from ams.governance.state import GovernanceState
from ams.ids import new_id
from ams.shared_state import SharedState

log = logging.getLogger(__name__)
GOVERNANCE = Actor("system", "governance", "AMS governance")
_ACTION = re.compile(r"^[A-Za-z0-9_.:/*-]{1,200}$")
_HEX32, _HEX16 = re.compile(r"^[0-9a-f]{32}$"), re.compile(r"^[0-9a-f]{16}$")


class AgentNotActive(AMSError):
    status = 403
    title = "Agent not active"


class Stopped(AMSError):
    status = 403
    title = "Emergency stop"


def _field(body: dict[str, Any], name: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    value = body.get(name, default)
    if value is not None and (not isinstance(value, kind) or isinstance(value, bool) and kind is not bool):
        raise InvalidInput.on(name, f"must be {getattr(kind, '__name__', 'of another type')}")
    return value


async def pause_for_spend(db: Database, agent_id: str, why: str) -> None:
    """Pause an agent a spend cap with `on_breach: pause` stopped (audited as AMS governance's doing)."""
    async with db.write() as session:
        agent = await session.get(Agent, agent_id)
        if agent is None or agent.lifecycle_state != "active":
            return
        await apply_transition(session, GOVERNANCE, agent, LifecycleAction.PAUSE, f"paused by a spend cap: {why}")


class Guard:
    def __init__(self, db: Database, state: GovernanceState, shared: SharedState, meter: Meter) -> None:
        self.db, self.state, self.shared, self.meter = db, state, shared, meter
        self._background: set[asyncio.Task[None]] = set()
        # Refusals waiting for the audit trail: written together, one transaction per batch, so that an agent
        # retrying a denied action in a loop costs one write per batch rather than one per denial.
        self._unaudited: list[tuple[Any, Principal, dict[str, Any]]] = []
        self._auditing = False

    async def drain(self) -> None:
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    async def check(self, principal: Principal, body: dict[str, Any]) -> dict[str, Any]:
        started, start_us = time.perf_counter(), time.time_ns() // 1000
        if principal.kind is PrincipalKind.USER or not principal.project_id:
            raise Forbidden("the guard takes an agent key, or a project key naming its agent")
        action = _field(body, "action", str)
        if not action or not _ACTION.match(action):
            raise InvalidInput.on("action", "required: a name such as github.merge_pr (letters, digits, _ . : / -)")
        arguments = _field(body, "arguments", dict, {}) or {}
        estimated = _field(body, "estimated_cost", (int, float), 0.0) or 0.0
        if estimated < 0:
            raise InvalidInput.on("estimated_cost", "must not be negative")
        trace_id = (_field(body, "trace_id", str, "") or "").lower()
        span_id = (_field(body, "span_id", str, "") or "").lower()
        if trace_id and not _HEX32.match(trace_id):
            raise InvalidInput.on("trace_id", "must be 32 hex digits")
        if span_id and not _HEX16.match(span_id):
            raise InvalidInput.on("span_id", "must be 16 hex digits")
        agent = await self._agent(principal, _field(body, "agent", str))
        facts, org = agent.facts, agent.organization_id
        if agent.lifecycle_state != "active":
            raise AgentNotActive(
                f"agent {facts.name!r} is {agent.lifecycle_state}; only active agents pass a guard check",
                lifecycle_state=agent.lifecycle_state,
            )
        stop = self.state.stop_for(org, facts)
        if stop is not None:
            raise Stopped(f"refused: {stop.describe()}", emergency_stop=stop.as_dict())
        policies = await self.state.policies_for(agent)
        now = utcnow()
        caps = spend.caps_in_force(policies, facts, now)
        views = await spend.views(self.shared, caps) if caps else {}
        decision = decide_action(policies, facts, action, arguments, float(estimated), views)
        answer: dict[str, Any] = {
            "decision": decision.effect.value,
            "agent_id": facts.id,
            "action": action,
            "reasons": [r.as_dict() for r in decision.reasons],
            "warnings": [r.as_dict() for r in decision.warnings],
            "approval": None,
            "decided_at": now.isoformat(),
        }
        if decision.effect is Effect.REQUIRE_APPROVAL:
            answer["approval"] = await self._open_approval(agent, decision, action, arguments, trace_id, span_id)
        elif decision.effect is Effect.ALLOW and caps and estimated:
            self._later(spend.count(self.shared, caps, float(estimated)))
        self._record_span(agent, principal, answer, arguments, trace_id, span_id, start_us, started)
        if decision.effect is not Effect.ALLOW:
            self._unaudited.append((agent, principal, answer))
            if not self._auditing:
                self._auditing = True
                self._later(self._audit())
        if decision.pause:
            self._later(self._pause(agent.facts.id, decision))
        return answer

    async def _agent(self, principal: Principal, named: str | None) -> Any:
        """The agent a key speaks for (`check` has refused callers without a project)."""
        assert principal.project_id is not None
        if principal.kind is PrincipalKind.AGENT_KEY:
            agent_id = principal.agent_id or ""
        else:
            if not named:
                raise InvalidInput.on("agent", "a project key names the agent (its id or name)")
            agent_id = await self._agent_id(principal.project_id, named)
        found = await self.state.agent(agent_id)
        if found is None or found.facts.project_id != principal.project_id:
            raise NotFound(f"agent {named or agent_id} not found")
        return found

    async def _agent_id(self, project_id: str, ref: str) -> str:
        if ref.startswith("agt_"):
            return ref
        async with self.db.read() as session:
            found = (
                await session.execute(select(Agent.id).where(Agent.project_id == project_id, Agent.name == ref))
            ).scalar_one_or_none()
        if found is None:
            raise NotFound(f"agent {ref} not found")
        return str(found)

    async def _open_approval(
        self, agent: Any, decision: Decision, action: str, arguments: dict[str, Any], trace_id: str, span_id: str
    ) -> dict[str, Any]:
        gate, policy = decision.approval, decision.approval_policy
        assert gate is not None and policy is not None  # set whenever the effect is require_approval
        now = utcnow()
        approval = Approval(
            id=new_id("apr"), organization_id=agent.organization_id, project_id=agent.facts.project_id,
            agent_id=agent.facts.id, policy_id=policy.id, rule_id=gate.id, action=action, arguments=arguments,
            reasons=[r.as_dict() for r in decision.reasons], status="pending", trace_id=trace_id, span_id=span_id,
            requested_at=now, expires_at=now + timedelta(seconds=gate.approval_expires_s), comment="",
        )  # fmt: skip
        async with self.db.write() as session:
            session.add(approval)
            await record(
                session, Actor("agent", agent.facts.id, agent.facts.name), organization_id=agent.organization_id,
                action="approval.request", resource_type="approval", resource_id=approval.id,
                project_id=agent.facts.project_id,
                summary={"agent_id": agent.facts.id, "action": action, "policy": policy.name, "rule": gate.id},
            )  # fmt: skip
        # On the live stream, so that the operators' queue shows it at once.
        self.state.live.publish([{
            "type": "approval", "organization_id": approval.organization_id, "project_id": approval.project_id,
            "agent_id": approval.agent_id, "approval_id": approval.id, "status": "pending", "action": action,
        }])  # fmt: skip
        return {"id": approval.id, "status": "pending", "expires_at": approval.expires_at.isoformat()}

    def _record_span(
        self,
        agent: Any,
        principal: Principal,
        answer: dict[str, Any],
        arguments: dict[str, Any],
        trace_id: str,
        span_id: str,
        start_us: int,
        started: float,
    ) -> None:
        end_us = start_us + int((time.perf_counter() - started) * 1e6)
        attributes = {
            "ams.guard.action": answer["action"],
            "ams.guard.decision": answer["decision"],
            "ams.guard.reasons": answer["reasons"],
            "ams.guard.warnings": answer["warnings"],
        }
        if answer["approval"]:
            attributes["ams.guard.approval_id"] = answer["approval"]["id"]
        self.meter.record(CallRecord(
            agent.organization_id, agent.facts.project_id, agent.facts.id, "", trace_id or os.urandom(16).hex(),
            os.urandom(8).hex(), span_id, f"guard {answer['action']}", "guard", "guard_check",
            answer["decision"] != "deny", "; ".join(r["message"] for r in answer["reasons"])[:500],
            start_us, max(end_us, start_us + 1), "", "", "", 0, 0, 0, None,
            orjson.dumps(arguments).decode()[:4000], answer["decision"], attributes, tool_name=answer["action"],
        ))  # fmt: skip

    async def _audit(self) -> None:
        try:
            await asyncio.sleep(0)  # let the refusals of this moment join the batch
            while self._unaudited:
                batch, self._unaudited = self._unaudited, []
                async with self.db.write() as session:
                    for agent, principal, answer in batch:
                        await record(
                            session, Actor.of(principal), organization_id=agent.organization_id,
                            action=f"guard.{answer['decision']}", resource_type="agent",
                            resource_id=agent.facts.id, project_id=agent.facts.project_id,
                            summary={"action": answer["action"], "reasons": answer["reasons"]},
                        )  # fmt: skip
        finally:
            self._auditing = False

    async def _pause(self, agent_id: str, decision: Decision) -> None:
        why = "; ".join(r.message for r in decision.reasons if r.rule_type == "spend_cap")
        await pause_for_spend(self.db, agent_id, why)

    def _later(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._background.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("work after a guard decision failed", exc_info=task.exception())
