"""What the SDK raises into the agent's code: refusals it must act on, never AMS's own troubles."""

from __future__ import annotations

from typing import Any


class AMSError(Exception):
    """Base of the SDK's errors."""


class ActionDenied(AMSError):
    """The guard refused the action; `reasons` says which policies and rules, and why.

    Attributes:
        action: The action that was refused.
        reasons: The guard's reasons, each with `policy_name`, `rule_id` and `message`.
        approval: The approval request when a human refused it (or it expired), else None.
    """

    def __init__(self, action: str, reasons: list[dict[str, Any]], approval: dict[str, Any] | None = None) -> None:
        self.action = action
        self.reasons = reasons
        self.approval = approval
        why = "; ".join(f"{r.get('policy_name', '?')}/{r.get('rule_id', '?')}: {r.get('message', '')}" for r in reasons)
        super().__init__(f"{action} denied: {why or 'no reason given'}")


class ApprovalPending(AMSError):
    """The action needs a human's approval and the tool was told not to wait (`on_approval="raise"`), or the
    wait ran out before anyone decided.

    Attributes:
        action: The action waiting.
        approval: The request: `id`, `status`, `expires_at`; an operator decides it in AMS.
        reasons: The rules that asked for the approval.
    """

    def __init__(self, action: str, approval: dict[str, Any], reasons: list[dict[str, Any]]) -> None:
        self.action = action
        self.approval = approval
        self.reasons = reasons
        super().__init__(f"{action} waits for approval {approval.get('id')} ({approval.get('status', 'pending')})")


class AgentStopped(AMSError):
    """AMS stopped or paused this agent: no new task, tool call or LLM call may start.

    Attributes:
        reason: Why, as AMS said it (the emergency stop's reason, or the lifecycle state).
        emergency_stop: The stop in force, as AMS described it, when it is one.
    """

    def __init__(self, reason: str, emergency_stop: dict[str, Any] | None = None) -> None:
        self.reason = reason
        self.emergency_stop = emergency_stop
        super().__init__(f"the agent was stopped by AMS: {reason}")
