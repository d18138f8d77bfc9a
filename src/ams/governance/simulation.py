"""What a draft policy would have decided over recorded traffic. Pure: no I/O.

The traffic is replayed in time order, as it happened: each recorded action (a guard check, or a tool call of an
agent that does not ask the guard) is decided as the guard would decide it, and each LLM call as the gateway
would admit it: model allow-lists, prompt-size limits, rate limits per calendar minute, and spend caps. Spend caps
count what the calls that would still have run really cost; a call the draft refuses is taken out of the history
and its cost does not count, as it would not have been spent. The gateway decides spend caps on an estimate made
before the call; the replay, knowing the real cost, decides on that.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from ams.governance.policy import (
    AgentFacts,
    Decision,
    Effect,
    Policy,
    Reason,
    Rule,
    RuleType,
    SpendView,
    applies,
    decide_action,
    input_refusal,
    judge_spend,
    model_refusal,
    spend_cap_key,
    spend_period,
)

EXAMPLES = 20


@dataclass(frozen=True)
class Recorded:
    """One thing an agent did: an action it took (or asked to take) or an LLM call it made."""

    at_us: int
    agent_id: str
    kind: Literal["action", "llm_call"]
    subject: str  # the action's name, or the model called
    trace_id: str = ""
    arguments: Mapping[str, Any] = field(default_factory=dict)
    cost_usd: float = 0.0
    tokens: int = 0
    input_chars: int = 0


@dataclass
class Simulation:
    actions: int = 0
    llm_calls: int = 0
    out_of_scope: int = 0
    decisions: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    examples: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=EXAMPLES))

    def as_dict(self) -> dict[str, Any]:
        return {
            "evaluated": {"actions": self.actions, "llm_calls": self.llm_calls, "out_of_scope": self.out_of_scope},
            "decisions": {e: self.decisions.get(e, 0) for e in ("deny", "require_approval", "warn", "allow")},
            "by_rule": [
                {"rule_id": rule_id, "rule_type": rule_type, "effect": effect, "count": count}
                for (rule_id, rule_type, effect), count in sorted(self.by_rule.items(), key=lambda kv: -kv[1])
            ],
            "examples": list(reversed(self.examples)),  # newest first
        }


class _Replay:
    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.spent: dict[str, float] = {}  # cap key and period -> USD
        self.minute: dict[str, int] = {}  # rate counter and minute -> requests or tokens

    def _views(self, facts: AgentFacts, when: datetime) -> dict[str, SpendView]:
        views = {}
        for rule in self._rules(RuleType.SPEND_CAP):
            key = spend_cap_key(self.policy, rule, facts)
            suffix, resets_at = spend_period(rule.period, when)
            views[key] = SpendView(self.spent.get(f"{key}:{suffix}", 0.0), resets_at)
        return views

    def _count_spend(self, facts: AgentFacts, when: datetime, cost: float) -> None:
        for rule in self._rules(RuleType.SPEND_CAP):
            counter = f"{spend_cap_key(self.policy, rule, facts)}:{spend_period(rule.period, when)[0]}"
            self.spent[counter] = self.spent.get(counter, 0.0) + cost

    def _rules(self, kind: RuleType) -> list[Rule]:
        return [r for r in self.policy.rules if r.type is kind]

    def action(self, facts: AgentFacts, event: Recorded, when: datetime) -> Decision:
        decision = decide_action(
            [self.policy], facts, event.subject, event.arguments, event.cost_usd, self._views(facts, when)
        )
        if decision.effect is Effect.ALLOW and event.cost_usd:
            self._count_spend(facts, when, event.cost_usd)
        return decision

    def llm_call(self, facts: AgentFacts, event: Recorded, when: datetime) -> Decision:
        policies = [self.policy]
        refused = model_refusal(policies, facts, event.subject) or input_refusal(policies, facts, event.input_chars)
        denials = [refused] if refused else []
        denials += self._rate_refusals(facts, event, when, count=not denials)
        warnings: list[Reason] = []
        views = self._views(facts, when)
        for rule in self._rules(RuleType.SPEND_CAP):
            view = views[spend_cap_key(self.policy, rule, facts)]
            effect, reason = judge_spend(self.policy, rule, view, event.cost_usd)
            if reason is not None:
                (denials if effect == "deny" else warnings).append(reason)
        if denials:
            return Decision(Effect.DENY, denials, warnings)
        self._count_spend(facts, when, event.cost_usd)
        return Decision(Effect.ALLOW, [], warnings)

    def _rate_refusals(self, facts: AgentFacts, event: Recorded, when: datetime, count: bool) -> list[Reason]:
        """Rate limits per calendar minute; a call that passes is counted (unless already refused)."""
        refusals = []
        minute = when.strftime("%Y-%m-%dT%H:%M")
        subject = facts.id if self.policy.scope_type == "agent" else self.policy.scope_value
        for rule in self._rules(RuleType.RATE_LIMIT):
            base = f"{rule.id}:{subject}:{minute}"
            requests, tokens = self.minute.get(f"{base}:r", 0), self.minute.get(f"{base}:t", 0)
            if rule.requests_per_minute and requests + 1 > rule.requests_per_minute:
                message = (
                    f"{requests} calls in the minute from {minute} already reach {rule.requests_per_minute} per minute"
                )
                refusals.append(self._reason(rule, message))
            elif rule.tokens_per_minute and tokens + event.tokens > rule.tokens_per_minute:
                message = (
                    f"{tokens + event.tokens:,} tokens in the minute from {minute} pass "
                    f"{rule.tokens_per_minute:,} per minute"
                )
                refusals.append(self._reason(rule, message))
            elif count:
                self.minute[f"{base}:r"], self.minute[f"{base}:t"] = requests + 1, tokens + event.tokens
        return refusals

    def _reason(self, rule: Rule, message: str) -> Reason:
        p = self.policy
        return Reason(p.id, p.name, p.version, rule.id, rule.type.value, "deny", message)


def simulate(policy: Policy, agents: Mapping[str, AgentFacts], traffic: Iterable[Recorded]) -> Simulation:
    """Replay `traffic` (in time order) under `policy` alone. Agents missing from `agents` (deleted since) are
    matched by id only."""
    replay, result = _Replay(policy), Simulation()
    for event in traffic:
        facts = agents.get(event.agent_id) or AgentFacts(event.agent_id, event.agent_id, "", frozenset())
        if not applies(policy, facts):
            result.out_of_scope += 1
            continue
        when = datetime.fromtimestamp(event.at_us / 1e6, UTC)
        if event.kind == "action":
            result.actions += 1
            decision = replay.action(facts, event, when)
        else:
            result.llm_calls += 1
            decision = replay.llm_call(facts, event, when)
        effect = decision.effect.value
        if decision.effect is Effect.ALLOW and decision.warnings:
            effect = "warn"
        result.decisions[effect] += 1
        for reason in (*decision.reasons, *decision.warnings):
            result.by_rule[(reason.rule_id, reason.rule_type, reason.effect)] += 1
        if effect != "allow":
            result.examples.append({
                "at": when.isoformat(), "agent_id": facts.id, "agent_name": facts.name, "subject": event.subject,
                "kind": event.kind, "effect": effect, "trace_id": event.trace_id,
                "reasons": [r.as_dict() for r in (*decision.reasons, *decision.warnings)],
            })  # fmt: skip
    return result
