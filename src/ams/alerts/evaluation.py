"""Judging rules against observed values, and deciding which alerts open, stay open or resolve. Pure.

An alert is keyed by what fired and about what (`dedup_key`): while one is open, further firings refresh it;
when its condition stops holding it resolves on its own; after a resolution the same key stays quiet for the
rule's cooldown, so a value hovering at its threshold does not page every minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ams.alerts.rules import SAMPLED_METRICS, Condition, breaches, judge, metric


@dataclass(frozen=True)
class RuleSpec:
    id: str
    metric: str
    condition: Condition
    threshold: float
    min_tasks: int
    cooldown_s: int


@dataclass(frozen=True)
class AgentInfo:
    """What a round knows of an agent of the organization."""

    id: str
    name: str
    project_id: str
    tags: frozenset[str]
    serving: bool  # active and not offline: can take tasks


@dataclass(slots=True)
class Observation:
    """A metric's value for one subject of a rule (an agent, a provider, a model, or the rule's whole scope).
    Not frozen: a round builds tens of thousands, and frozen dataclasses are several times slower to build."""

    subject_type: str
    subject_id: str
    value: float | None
    label: str = ""  # how the subject is named in messages (an agent's name)
    agent_id: str | None = None
    project_id: str | None = None
    tasks: int | None = None  # tasks (or calls) behind a rate, for min_tasks
    previous: float | None = None  # the value in the previous window, for change conditions
    baseline: tuple[float, float] | None = None  # (mean, std), for deviation
    detail: str = ""  # what the value is made of, when the value alone does not say (a budget's dollars)


@dataclass(frozen=True)
class Verdict:
    """A breach: the rule, what breached it, and why in plain words."""

    rule_id: str
    observation: Observation
    why: str

    @property
    def dedup_key(self) -> str:
        return dedup_key(self.rule_id, self.observation.subject_type, self.observation.subject_id)


def dedup_key(source: str, subject_type: str, subject_id: str) -> str:
    return f"{source}|{subject_type}|{subject_id}"


def evaluate(rule: RuleSpec, observations: list[Observation]) -> list[Verdict]:
    """The breaches of `rule` among `observations`. Only breaches are returned, and only they are put into
    words: a round judges every subject of every rule, and nearly all of them are fine."""
    found = metric(rule.metric)
    unit = found.unit if found else ""
    floor = rule.min_tasks if rule.metric in SAMPLED_METRICS else 0
    condition, threshold = rule.condition, rule.threshold
    verdicts = []
    for seen in observations:
        if floor and (seen.tasks or 0) < floor:
            continue
        if breaches(condition, threshold, seen.value, seen.previous, seen.baseline):
            why = judge(condition, threshold, seen.value, unit=unit, previous=seen.previous, baseline=seen.baseline)
            verdicts.append(Verdict(rule.id, seen, why.why))
    return verdicts


@dataclass(frozen=True)
class OpenAlert:
    id: str
    dedup_key: str


@dataclass
class Reconciliation:
    to_open: list[Verdict] = field(default_factory=list)
    to_refresh: list[tuple[OpenAlert, Verdict]] = field(default_factory=list)
    to_resolve: list[tuple[OpenAlert, str]] = field(default_factory=list)  # (alert, why it cleared)


def reconcile(
    breaches: list[Verdict],
    open_alerts: dict[str, OpenAlert],
    resolved_at: dict[str, datetime],
    cooldown_s: dict[str, int],
    now: datetime,
    *,
    evaluated_rules: set[str],
) -> Reconciliation:
    """What to do with the alerts of the rules in `evaluated_rules`, given this round's breaches: a breach opens
    an alert (unless a resolution of the same key is younger than the rule's cooldown) or refreshes the open
    one; an open alert of an evaluated rule that nothing breached this round resolves."""
    plan = Reconciliation()
    seen: set[str] = set()
    for verdict in breaches:
        key = verdict.dedup_key
        seen.add(key)
        current = open_alerts.get(key)
        if current is not None:
            plan.to_refresh.append((current, verdict))
            continue
        last = resolved_at.get(key)
        if last is None or now - last >= timedelta(seconds=cooldown_s.get(verdict.rule_id, 0)):
            plan.to_open.append(verdict)
    for key, current in open_alerts.items():
        if key not in seen and key.split("|", 1)[0] in evaluated_rules:
            plan.to_resolve.append((current, "the condition no longer holds"))
    return plan
