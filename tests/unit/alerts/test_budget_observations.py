"""Budgets as alert observations: which caps a rule's scope watches, and what their use reads as."""

from __future__ import annotations

import pytest

from ams.alerts.budget_observations import cap_observations
from ams.alerts.evaluation import AgentInfo
from ams.alerts.rules import ScopeType
from ams.governance.cap_usage import CapUse, caps_in_force
from ams.governance.policy import OnBreach, Period, Policy, Rule, RuleType

BOT = AgentInfo("agt_1", "bot", "prj_a", frozenset({"support"}), serving=True)


def _cap(scope_type: str, scope_value: str, agent_id: str | None = None, spent: float = 5.0) -> CapUse:
    return CapUse(
        key=f"spend:pol_{scope_type}:r1:{agent_id or scope_type}", policy_id=f"pol_{scope_type}",
        policy_name=f"{scope_type} budget", rule_id="r1", scope_type=scope_type, scope_value=scope_value,
        agent_id=agent_id, period=Period.DAY, amount_usd=10.0, spent_usd=spent, soft_limit_pct=None,
        on_breach=OnBreach.BLOCK, resets_at="2026-12-04T00:00:00+00:00",
    )  # fmt: skip


CAPS = [_cap("organization", ""), _cap("project", "prj_a"), _cap("agent", "bot", "agt_1"), _cap("tag", "support")]


@pytest.mark.parametrize(
    ("scope", "value", "watched"),
    [
        (ScopeType.FLEET, "", ["organization", "project", "agent", "tag"]),
        (ScopeType.PROJECT, "prj_a", ["project"]),
        (ScopeType.AGENT, "bot", ["agent"]),
        (ScopeType.AGENT, "agt_1", ["agent"]),
        (ScopeType.TAG, "support", ["tag"]),
        (ScopeType.TAG, "sales", []),
    ],
)
def test_a_rule_watches_the_caps_of_policies_with_its_scope(scope, value, watched):
    seen = cap_observations(CAPS, scope, value, {BOT.id: BOT})
    assert [o.subject_id.split(":")[1].removeprefix("pol_") for o in seen] == watched


def test_a_caps_observation_is_its_use_with_the_dollars_in_words():
    [seen] = cap_observations([_cap("agent", "bot", "agt_1", spent=12.5)], ScopeType.FLEET, "", {BOT.id: BOT})
    assert seen.subject_type == "spend_cap" and seen.value == pytest.approx(1.25)
    assert seen.agent_id == "agt_1" and seen.project_id == "prj_a"
    assert seen.label == "agent budget ($10.00 per day of agent bot)"
    assert seen.detail == "$12.50 spent of $10.00 (125%); it resets at 2026-12-04T00:00:00+00:00"


def test_an_agent_policy_counts_for_the_agent_it_names_by_id_or_name_and_no_other():
    cap = Rule("r1", RuleType.SPEND_CAP, amount_usd=5.0)
    by_name = Policy("pol_a", "a", 1, "agent", "bot", (cap,))
    by_id = Policy("pol_b", "b", 1, "agent", "agt_1", (cap,))
    nobody = Policy("pol_c", "c", 1, "agent", "ghost", (cap,))
    team = Policy("pol_d", "d", 1, "project", "prj_a", (Rule("deny", RuleType.TOOL_DENY, actions=("x",)), cap))
    found = caps_in_force([by_name, by_id, nobody, team], {"bot": "agt_1", "agt_1": "agt_1"})
    assert [(p.id, index, agent) for p, index, agent in found] == [
        ("pol_a", 0, "agt_1"),
        ("pol_b", 0, "agt_1"),
        ("pol_d", 1, None),
    ]


def test_a_cap_is_reached_within_one_percent_of_its_amount():
    assert _cap("organization", "", spent=9.9).reached and not _cap("organization", "", spent=9.8).reached
