"""What each spend cap in force has counted in its current period: how alert rules watch budgets, and how the
attention list finds the caps that were reached.

A cap counts in the shared state (see spend.py), per policy, rule and subject: one counter per agent for an agent
policy, one for the whole scope otherwise. An agent policy may name its agent by id or by name; counters are kept
by id, so the caller says which agents exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ams.governance.policy import OnBreach, Period, Policy, RuleType, cap_key, spend_period
from ams.shared_state import SharedState

if TYPE_CHECKING:
    from ams.governance.state import GovernanceState

# A blocking cap refuses the call that would pass it, so its count stops just short of its amount: within 1% of
# the amount, a cap is reached.
REACHED = 0.99


@dataclass(frozen=True)
class CapUse:
    key: str  # the cap's counter without its period, as spend.py knows it
    policy_id: str
    policy_name: str
    rule_id: str
    scope_type: str  # organization | project | agent | tag
    scope_value: str
    agent_id: str | None  # whose spend an agent policy's cap counts
    period: Period
    amount_usd: float
    spent_usd: float
    soft_limit_pct: float | None
    on_breach: OnBreach
    resets_at: str | None

    @property
    def used(self) -> float:
        """Spent / amount: 1.0 is the whole cap."""
        return self.spent_usd / self.amount_usd if self.amount_usd > 0 else 0.0

    @property
    def reached(self) -> bool:
        return self.used >= REACHED

    @property
    def past_soft_limit(self) -> bool:
        return self.soft_limit_pct is not None and self.used * 100 > self.soft_limit_pct

    @property
    def label(self) -> str:
        window = "in total" if self.period is Period.TOTAL else f"per {self.period.value}"
        scope = "" if self.scope_type == "organization" else f" of {self.scope_type} {self.scope_value}"
        return f"{self.policy_name} (${self.amount_usd:,.2f} {window}{scope})"

    def describe(self) -> str:
        resets = f"; it resets at {self.resets_at}" if self.resets_at else ""
        return f"${self.spent_usd:,.2f} spent of ${self.amount_usd:,.2f} ({self.used:.0%}){resets}"


def caps_in_force(policies: list[Policy], agent_ids: Mapping[str, str]) -> list[tuple[Policy, int, str | None]]:
    """(policy, index of the spend-cap rule, the agent it counts for) for each cap of `policies`. `agent_ids` maps
    both names and ids of the organization's agents to ids; an agent policy naming no known agent counts nothing."""
    found = []
    for policy in policies:
        agent_id = None
        if policy.scope_type == "agent":
            agent_id = agent_ids.get(policy.scope_value)
            if agent_id is None:
                continue
        for index, rule in enumerate(policy.rules):
            if rule.type is RuleType.SPEND_CAP:
                found.append((policy, index, agent_id))
    return found


async def cap_usage(
    shared: SharedState, policies: list[Policy], agent_ids: Mapping[str, str], now: datetime
) -> list[CapUse]:
    """Every spend cap of `policies` with what it counted in the period `now` falls in, in one round trip."""
    caps = caps_in_force(policies, agent_ids)
    counters, uses = [], []
    for policy, index, agent_id in caps:
        rule = policy.rules[index]
        key = cap_key(policy, rule, agent_id or "")
        suffix, resets_at = spend_period(rule.period, now)
        counters.append(f"{key}:{suffix}")
        uses.append((policy, rule, key, agent_id, resets_at))
    spent = await shared.spent_many(counters) if counters else []
    return [
        CapUse(
            key=key,
            policy_id=policy.id,
            policy_name=policy.name,
            rule_id=rule.id,
            scope_type=policy.scope_type,
            scope_value=policy.scope_value,
            agent_id=agent_id,
            period=rule.period,
            amount_usd=rule.amount_usd,
            spent_usd=amount,
            soft_limit_pct=rule.soft_limit_pct,
            on_breach=rule.on_breach,
            resets_at=resets_at,
        )  # fmt: skip
        for (policy, rule, key, agent_id, resets_at), amount in zip(uses, spent, strict=True)
    ]


class Budgets:
    """Spend caps' use for an organization, from its policies in force (cached by governance) and the counters."""

    def __init__(self, state: GovernanceState, shared: SharedState) -> None:
        self.state, self.shared = state, shared

    async def usage(self, organization_id: str, agent_ids: Mapping[str, str], now: datetime) -> list[CapUse]:
        return await cap_usage(self.shared, await self.state.policies(organization_id), agent_ids, now)
