"""The guard client: ask AMS before an action runs, and wait for a human when a policy wants one.

AMS refusing is the agent's business (`ActionDenied`, `AgentStopped`); AMS being unreachable is not, and
`guard_failure` decides what then happens: `allow` runs the action (logged, once per outage) and `deny` refuses it.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from ams_sdk.config import Config
from ams_sdk.errors import ActionDenied, AgentStopped, ApprovalPending

logger = logging.getLogger("ams_sdk")

ACTION_NAME = re.compile(r"^[A-Za-z0-9_.:/*-]{1,200}$")
# AMS holds one approval read at most a minute; a longer wait is several reads.
_APPROVAL_READ_S = 55.0
# After AMS failed to answer, checks skip the network this long: a tool call must not wait out a timeout each time
# AMS is down or hanging. The first check after it tries AMS again.
_COOL_DOWN_S = 5.0


@dataclass
class Decision:
    """The guard's answer. `decision` is allow, deny or require_approval; `unavailable` when AMS did not answer
    and `guard_failure=allow` let the action run."""

    decision: str
    reasons: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    approval: dict[str, Any] | None = None
    unavailable: bool = False


def check_action_name(action: str) -> str:
    if not ACTION_NAME.match(action):
        raise ValueError(f"action {action!r}: use letters, digits and _ . : / - (at most 200), e.g. github.merge_pr")
    return action


class Guard:
    """Guard checks over the SDK's HTTP client."""

    def __init__(self, config: Config, client: httpx.Client, on_stopped: Any = None) -> None:
        self.config = config
        self.client = client
        self._on_stopped = on_stopped  # the kill switch learns of a stop the guard met first
        self._outage = False
        self._skip_until = 0.0

    def check(
        self,
        action: str,
        arguments: dict[str, Any] | None = None,
        *,
        estimated_cost: float | None = None,
        trace_id: str = "",
        span_id: str = "",
    ) -> Decision:
        """The guard's decision for `action`. Raises `AgentStopped` when AMS refuses the agent itself."""
        body: dict[str, Any] = {"action": action, "arguments": _jsonable(arguments or {})}
        if estimated_cost:
            body["estimated_cost"] = estimated_cost
        if trace_id:
            body["trace_id"], body["span_id"] = trace_id, span_id
        if self.config.agent_id:
            body["agent"] = self.config.agent_id
        if time.monotonic() < self._skip_until:
            return self._unavailable(action, "AMS did not answer the last check")
        try:
            response = self.client.post("/api/v1/guard/check", json=body, timeout=self.config.guard_timeout_s)
        except httpx.HTTPError as exc:
            self._skip_until = time.monotonic() + _COOL_DOWN_S
            return self._unavailable(action, f"{type(exc).__name__}: {exc or 'no answer'}")
        if response.status_code == 403:
            problem = _problem(response)
            reason = str(problem.get("detail") or problem.get("title") or "refused")
            stop = problem.get("emergency_stop")
            if stop is not None or problem.get("lifecycle_state"):
                if self._on_stopped is not None:
                    self._on_stopped(reason, stop)
                raise AgentStopped(reason, stop)
            return self._unavailable(action, f"AMS refused the key: {reason}")
        if response.status_code >= 300:
            return self._unavailable(action, f"AMS answered {response.status_code}: {response.text[:200]}")
        answer = response.json()
        if self._outage:
            self._outage = False
            logger.info("AMS SDK: the guard answers again")
        return Decision(
            decision=answer.get("decision", "deny"),
            reasons=answer.get("reasons") or [],
            warnings=answer.get("warnings") or [],
            approval=answer.get("approval"),
        )

    def _unavailable(self, action: str, why: str) -> Decision:
        if self.config.guard_failure == "deny":
            logger.warning("AMS SDK: guard unavailable for %s (%s): refused (guard_failure=deny)", action, why)
            reason = {"policy_name": "ams-sdk", "rule_id": "guard_failure", "message": f"guard unavailable: {why}"}
            return Decision("deny", reasons=[reason], unavailable=True)
        if not self._outage:
            self._outage = True
            logger.warning("AMS SDK: guard unavailable (%s): actions run unchecked (guard_failure=allow)", why)
        return Decision("allow", unavailable=True)

    def wait_for_approval(self, action: str, decision: Decision, timeout_s: float) -> None:
        """Return once a human approved; raise `ActionDenied` on a refusal or expiry, `ApprovalPending` when
        `timeout_s` passes first."""
        approval = dict(decision.approval or {})
        deadline = time.monotonic() + timeout_s
        while approval.get("status", "pending") == "pending":
            left = deadline - time.monotonic()
            if left <= 0:
                raise ApprovalPending(action, approval, decision.reasons)
            wait = min(left, _APPROVAL_READ_S)
            try:
                response = self.client.get(
                    f"/api/v1/approvals/{approval['id']}", params={"wait": round(wait, 1)}, timeout=wait + 10
                )
            except httpx.HTTPError as exc:
                logger.warning("AMS SDK: cannot read approval %s (%s); retrying", approval.get("id"), exc)
                time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
                continue
            if response.status_code >= 300:
                raise ApprovalPending(action, {**approval, "error": response.text[:200]}, decision.reasons)
            approval = response.json()
        if approval["status"] != "approved":
            who = approval.get("decided_by") or "AMS"
            comment = approval.get("comment") or ""
            message = f"approval {approval['status']} by {who}" + (f": {comment}" if comment else "")
            reason = {"policy_name": "approval", "rule_id": approval.get("rule_id", ""), "message": message}
            raise ActionDenied(action, [*decision.reasons, reason], approval)


def _problem(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {"detail": response.text[:200]}
    return body if isinstance(body, dict) else {}


def _jsonable(value: Any) -> Any:
    """Arguments as JSON can carry them: what is not JSON becomes its text, so a tool's odd argument never
    fails the check."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)[:1000]
