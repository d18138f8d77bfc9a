"""The admission step: checks every gateway call passes before it is routed.

Each check looks at the call (who, which agent, which model) and refuses it or lets it pass. Today: the agent's
lifecycle state. Governance (spend caps, model allow-lists, the emergency stop) appends its checks to the same
list, so the proxy does not change when they arrive.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ams.agents.lifecycle import SERVING_STATE
from ams.gateway.directory import AgentEntry


@dataclass(frozen=True, slots=True)
class CallSubject:
    """What a check may consider. A check that reserves something for the call (a spend cap's estimate) appends
    a hold: an object with `async settle(cost_usd)`, settled with the call's real cost once it is known."""

    agent: AgentEntry
    key_id: str
    alias: str
    request: dict[str, Any]
    holds: list[Any] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Refusal:
    status: int
    code: str  # OpenAI-style error code
    message: str
    extra: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


AdmissionCheck = Callable[[CallSubject], Awaitable[Refusal | None]]


async def lifecycle_check(subject: CallSubject) -> Refusal | None:
    """Only active agents call (DESIGN §5); the refusal names the state."""
    state = subject.agent.state
    if state == SERVING_STATE.value:
        return None
    return Refusal(
        403,
        "agent_not_active",
        f"agent {subject.agent.name!r} is {state}; only active agents may call the gateway",
        {"lifecycle_state": state},
    )


async def admit(checks: list[AdmissionCheck], subject: CallSubject) -> Refusal | None:
    for check in checks:
        refusal = await check(subject)
        if refusal is not None:
            return refusal
    return None
