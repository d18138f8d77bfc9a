"""Tables of surveillance: each agent's security score, the findings that moved it, and its learnt baseline."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ams.db.base import Base, JSONDoc, utcnow


class AgentSecurity(Base):
    __tablename__ = "agent_security"

    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(default=100.0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_finding_at: Mapped[datetime | None]


class SecurityFinding(Base):
    """A threat rule or anomaly that held for an agent, and what it cost the agent's score."""

    __tablename__ = "security_findings"
    __table_args__ = (Index("ix_security_findings_agent", "agent_id", "at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(60))
    severity: Mapped[str] = mapped_column(String(20))
    points: Mapped[float]
    score_after: Mapped[float]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AgentBaseline(Base):
    """What is normal for an agent: mean and deviation per metric, and the samples they came from (the anomaly
    forest is refitted from them after a restart)."""

    __tablename__ = "agent_baselines"

    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    learned_from: Mapped[datetime]
    learned_until: Mapped[datetime]
    samples: Mapped[int]
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)  # metric -> {mean, std}
    vectors: Mapped[list[list[float]]] = mapped_column(JSONDoc, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
