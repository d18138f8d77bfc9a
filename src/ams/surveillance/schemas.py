"""API shapes of surveillance."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class FindingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    rule: str
    severity: str
    points: float
    score_after: float
    detail: dict[str, Any]
    at: datetime


class BaselinePublic(BaseModel):
    learned_from: datetime
    learned_until: datetime
    samples: int
    stats: dict[str, dict[str, float]]


class AgentSecurityReport(BaseModel):
    agent_id: str
    score: float
    quarantine_below: float
    auto_quarantine: bool
    last_finding_at: datetime | None
    baseline: BaselinePublic | None
    findings: list[FindingPublic]
    next_cursor: str | None = None
