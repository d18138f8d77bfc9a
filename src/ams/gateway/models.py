"""Tables of the gateway: providers (credentials are in the vault), model routes, and project/key limits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ams.db.base import Base, JSONDoc, utcnow


class Provider(Base):
    """An upstream LLM API: its kind, base URL, models (context window, capabilities, prices) and limits."""

    __tablename__ = "providers"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30))
    base_url: Mapped[str] = mapped_column(String(500))
    models: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    limits: Mapped[dict[str, Any]] = mapped_column(default=dict)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)  # api_version, extra headers, timeouts
    enabled: Mapped[bool] = mapped_column(default=True)
    probe_ok: Mapped[bool | None]
    probe_at: Mapped[datetime | None]
    probe_latency_ms: Mapped[float | None]
    probe_error: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ModelRoute(Base):
    """A model alias agents ask for, and the targets (provider + model, weight) that serve it."""

    __tablename__ = "model_routes"
    __table_args__ = (UniqueConstraint("organization_id", "alias"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    strategy: Mapped[str] = mapped_column(String(30))
    targets: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    policy: Mapped[dict[str, Any]] = mapped_column(default=dict)  # retries, backoff, timeout, breaker, fallback
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class GatewayLimit(Base):
    """Rate limits of a project or an API key on the gateway (an agent's are in its own `limits`)."""

    __tablename__ = "gateway_limits"
    __table_args__ = (Index("ix_gateway_limits_org", "organization_id"),)

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)  # project | key
    scope_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    limits: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
