"""API shapes of AMS's own health."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ComponentHealth(BaseModel):
    name: str = Field(description="control_database, telemetry_store or shared_state.")
    ok: bool
    detail: str = Field("", description="Its backend; after a colon, the error when it does not answer.")


class DaemonHealth(BaseModel):
    name: str
    running: bool
    runs: int
    failures: int
    last_run_at: datetime | None
    last_result: str | None
    last_error: str | None


class IngestHealth(BaseModel):
    queued_rows: int
    queue_capacity: int
    written_rows: int
    inserts: int  # written_rows / inserts: the mean batch the store receives
    rejected_requests: int
    failed_rows: int


class EmergencyStopHealth(BaseModel):
    in_force: int = Field(description="Emergency stops in force on this installation.")
    stops: list[dict[str, Any]] = Field(
        description="The stops of the caller's organizations (empty without a login: this page shows no tenant's "
        "data to anonymous probes)."
    )


class SystemHealth(BaseModel):
    status: str
    version: str
    components: list[ComponentHealth]
    ingest: IngestHealth
    daemons: list[DaemonHealth]
    emergency_stops: EmergencyStopHealth
    alert_deliveries_pending: int | None = Field(
        description="Alert messages queued or awaiting a retry, over the whole installation; null when the control "
        "database does not answer."
    )
