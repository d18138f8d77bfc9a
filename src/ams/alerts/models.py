"""Tables of alerting: rules, the alerts they raise, the channels alerts go to, and each delivery attempt."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ams.db.base import Base, JSONDoc, utcnow


class AlertRule(Base):
    """A condition on a metric over a window, for a scope, evaluated every `interval_s`."""

    __tablename__ = "alert_rules"
    __table_args__ = (Index("ix_alert_rules_org_builtin", "organization_id", "builtin", unique=True),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    builtin: Mapped[str | None] = mapped_column(String(60))  # the shipped rule this row tunes, else None
    metric: Mapped[str] = mapped_column(String(100))
    window: Mapped[str] = mapped_column(String(20))
    scope_type: Mapped[str] = mapped_column(String(20))  # fleet | project | agent | tag | provider | model
    scope_value: Mapped[str] = mapped_column(String(200), default="")
    condition: Mapped[str] = mapped_column(String(20))  # above | below | change_above | change_below | deviation
    threshold: Mapped[float]
    min_tasks: Mapped[int] = mapped_column(default=0)
    severity: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    interval_s: Mapped[int] = mapped_column(default=60)
    cooldown_s: Mapped[int] = mapped_column(default=900)
    channel_ids: Mapped[list[str]] = mapped_column(JSONDoc, default=list)
    enabled: Mapped[bool] = mapped_column(default=True)
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_evaluated_at: Mapped[datetime | None]


class Alert(Base):
    """One problem, open from its first firing until resolved; firings of the same rule and subject while it is
    open update it rather than open another (`dedup_key`)."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_org_status", "organization_id", "status", "last_fired_at"),
        Index("ix_alerts_org_dedup", "organization_id", "dedup_key"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    project_id: Mapped[str | None] = mapped_column(String(40))
    rule_id: Mapped[str | None] = mapped_column(ForeignKey("alert_rules.id", ondelete="SET NULL"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # rule | health | surveillance
    dedup_key: Mapped[str] = mapped_column(String(300))
    subject_type: Mapped[str] = mapped_column(String(20))  # agent | provider | model | project | organization
    subject_id: Mapped[str] = mapped_column(String(200))
    agent_id: Mapped[str | None] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(20))  # firing | acknowledged | resolved
    severity: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    value: Mapped[float | None]
    threshold: Mapped[float | None]
    fire_count: Mapped[int] = mapped_column(default=1)
    first_fired_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_fired_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text, default="")


class AlertChannel(Base):
    """Where alerts go. The target (a URL, which for Slack is itself a secret) and the signing secret are sealed."""

    __tablename__ = "alert_channels"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # webhook | slack | email
    target_hint: Mapped[str] = mapped_column(String(300))  # what the API shows of the target
    recipients: Mapped[list[str]] = mapped_column(JSONDoc, default=list)  # email
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    key_id: Mapped[str | None] = mapped_column(String(40))
    min_severity: Mapped[str] = mapped_column(String(20), default="info")
    categories: Mapped[list[str]] = mapped_column(JSONDoc, default=list)  # empty: every category
    enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AlertDelivery(Base):
    """One message to one channel, with its attempts: kept so that a restart resumes retries and users can see
    what was sent, when, and what the other end answered."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        Index("ix_alert_deliveries_due", "status", "next_attempt_at"),
        Index("ix_alert_deliveries_channel", "channel_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    channel_id: Mapped[str] = mapped_column(ForeignKey("alert_channels.id", ondelete="CASCADE"))
    alert_id: Mapped[str | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"))
    event: Mapped[str] = mapped_column(String(20))  # fired | acknowledged | resolved | test
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | delivered | failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_status_code: Mapped[int | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]
