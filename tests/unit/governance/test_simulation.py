"""A draft policy replayed over recorded traffic: what it would have refused, in time order, and why."""

from __future__ import annotations

from ams.governance.policy import AgentFacts
from ams.governance.policy_schemas import compile_policy
from ams.governance.simulation import Recorded, simulate

TRIAGE = AgentFacts("agt_1", "triage", "prj_1", frozenset({"support"}))
BILLING = AgentFacts("agt_2", "billing", "prj_2", frozenset())
AGENTS = {a.id: a for a in (TRIAGE, BILLING)}
HOUR_US = 3_600_000_000
T0 = 1_767_225_600_000_000  # 2026-01-01T00:00:00Z


def _draft(rules, scope=("organization", "")):
    return compile_policy("draft", "draft", 0, scope[0], scope[1], rules)


def test_deny_lists_and_approval_gates_count_each_action_with_its_rule():
    draft = _draft([{"id": "no-merge", "type": "tool_deny", "actions": ["github.merge_*"]},
                    {"id": "refunds", "type": "approval", "actions": ["pay.refund"]}])  # fmt: skip
    traffic = [
        Recorded(T0, "agt_1", "action", "github.comment"),
        Recorded(T0 + 1, "agt_1", "action", "github.merge_pr", trace_id="t1"),
        Recorded(T0 + 2, "agt_2", "action", "pay.refund", arguments={"amount": 30}),
        Recorded(T0 + 3, "agt_2", "llm_call", "gpt-4o", cost_usd=0.01),
    ]
    result = simulate(draft, AGENTS, traffic).as_dict()
    assert result["evaluated"] == {"actions": 3, "llm_calls": 1, "out_of_scope": 0}
    assert result["decisions"] == {"deny": 1, "require_approval": 1, "warn": 0, "allow": 2}
    assert {(r["rule_id"], r["effect"], r["count"]) for r in result["by_rule"]} == {
        ("no-merge", "deny", 1),
        ("refunds", "require_approval", 1),
    }
    newest, oldest = result["examples"]
    assert newest["subject"] == "pay.refund" and newest["agent_name"] == "billing"
    assert oldest["trace_id"] == "t1" and oldest["reasons"][0]["message"].startswith("github.merge_pr is on the deny")


def test_a_spend_cap_refuses_once_spent_and_refused_calls_do_not_count():
    draft = _draft([{"id": "daily", "type": "spend_cap", "amount_usd": 1.0, "period": "day"}], ("agent", "triage"))
    calls = [Recorded(T0 + i, "agt_1", "llm_call", "gpt-4o", cost_usd=0.4) for i in range(5)]
    next_day = Recorded(T0 + 24 * HOUR_US, "agt_1", "llm_call", "gpt-4o", cost_usd=0.4)
    other = Recorded(T0 + 5, "agt_2", "llm_call", "gpt-4o", cost_usd=5.0)  # out of the agent scope
    result = simulate(draft, AGENTS, [*calls, other, next_day]).as_dict()
    # $0.40 + $0.40 fit; each later call would pass $1.00 (the refused ones were never spent); a new day resets.
    assert result["decisions"]["allow"] == 3 and result["decisions"]["deny"] == 3
    assert result["evaluated"]["out_of_scope"] == 1
    message = result["examples"][0]["reasons"][0]["message"]
    assert "spend cap of $1.00 per day: $0.8000 spent" in message and "2026-01-02T00:00:00+00:00" in message


def test_model_allow_lists_and_rate_limits_judge_llm_calls():
    draft = _draft([{"id": "models", "type": "model_allow", "models": ["gpt-4o-mini"]},
                    {"id": "rpm", "type": "rate_limit", "requests_per_minute": 2}])  # fmt: skip
    traffic = [Recorded(T0 + i, "agt_1", "llm_call", "gpt-4o-mini", tokens=10) for i in range(3)]
    traffic.append(Recorded(T0 + 61_000_000, "agt_1", "llm_call", "gpt-4o-mini"))  # the next minute
    traffic.append(Recorded(T0 + 62_000_000, "agt_1", "llm_call", "claude-opus"))
    result = simulate(draft, AGENTS, traffic).as_dict()
    assert result["decisions"] == {"deny": 2, "require_approval": 0, "warn": 0, "allow": 3}
    reasons = [e["reasons"][0] for e in result["examples"]]
    assert reasons[0]["rule_id"] == "models" and "claude-opus is not on the model allow-list" in reasons[0]["message"]
    assert reasons[1]["rule_id"] == "rpm" and "2 calls in the minute" in reasons[1]["message"]


def test_a_deleted_agent_is_matched_by_id_only():
    draft = _draft([{"type": "tool_deny", "actions": ["*"]}], ("tag", "support"))
    result = simulate(draft, AGENTS, [Recorded(T0, "agt_gone", "action", "x.y")]).as_dict()
    assert result["evaluated"]["out_of_scope"] == 1 and result["decisions"]["deny"] == 0
