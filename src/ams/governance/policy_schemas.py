"""API shapes of policies: the rules, each validated by its type, and what a policy looks like to users."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ams.governance.policy import OnBreach, Period, Policy, Rule, RuleType

Pattern = Annotated[str, Field(min_length=1, max_length=200)]
RULE_ID = r"^[A-Za-z0-9_.-]{1,60}$"


class _RuleBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, pattern=RULE_ID, description="Names the rule in reasons; defaults to r1, r2…")


class SpendCapRule(_RuleBase):
    type: Literal["spend_cap"]
    amount_usd: float = Field(gt=0)
    period: Period = Period.DAY
    on_breach: OnBreach = OnBreach.BLOCK
    soft_limit_pct: float | None = Field(None, gt=0, lt=100, description="Warn past this share of the cap.")


class ToolListRule(_RuleBase):
    type: Literal["tool_allow", "tool_deny"]
    actions: list[Pattern] = Field(min_length=1, max_length=200, description="Globs on action names.")
    arguments: dict[str, Pattern] = Field(default_factory=dict, description="Globs on named arguments.")


class ModelAllowRule(_RuleBase):
    type: Literal["model_allow"]
    models: list[Pattern] = Field(min_length=1, max_length=200, description="Globs on model aliases or names.")


class RateLimitRule(_RuleBase):
    type: Literal["rate_limit"]
    requests_per_minute: int | None = Field(None, ge=1)
    tokens_per_minute: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _some_limit(self) -> RateLimitRule:
        if self.requests_per_minute is None and self.tokens_per_minute is None:
            raise ValueError("give requests_per_minute, tokens_per_minute or both")
        return self


class ApprovalRule(_RuleBase):
    type: Literal["approval"]
    actions: list[Pattern] = Field(min_length=1, max_length=200)
    arguments: dict[str, Pattern] = Field(default_factory=dict)
    expires_in_s: int = Field(3600, ge=10, le=7 * 86_400, description="An unanswered request expires after this.")


class PayloadLimitRule(_RuleBase):
    type: Literal["payload_limit"]
    max_arguments_bytes: int | None = Field(None, ge=1, description="Largest action arguments, as JSON.")
    max_input_chars: int | None = Field(None, ge=1, description="Longest prompt a gateway call may send.")

    @model_validator(mode="after")
    def _some_limit(self) -> PayloadLimitRule:
        if self.max_arguments_bytes is None and self.max_input_chars is None:
            raise ValueError("give max_arguments_bytes, max_input_chars or both")
        return self


RuleDoc = Annotated[
    SpendCapRule | ToolListRule | ModelAllowRule | RateLimitRule | ApprovalRule | PayloadLimitRule,
    Field(discriminator="type"),
]


class PolicyScope(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["organization", "project", "agent", "tag"] = "organization"
    value: str = Field("", max_length=200, description="The project id, agent id or name, or the tag.")

    @model_validator(mode="after")
    def _named(self) -> PolicyScope:
        if self.type != "organization" and not self.value:
            raise ValueError(f"a {self.type} scope names its {self.type}")
        return self


class PolicyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: str | None = Field(None, description="Defaults to your only organization.")
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    scope: PolicyScope = Field(default_factory=PolicyScope)
    rules: list[RuleDoc] = Field(min_length=1, max_length=100)
    enabled: bool = True

    @model_validator(mode="after")
    def _unique_rule_ids(self) -> PolicyCreate:
        number_rules(self.rules)
        return self


class PolicyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)
    scope: PolicyScope | None = None
    rules: list[RuleDoc] | None = Field(None, min_length=1, max_length=100)
    enabled: bool | None = None

    @model_validator(mode="after")
    def _unique_rule_ids(self) -> PolicyUpdate:
        if self.rules is not None:
            number_rules(self.rules)
        return self


class PolicyPublic(BaseModel):
    id: str
    organization_id: str
    name: str
    description: str
    version: int
    scope: PolicyScope
    rules: list[dict[str, Any]]
    enabled: bool
    created_at: datetime
    updated_at: datetime


def number_rules(rules: list[Any]) -> None:
    """Give unnamed rules ids r1, r2… by position; refuse two rules with one id."""
    seen: set[str] = set()
    for position, rule in enumerate(rules, start=1):
        if rule.id is None:
            rule.id = f"r{position}"
        if rule.id in seen:
            raise ValueError(f"two rules are named {rule.id!r}")
        seen.add(rule.id)


def compile_policy(
    policy_id: str, name: str, version: int, scope_type: str, scope_value: str, rules: list[dict[str, Any]]
) -> Policy:
    """A stored policy as the decision code reads it."""
    compiled = []
    for position, doc in enumerate(rules, start=1):
        kind = RuleType(doc["type"])
        compiled.append(
            Rule(
                id=doc.get("id") or f"r{position}",
                type=kind,
                actions=tuple(doc.get("actions", ())),
                arguments=dict(doc.get("arguments", {})),
                models=tuple(doc.get("models", ())),
                amount_usd=float(doc.get("amount_usd", 0.0)),
                period=Period(doc.get("period", "day")),
                on_breach=OnBreach(doc.get("on_breach", "block")),
                soft_limit_pct=doc.get("soft_limit_pct"),
                requests_per_minute=doc.get("requests_per_minute"),
                tokens_per_minute=doc.get("tokens_per_minute"),
                max_arguments_bytes=doc.get("max_arguments_bytes"),
                max_input_chars=doc.get("max_input_chars"),
                approval_expires_s=int(doc.get("expires_in_s", 3600)),
            )
        )
    return Policy(policy_id, name, version, scope_type, scope_value, tuple(compiled))
