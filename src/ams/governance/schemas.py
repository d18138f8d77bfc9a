"""API shapes of the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditActor(BaseModel):
    type: str
    id: str
    label: str


class AuditEntryPublic(BaseModel):
    id: str
    organization_id: str
    seq: int
    at: datetime
    actor: AuditActor
    action: str
    resource_type: str
    resource_id: str
    project_id: str | None
    summary: dict[str, Any]
    prev_hash: str
    hash: str


class ChainBreakPublic(BaseModel):
    seq: int
    entry_id: str | None
    reason: str


class ChainStatus(BaseModel):
    organization_id: str
    ok: bool
    entries_checked: int
    first_break: ChainBreakPublic | None
    checked_at: datetime
