"""Control-database tables of telemetry: each organization's price overrides and custom models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ams.db.base import Base, JSONDoc, utcnow


class PricingOverrides(Base):
    """One document per organization: its list of model prices, which win over the bundled table."""

    __tablename__ = "pricing_overrides"

    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True)
    prices: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(40))
