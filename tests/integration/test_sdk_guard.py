"""The SDK's guard, approvals and feedback against a real AMS: a tool that needs a human waits for one (approved,
refused, or not waited for), and a task's human intervention, feedback score and heartbeats reach AMS."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

import ams_sdk
from tests.integration.conftest import start_server
from tests.integration.sdk_helpers import Fleet, admin_fleet, spans_of, wait_for

APPROVAL = {"id": "refunds-need-a-human", "type": "approval", "actions": ["payments.refund"], "expires_in_s": 60}


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    server = start_server(tmp_path_factory.mktemp("sdk-guard"), None)
    fleet = admin_fleet(server)
    yield fleet
    fleet.close()


@pytest.fixture
def agent(fleet: Fleet) -> Iterator[dict[str, Any]]:
    agent, key = fleet.agent("refunder")
    fleet.policy(agent["id"], APPROVAL)
    ams_sdk.init(api_key=key, endpoint=fleet.server.url, heartbeat_interval_s=0.2, kill_switch=False,
                 set_global_tracer_provider=False)  # fmt: skip
    yield agent
    ams_sdk.shutdown()


def _answer_when_asked(fleet: Fleet, agent_id: str, verdict: str) -> threading.Thread:
    """An operator in another thread, deciding the agent's first pending approval."""

    def decide() -> None:
        def pending() -> list[dict[str, Any]]:
            found = fleet.admin.get("/api/v1/approvals", params={"status": "pending", "agent_id": agent_id})
            return list(found.json()["items"])

        assert wait_for(lambda: bool(pending()), 15)
        decided = fleet.admin.post(f"/api/v1/approvals/{pending()[0]['id']}/{verdict}", json={"comment": "checked"})
        assert decided.status_code == 200, decided.text

    thread = threading.Thread(target=decide)
    thread.start()
    return thread


def test_a_tool_waits_for_a_human_and_runs_once_approved(fleet: Fleet, agent: dict[str, Any]) -> None:
    refunded: list[float] = []

    @ams_sdk.tool(action="payments.refund", approval_timeout_s=30)
    def refund(amount: float) -> str:
        refunded.append(amount)
        return "refunded"

    @ams_sdk.task(name="refund-ticket")
    def ticket() -> str:
        return f"{refund(42.0)} {ams_sdk.current_trace_id()}"

    operator = _answer_when_asked(fleet, agent["id"], "approve")
    answer, trace_id = ticket().split()
    operator.join()
    assert (answer, refunded) == ("refunded", [42.0])
    detail = fleet.trace(trace_id, lambda spans: {"task", "tool", "guard"} <= {s["kind"] for s in spans})
    root = next(s for s in spans_of(detail) if s["kind"] == "task")
    assert (root["task_outcome"], root["human_intervention"]) == ("success", True)
    guard = next(s for s in spans_of(detail) if s["kind"] == "guard")
    assert guard["attributes"]["ams.guard.decision"] == "require_approval"


def test_a_refused_approval_raises_action_denied_and_the_tool_never_runs(fleet: Fleet, agent: dict[str, Any]) -> None:
    @ams_sdk.tool(action="payments.refund", approval_timeout_s=30)
    def refund(amount: float) -> str:
        raise AssertionError("refused by a human: must not run")

    operator = _answer_when_asked(fleet, agent["id"], "deny")
    with pytest.raises(ams_sdk.ActionDenied) as denied:
        refund(900.0)
    operator.join()
    assert denied.value.approval is not None and denied.value.approval["status"] == "denied"
    assert "checked" in str(denied.value)


def test_a_tool_told_not_to_wait_raises_approval_pending_with_the_request(agent: dict[str, Any]) -> None:
    @ams_sdk.tool(action="payments.refund", on_approval="raise")
    def refund(amount: float) -> str:
        raise AssertionError("not approved yet: must not run")

    with pytest.raises(ams_sdk.ApprovalPending) as pending:
        refund(10.0)
    assert pending.value.approval["id"].startswith("apr_")
    assert [r["rule_id"] for r in pending.value.reasons] == ["refunds-need-a-human"]


def test_feedback_human_intervention_and_heartbeats_reach_ams(fleet: Fleet, agent: dict[str, Any]) -> None:
    @ams_sdk.task(name="answer")
    def answer() -> str:
        ams_sdk.record_human_intervention("a reviewer corrected the draft")
        ams_sdk.score("user_rating", 0.8)
        return ams_sdk.current_trace_id() or ""

    trace_id = answer()
    assert ams_sdk.flush(10)
    detail = fleet.trace(trace_id, bool)
    assert detail["roots"][0]["human_intervention"] is True
    assert wait_for(lambda: any(e["name"] == "feedback" for e in fleet.trace(trace_id, bool)["events"]), 10)
    feedback = next(e for e in fleet.trace(trace_id, bool)["events"] if e["name"] == "feedback")
    assert (feedback["score_name"], feedback["score_value"]) == ("user_rating", 0.8)

    def seen() -> bool:
        return fleet.admin.get(f"/api/v1/agents/{agent['id']}").json().get("last_seen_at") is not None

    assert wait_for(seen, 20)  # heartbeats arrived: AMS has heard from the agent
