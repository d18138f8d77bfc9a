"""Tables of the agent registry: agents, their tags and capabilities, and their immutable versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ams.db.base import Base, JSONDoc, utcnow


class Agent(Base):
    __tablename__ = "agents"
    __table_args__ = (
        UniqueConstraint("project_id", "name"),
        Index("ix_agents_org_created", "organization_id", "created_at"),
        Index("ix_agents_org_state", "organization_id", "lifecycle_state"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    platform: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    configuration: Mapped[dict[str, Any]] = mapped_column(default=dict)
    limits: Mapped[dict[str, Any]] = mapped_column(default=dict)
    lifecycle_state: Mapped[str] = mapped_column(String(20), default="registered")
    state_reason: Mapped[str] = mapped_column(Text, default="")
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    health: Mapped[str] = mapped_column(String(20), default="unknown")
    activity: Mapped[str] = mapped_column(String(20), default="idle")
    last_seen_at: Mapped[datetime | None]
    current_version_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    tag_rows: Mapped[list[AgentTag]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AgentTag.tag"
    )
    capability_rows: Mapped[list[AgentCapability]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AgentCapability.capability"
    )

    @property
    def tags(self) -> list[str]:
        return [row.tag for row in self.tag_rows]

    @property
    def capabilities(self) -> list[str]:
        return [row.capability for row in self.capability_rows]


class AgentTag(Base):
    __tablename__ = "agent_tags"
    __table_args__ = (Index("ix_agent_tags_tag", "tag"),)

    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(100), primary_key=True)


class AgentCapability(Base):
    __tablename__ = "agent_capabilities"
    __table_args__ = (Index("ix_agent_capabilities_capability", "capability"),)

    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True)
    capability: Mapped[str] = mapped_column(String(100), primary_key=True)


class AgentVersion(Base):
    """An immutable snapshot of an agent: nothing updates or deletes a row of this table but its agent's deletion."""

    __tablename__ = "agent_versions"
    __table_args__ = (
        UniqueConstraint("agent_id", "version"),
        Index("ix_agent_versions_agent", "agent_id", "id"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    version: Mapped[str] = mapped_column(String(100))
    configuration: Mapped[dict[str, Any]] = mapped_column(default=dict)
    model: Mapped[str | None] = mapped_column(String(200))
    prompt_refs: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgentHealthEvent(Base):
    """A change of an agent's observed health, with the checks that decided it: the agent's health history."""

    __tablename__ = "agent_health_events"
    __table_args__ = (Index("ix_agent_health_events_agent", "agent_id", "at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    health_from: Mapped[str] = mapped_column(String(20))
    health_to: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    checks: Mapped[dict[str, Any]] = mapped_column(default=dict)
