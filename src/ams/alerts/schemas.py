"""API shapes of alerting: rules, alerts, channels and deliveries."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationInfo, field_validator, model_validator

from ams.alerts.lifecycle import AlertStatus
from ams.alerts.rules import Category, Condition, ScopeType, Severity
from ams.analytics.windows import parse_window

_WINDOW_HELP = "How far back the metric is computed: 5m, 15m, 1h, 24h, 7d…"


def _check_window(value: str) -> str:
    parse_window(value, None, None)  # raises InvalidInput naming `window`
    return value


class RuleScope(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: ScopeType = ScopeType.FLEET
    value: str = Field("", max_length=200, description="The project id, agent id or name, tag, provider or model.")


class AlertRuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: str | None = Field(None, description="Defaults to your only organization.")
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=2000)
    metric: str = Field(min_length=1, max_length=100, description="See GET /api/v1/alert-metrics.")
    window: str = Field("15m", description=_WINDOW_HELP)
    scope: RuleScope = Field(default_factory=RuleScope)
    condition: Condition
    threshold: float
    min_tasks: int = Field(0, ge=0, description="Rates over fewer tasks (or calls) than this do not fire.")
    severity: Severity = Severity.WARNING
    category: Category = Category.PERFORMANCE
    interval_s: int = Field(60, ge=10, le=86_400, description="How often the rule is evaluated.")
    cooldown_s: int = Field(900, ge=0, le=7 * 86_400, description="Quiet time after a resolution.")
    channel_ids: list[str] = Field(default_factory=list, description="Empty: every channel whose filters match.")
    enabled: bool = True

    @model_validator(mode="after")
    def _window(self) -> AlertRuleCreate:
        _check_window(self.window)
        return self


class AlertRuleUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)
    metric: str | None = Field(None, min_length=1, max_length=100)
    window: str | None = None
    scope: RuleScope | None = None
    condition: Condition | None = None
    threshold: float | None = None
    min_tasks: int | None = Field(None, ge=0)
    severity: Severity | None = None
    category: Category | None = None
    interval_s: int | None = Field(None, ge=10, le=86_400)
    cooldown_s: int | None = Field(None, ge=0, le=7 * 86_400)
    channel_ids: list[str] | None = None
    enabled: bool | None = None

    @model_validator(mode="after")
    def _window(self) -> AlertRuleUpdate:
        if self.window is not None:
            _check_window(self.window)
        return self


class AlertRulePublic(BaseModel):
    id: str
    organization_id: str
    name: str
    description: str
    builtin: str | None
    metric: str
    window: str
    scope: RuleScope
    condition: Condition
    threshold: float
    min_tasks: int
    severity: Severity
    category: Category
    interval_s: int
    cooldown_s: int
    channel_ids: list[str]
    enabled: bool
    created_at: datetime
    updated_at: datetime
    last_evaluated_at: datetime | None


class MetricPublic(BaseModel):
    name: str
    subject: str
    unit: str
    description: str
    deviation: bool = Field(description="Whether `deviation` (against the learnt baseline) can be used.")


class AlertPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    project_id: str | None
    rule_id: str | None
    source: str
    subject_type: str
    subject_id: str
    agent_id: str | None
    status: AlertStatus
    severity: Severity
    category: Category
    title: str
    summary: str
    evidence: dict[str, Any]
    value: float | None
    threshold: float | None
    fire_count: int
    first_fired_at: datetime
    last_fired_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    comment: str


class AlertAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: str = Field("", max_length=2000)


class ChannelKind(StrEnum):
    WEBHOOK = "webhook"
    SLACK = "slack"
    EMAIL = "email"


def _check_recipients(recipients: list[str]) -> list[str]:
    if not recipients:
        raise ValueError("an email channel needs recipients")
    bad = [r for r in recipients if "@" not in r or len(r) > 320]
    if bad:
        raise ValueError(f"not email addresses: {', '.join(bad)}")
    return recipients


class AlertChannelCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organization_id: str | None = Field(None, description="Defaults to your only organization.")
    name: str = Field(min_length=1, max_length=200)
    kind: ChannelKind
    url: HttpUrl | None = Field(
        None, description="Webhook or Slack incoming-webhook URL; kept sealed.", validate_default=True
    )
    signing_secret: str | None = Field(
        None, min_length=16, max_length=200, description="Webhook HMAC-SHA256 key; generated when not given."
    )
    recipients: list[str] = Field(
        default_factory=list, max_length=50, description="Email addresses.", validate_default=True
    )
    min_severity: Severity = Severity.INFO
    categories: list[Category] = Field(default_factory=list, description="Empty: every category.")
    enabled: bool = True

    # Field validators (not a model one), so that a problem response names the field. `kind` comes first.
    @field_validator("url")
    @classmethod
    def _url(cls, value: HttpUrl | None, info: ValidationInfo) -> HttpUrl | None:
        kind = info.data.get("kind")
        if value is None and kind in (ChannelKind.WEBHOOK, ChannelKind.SLACK):
            raise ValueError(f"a {kind} channel needs a url")
        return value

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return _check_recipients(value) if info.data.get("kind") is ChannelKind.EMAIL else value


class AlertChannelUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200)
    url: HttpUrl | None = None
    recipients: list[str] | None = Field(None, max_length=50)
    min_severity: Severity | None = None
    categories: list[Category] | None = None
    enabled: bool | None = None

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _check_recipients(value)


class AlertChannelPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    organization_id: str
    name: str
    kind: ChannelKind
    target_hint: str
    recipients: list[str]
    min_severity: Severity
    categories: list[Category]
    enabled: bool
    created_at: datetime
    updated_at: datetime


class AlertChannelCreated(AlertChannelPublic):
    signing_secret: str | None = Field(
        None, description="The webhook signing key, shown this once (verify X-AMS-Signature with it)."
    )


class DeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    channel_id: str
    alert_id: str | None
    event: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str
    created_at: datetime
    delivered_at: datetime | None
