"""Policy decisions: every rule type, precedence, scopes, and the reasons that explain them."""

from __future__ import annotations

from ams.governance.policy import (
    AgentFacts,
    Effect,
    SpendView,
    decide_action,
    input_refusal,
    model_refusal,
    spend_cap_key,
)
from ams.governance.policy_schemas import compile_policy

AGENT = AgentFacts("agt_1", "triage", "prj_1", frozenset({"support"}))


def _policy(rules, scope=("organization", ""), name="guardrails", pid="pol_1"):
    return compile_policy(pid, name, 3, scope[0], scope[1], rules)


def _decide(policies, action="github.comment", arguments=None, cost=0.0, spend=None):
    return decide_action(policies, AGENT, action, arguments or {}, cost, spend or {})


def test_nothing_in_force_allows():
    decision = _decide([])
    assert decision.effect is Effect.ALLOW and decision.reasons == []


def test_a_deny_list_denies_with_a_reason_naming_policy_and_rule():
    policy = _policy([{"id": "no-merge", "type": "tool_deny", "actions": ["github.merge_*"]}])
    decision = _decide([policy], "github.merge_pr")
    assert decision.effect is Effect.DENY
    [reason] = decision.reasons
    assert (reason.policy_id, reason.policy_name, reason.policy_version, reason.rule_id) == (
        "pol_1",
        "guardrails",
        3,
        "no-merge",
    )
    assert reason.message == "github.merge_pr is on the deny-list (github.merge_*)"
    assert _decide([policy], "github.comment").effect is Effect.ALLOW


def test_argument_patterns_narrow_a_rule():
    policy = _policy([{"type": "tool_deny", "actions": ["shell.run"], "arguments": {"command": "rm *"}}])
    assert _decide([policy], "shell.run", {"command": "rm -rf /"}).effect is Effect.DENY
    assert _decide([policy], "shell.run", {"command": "ls"}).effect is Effect.ALLOW
    assert _decide([policy], "shell.run", {}).effect is Effect.ALLOW  # no such argument: no match


def test_an_allow_list_denies_what_it_does_not_name():
    policy = _policy([{"type": "tool_allow", "actions": ["search.*", "crm.read"]}])
    assert _decide([policy], "search.web").effect is Effect.ALLOW
    decision = _decide([policy], "crm.delete")
    assert decision.effect is Effect.DENY
    assert decision.reasons[0].message == "crm.delete is on no allow-list in force: guardrails (r1)"


def test_an_approval_gate_asks_a_human_and_a_denial_beats_it():
    gate = _policy([{"id": "refunds", "type": "approval", "actions": ["payments.refund"], "expires_in_s": 600}])
    decision = _decide([gate], "payments.refund")
    assert decision.effect is Effect.REQUIRE_APPROVAL
    assert decision.approval is not None and decision.approval.approval_expires_s == 600
    assert decision.reasons[0].message == "payments.refund needs a human's approval (payments.refund)"
    deny = _policy([{"type": "tool_deny", "actions": ["payments.*"]}], pid="pol_2", name="freeze")
    assert _decide([gate, deny], "payments.refund").effect is Effect.DENY


def test_payload_limits():
    policy = _policy([{"type": "payload_limit", "max_arguments_bytes": 20, "max_input_chars": 100}])
    assert _decide([policy], "x", {"a": "short"}).effect is Effect.ALLOW
    decision = _decide([policy], "x", {"a": "a much longer argument"})
    assert decision.effect is Effect.DENY and "bytes pass the limit of 20" in decision.reasons[0].message
    assert input_refusal([policy], AGENT, 100) is None
    assert "passes the limit of 100" in input_refusal([policy], AGENT, 101).message  # type: ignore[union-attr]


def test_spend_caps_block_warn_and_pause():
    cap = _policy([{"id": "daily", "type": "spend_cap", "amount_usd": 10, "period": "day", "soft_limit_pct": 80}])
    rule = cap.rules[0]
    key = spend_cap_key(cap, rule, AGENT)
    fine = _decide([cap], cost=1.0, spend={key: SpendView(5.0, "2026-11-30T00:00:00+00:00")})
    assert fine.effect is Effect.ALLOW and fine.warnings == []
    soft = _decide([cap], cost=1.0, spend={key: SpendView(7.5, "2026-11-30T00:00:00+00:00")})
    assert soft.effect is Effect.ALLOW and "past 80% of the spend cap of $10.00 per day" in soft.warnings[0].message
    over = _decide([cap], cost=1.0, spend={key: SpendView(9.5, "2026-11-30T00:00:00+00:00")})
    assert over.effect is Effect.DENY and not over.pause
    assert over.reasons[0].message == (
        "spend cap of $10.00 per day: $9.5000 spent, $1.0000 more would pass it; it resets at 2026-11-30T00:00:00+00:00"
    )
    alerting = _policy([{"type": "spend_cap", "amount_usd": 10, "on_breach": "alert"}])
    warned = _decide(
        [alerting], cost=1.0, spend={spend_cap_key(alerting, alerting.rules[0], AGENT): SpendView(10, None)}
    )
    assert warned.effect is Effect.ALLOW and warned.warnings[0].effect == "warn"
    pausing = _policy([{"type": "spend_cap", "amount_usd": 10, "on_breach": "pause"}])
    paused = _decide([pausing], cost=1.0, spend={spend_cap_key(pausing, pausing.rules[0], AGENT): SpendView(10, None)})
    assert paused.effect is Effect.DENY and paused.pause


def test_scopes_pick_the_policies_in_force():
    deny = [{"type": "tool_deny", "actions": ["*"]}]
    assert _decide([_policy(deny, ("project", "prj_1"))]).effect is Effect.DENY
    assert _decide([_policy(deny, ("project", "prj_2"))]).effect is Effect.ALLOW
    assert _decide([_policy(deny, ("agent", "triage"))]).effect is Effect.DENY
    assert _decide([_policy(deny, ("agent", "agt_1"))]).effect is Effect.DENY
    assert _decide([_policy(deny, ("tag", "support"))]).effect is Effect.DENY
    assert _decide([_policy(deny, ("tag", "finance"))]).effect is Effect.ALLOW


def test_model_allow_lists():
    policy = _policy([{"type": "model_allow", "models": ["gpt-4o-mini", "claude-*"]}])
    assert model_refusal([policy], AGENT, "claude-haiku-4-5") is None
    refusal = model_refusal([policy], AGENT, "gpt-4.1")
    assert (
        refusal is not None
        and refusal.message == "model gpt-4.1 is not on the model allow-list (claude-*, gpt-4o-mini)"
    )
    assert model_refusal([], AGENT, "anything") is None
