"""Policies and the decisions they make. Pure: no I/O.

A policy has a scope (the organization, a project, an agent, or agents with a tag) and rules. For a guard check
(an agent asking before an action runs) the rules of every policy in scope are weighed together:

- a deny-list entry that matches the action (and its argument patterns) denies;
- when any policy in scope has an allow-list, an action that matches none of them is denied;
- a payload limit the arguments exceed denies;
- a spend cap that the estimated cost would pass denies (`block`), or allows with a warning (`alert`), or
  pauses the agent (`pause`); past a cap's soft limit the decision carries a warning;
- an approval gate that matches makes the decision `require_approval`.

Deny wins over require_approval, which wins over allow. Every rule that shaped the decision is a reason naming
its policy and rule and saying why in plain words, so that the agent, the dashboard and the audit trail can
show the "Why?" of every refusal. Patterns are globs (`github.*`, `*.delete`), matched case-sensitively.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

import orjson


class Effect(StrEnum):
    ALLOW = "allow"
    DENY = "deny"
    REQUIRE_APPROVAL = "require_approval"


class RuleType(StrEnum):
    SPEND_CAP = "spend_cap"
    TOOL_ALLOW = "tool_allow"
    TOOL_DENY = "tool_deny"
    MODEL_ALLOW = "model_allow"
    RATE_LIMIT = "rate_limit"
    APPROVAL = "approval"
    PAYLOAD_LIMIT = "payload_limit"


class Period(StrEnum):
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"
    TOTAL = "total"


class OnBreach(StrEnum):
    BLOCK = "block"
    ALERT = "alert"
    PAUSE = "pause"


@lru_cache(maxsize=4096)
def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern))


def matches(pattern: str, value: str) -> bool:
    return _glob(pattern).match(value) is not None


@lru_cache(maxsize=4096)
def _any_glob(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for a rule's patterns: a fleet's rules are weighed on every decision."""
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")


def matches_any(patterns: tuple[str, ...], value: str) -> bool:
    return _any_glob(patterns).match(value) is not None


def arguments_match(patterns: Mapping[str, str], arguments: Mapping[str, Any]) -> bool:
    """Every argument pattern matches its argument (as text); an argument that is absent does not match."""
    for name, pattern in patterns.items():
        if name not in arguments:
            return False
        value = arguments[name]
        text = value if isinstance(value, str) else orjson.dumps(value).decode()
        if not matches(pattern, text):
            return False
    return True


@dataclass(frozen=True)
class Rule:
    id: str
    type: RuleType
    actions: tuple[str, ...] = ()
    arguments: Mapping[str, str] = field(default_factory=dict)
    models: tuple[str, ...] = ()
    amount_usd: float = 0.0
    period: Period = Period.DAY
    on_breach: OnBreach = OnBreach.BLOCK
    soft_limit_pct: float | None = None
    requests_per_minute: int | None = None
    tokens_per_minute: int | None = None
    max_arguments_bytes: int | None = None
    max_input_chars: int | None = None
    approval_expires_s: int = 3600

    def matches_action(self, action: str, arguments: Mapping[str, Any]) -> bool:
        return matches_any(self.actions, action) and (not self.arguments or arguments_match(self.arguments, arguments))


@dataclass(frozen=True)
class Policy:
    id: str
    name: str
    version: int
    scope_type: str  # organization | project | agent | tag
    scope_value: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class AgentFacts:
    id: str
    name: str
    project_id: str
    tags: frozenset[str]


def applies(policy: Policy, agent: AgentFacts) -> bool:
    if policy.scope_type == "organization":
        return True
    if policy.scope_type == "project":
        return policy.scope_value == agent.project_id
    if policy.scope_type == "agent":
        return policy.scope_value in (agent.id, agent.name)
    return policy.scope_value in agent.tags


@dataclass(frozen=True)
class Reason:
    policy_id: str
    policy_name: str
    policy_version: int
    rule_id: str
    rule_type: str
    effect: str  # deny | require_approval | allow | warn
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "policy_id": self.policy_id,
            "policy_name": self.policy_name,
            "policy_version": self.policy_version,
            "rule_id": self.rule_id,
            "rule_type": self.rule_type,
            "effect": self.effect,
            "message": self.message,
        }


@dataclass(frozen=True)
class SpendView:
    """What a spend cap has counted so far in its current period, and when that period ends."""

    spent_usd: float
    resets_at: str | None  # ISO 8601; None for a total cap


@dataclass
class Decision:
    effect: Effect
    reasons: list[Reason] = field(default_factory=list)
    warnings: list[Reason] = field(default_factory=list)
    approval: Rule | None = None  # the gate that asked for a human, when require_approval
    approval_policy: Policy | None = None
    pause: bool = False  # a spend cap with on_breach pause was passed

    @property
    def allowed(self) -> bool:
        return self.effect is Effect.ALLOW


def _reason(policy: Policy, rule: Rule, effect: str, message: str) -> Reason:
    return Reason(policy.id, policy.name, policy.version, rule.id, rule.type.value, effect, message)


def spend_cap_key(policy: Policy, rule: Rule, agent: AgentFacts) -> str:
    """Where a cap counts (without its period): per agent for an agent policy, else shared by everything in the
    policy's scope."""
    return cap_key(policy, rule, agent.id)


def cap_key(policy: Policy, rule: Rule, agent_id: str) -> str:
    """`spend_cap_key` knowing only the agent's id (which only an agent policy's key depends on)."""
    subject = agent_id if policy.scope_type == "agent" else f"{policy.scope_type}:{policy.scope_value}"
    return f"spend:{policy.id}:{rule.id}:{subject}"


def judge_spend(
    policy: Policy, rule: Rule, spent: SpendView, estimated_cost: float
) -> tuple[str | None, Reason | None]:
    """(effect or None, reason) of one spend cap for a cost about to be spent: 'deny' when it would pass the cap
    and the cap blocks (or pauses), 'warn' past the soft limit or when an alerting cap is passed."""
    after = spent.spent_usd + estimated_cost
    window = "in total" if rule.period is Period.TOTAL else f"per {rule.period.value}"
    resets = f"; it resets at {spent.resets_at}" if spent.resets_at else ""
    if after > rule.amount_usd:
        message = (
            f"spend cap of ${rule.amount_usd:,.2f} {window}: ${spent.spent_usd:,.4f} spent, "
            f"${estimated_cost:,.4f} more would pass it{resets}"
        )
        if rule.on_breach is OnBreach.ALERT:
            return "warn", _reason(policy, rule, "warn", message)
        return "deny", _reason(policy, rule, "deny", message)
    if rule.soft_limit_pct is not None and after > rule.amount_usd * rule.soft_limit_pct / 100:
        message = (
            f"past {rule.soft_limit_pct:.0f}% of the spend cap of ${rule.amount_usd:,.2f} {window}: "
            f"${after:,.4f} with this action{resets}"
        )
        return "warn", _reason(policy, rule, "warn", message)
    return None, None


def decide_action(
    policies: list[Policy],
    agent: AgentFacts,
    action: str,
    arguments: Mapping[str, Any],
    estimated_cost: float,
    spend: Mapping[str, SpendView],
) -> Decision:
    """The guard's decision on an action. `spend` holds, per spend-cap key, what the cap has counted."""
    in_scope = [p for p in policies if applies(p, agent)]
    denials: list[Reason] = []
    gates: list[tuple[Policy, Rule, Reason]] = []
    warnings: list[Reason] = []
    pause = False
    allow_lists: list[tuple[Policy, Rule]] = []
    arguments_size: int | None = None
    for policy in in_scope:
        for rule in policy.rules:
            if rule.type is RuleType.TOOL_DENY and rule.matches_action(action, arguments):
                denials.append(_reason(policy, rule, "deny", f"{action} is on the deny-list ({_listed(rule)})"))
            elif rule.type is RuleType.TOOL_ALLOW:
                allow_lists.append((policy, rule))
            elif rule.type is RuleType.APPROVAL and rule.matches_action(action, arguments):
                message = f"{action} needs a human's approval ({_listed(rule)})"
                gates.append((policy, rule, _reason(policy, rule, "require_approval", message)))
            elif rule.type is RuleType.PAYLOAD_LIMIT and rule.max_arguments_bytes is not None:
                if arguments_size is None:
                    arguments_size = len(orjson.dumps(dict(arguments)))
                if arguments_size > rule.max_arguments_bytes:
                    message = f"arguments of {arguments_size:,} bytes pass the limit of {rule.max_arguments_bytes:,}"
                    denials.append(_reason(policy, rule, "deny", message))
            elif rule.type is RuleType.SPEND_CAP:
                view = spend.get(spend_cap_key(policy, rule, agent), SpendView(0.0, None))
                effect, reason = judge_spend(policy, rule, view, estimated_cost)
                if effect == "deny" and reason is not None:
                    denials.append(reason)
                    pause = pause or rule.on_breach is OnBreach.PAUSE
                elif effect == "warn" and reason is not None:
                    warnings.append(reason)
    if allow_lists and not any(rule.matches_action(action, arguments) for _, rule in allow_lists):
        names = ", ".join(sorted({f"{p.name} ({r.id})" for p, r in allow_lists}))
        policy, rule = allow_lists[0]
        denials.append(_reason(policy, rule, "deny", f"{action} is on no allow-list in force: {names}"))
    if denials:
        return Decision(Effect.DENY, denials, warnings, pause=pause)
    if gates:
        policy, rule, _ = gates[0]
        return Decision(Effect.REQUIRE_APPROVAL, [g[2] for g in gates], warnings, approval=rule, approval_policy=policy)
    return Decision(Effect.ALLOW, [], warnings)


def _listed(rule: Rule) -> str:
    text = ", ".join(rule.actions)
    if rule.arguments:
        text += " with " + ", ".join(f"{k}={v}" for k, v in rule.arguments.items())
    return text


def model_refusal(policies: list[Policy], agent: AgentFacts, model: str) -> Reason | None:
    """A reason to refuse a gateway call for `model` (an alias or provider/model name), or None: with model
    allow-lists in scope, the model must match one of them."""
    lists = [(p, r) for p in policies if applies(p, agent) for r in p.rules if r.type is RuleType.MODEL_ALLOW]
    if not lists or any(matches_any(r.models, model) for _, r in lists):
        return None
    policy, rule = lists[0]
    allowed = ", ".join(sorted({m for _, r in lists for m in r.models}))
    return _reason(policy, rule, "deny", f"model {model} is not on the model allow-list ({allowed})")


def input_refusal(policies: list[Policy], agent: AgentFacts, input_chars: int) -> Reason | None:
    """A reason to refuse a gateway call whose prompt is longer than a payload limit allows, or None."""
    for policy in policies:
        if not applies(policy, agent):
            continue
        for rule in policy.rules:
            if rule.type is RuleType.PAYLOAD_LIMIT and rule.max_input_chars is not None:
                if input_chars > rule.max_input_chars:
                    message = f"a prompt of {input_chars:,} characters passes the limit of {rule.max_input_chars:,}"
                    return _reason(policy, rule, "deny", message)
    return None


def rate_rules(policies: list[Policy], agent: AgentFacts) -> list[tuple[Policy, Rule]]:
    """The rate-limit rules in force for an agent's gateway calls."""
    return [(p, r) for p in policies if applies(p, agent) for r in p.rules if r.type is RuleType.RATE_LIMIT]


def spend_caps(policies: list[Policy], agent: AgentFacts) -> list[tuple[Policy, Rule]]:
    """The spend caps in force for an agent."""
    return [(p, r) for p in policies if applies(p, agent) for r in p.rules if r.type is RuleType.SPEND_CAP]


def spend_period(period: Period, now: datetime) -> tuple[str, str | None]:
    """(the suffix of a cap's counter for the period `now` falls in, when that period ends as ISO 8601): a cap
    counts in a new counter each hour, day or month, so resetting costs nothing."""
    if period is Period.TOTAL:
        return "total", None
    if period is Period.HOUR:
        start = now.replace(minute=0, second=0, microsecond=0)
        return start.strftime("%Y-%m-%dT%H"), (start + timedelta(hours=1)).isoformat()
    if period is Period.DAY:
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return start.strftime("%Y-%m-%d"), (start + timedelta(days=1)).isoformat()
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (
        start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    )
    return start.strftime("%Y-%m"), following.isoformat()
