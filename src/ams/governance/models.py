"""Tables of governance: the audit trail (append-only entries hash-chained per organization, each chain's head),
policies and their versions, approvals, and emergency stops."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ams.db.base import Base, JSONDoc, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    __table_args__ = (
        UniqueConstraint("organization_id", "seq"),
        Index("ix_audit_entries_org_at", "organization_id", "at"),
        Index("ix_audit_entries_resource", "organization_id", "resource_type", "resource_id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    # No foreign key: the trail must outlive what it describes, even a deleted organization's rows.
    organization_id: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime]
    actor_type: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str] = mapped_column(String(40))
    actor_label: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(100))
    resource_type: Mapped[str] = mapped_column(String(50))
    resource_id: Mapped[str] = mapped_column(String(40))
    project_id: Mapped[str | None] = mapped_column(String(40))
    # Canonical JSON text, kept byte for byte: a JSON column may renormalise what the hash covered.
    summary: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The last link of each organization's chain; a deleted newest entry shows up as a head with no row."""

    __tablename__ = "audit_heads"

    organization_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class Policy(Base):
    """A policy as it stands: its scope and rules (`governance.policy`). Every change makes a new version."""

    __tablename__ = "policies"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    scope_type: Mapped[str] = mapped_column(String(20))
    scope_value: Mapped[str] = mapped_column(String(200), default="")
    rules: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    enabled: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PolicyVersion(Base):
    """An immutable snapshot of a policy at one version: what decided, when a decision names that version."""

    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("policy_id", "version"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    policy_id: Mapped[str] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
    organization_id: Mapped[str] = mapped_column(String(40))
    version: Mapped[int]
    document: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Approval(Base):
    """An action waiting for a human: opened by a guard check that an approval gate stopped."""

    __tablename__ = "approvals"
    __table_args__ = (Index("ix_approvals_org_status", "organization_id", "status", "requested_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    project_id: Mapped[str] = mapped_column(String(40))
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    policy_id: Mapped[str | None] = mapped_column(ForeignKey("policies.id", ondelete="SET NULL"))
    rule_id: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(200))
    arguments: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    status: Mapped[str] = mapped_column(String(20))  # pending | approved | denied | expired
    trace_id: Mapped[str] = mapped_column(String(32), default="")
    span_id: Mapped[str] = mapped_column(String(16), default="")
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(320))
    comment: Mapped[str] = mapped_column(Text, default="")


class EmergencyStop(Base):
    """A stop in force (until released): every gateway call and guard check in its scope is refused."""

    __tablename__ = "emergency_stops"
    __table_args__ = (Index("ix_emergency_stops_org_active", "organization_id", "released_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(20))  # fleet | project | agent | tag
    target: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None]
    released_by: Mapped[str | None] = mapped_column(String(320))
    release_reason: Mapped[str] = mapped_column(Text, default="")
