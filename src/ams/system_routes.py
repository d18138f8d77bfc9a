"""AMS's own state: liveness and version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import anyio
from fastapi import APIRouter, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from ams import __version__
from ams.auth.login_service import authenticate
from ams.errors import AMSError
from ams.http.deps import ContextDep, OptionalCredentials

router = APIRouter(prefix="/api/v1/system", tags=["system"])


class ComponentHealth(BaseModel):
    name: str
    ok: bool
    detail: str = ""


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


@router.get("/health")
async def system_health(
    context: ContextDep,
    response: Response,
    credentials: OptionalCredentials,
) -> SystemHealth:
    """Whether AMS and its stores answer (503 when one does not), the ingest queue, the daemons and the emergency
    stops in force. Needs no login, for load balancers and probes, and then shows no tenant's data; with a login,
    the stops of the caller's organizations are listed."""
    db, telemetry = context.db, context.telemetry
    components = []
    try:
        await db.ping()
        components.append(ComponentHealth(name="control_database", ok=True, detail=db.url.get_backend_name()))
    except Exception as exc:  # a probe reports failures, it does not raise them
        components.append(ComponentHealth(name="control_database", ok=False, detail=type(exc).__name__))
    try:
        await anyio.to_thread.run_sync(telemetry.store.query, "SELECT 1")
        components.append(ComponentHealth(name="telemetry_store", ok=True, detail=telemetry.store.backend))
    except Exception as exc:  # as above
        components.append(ComponentHealth(name="telemetry_store", ok=False, detail=type(exc).__name__))
    stats = telemetry.pipeline.stats
    ingest = IngestHealth(
        queued_rows=stats.queued_rows,
        queue_capacity=telemetry.pipeline.max_queued_rows,
        written_rows=stats.written_rows,
        inserts=stats.inserts,
        rejected_requests=stats.rejected_requests,
        failed_rows=stats.failed_rows,
    )
    jobs = [*telemetry.jobs, *context.alerting.jobs, *context.monitoring.jobs, context.gateway.probe]
    daemons = [DaemonHealth.model_validate(job.status, from_attributes=True) for job in jobs]
    ok = all(c.ok for c in components)
    if not ok:
        response.status_code = 503
    return SystemHealth(
        status="ok" if ok else "degraded",
        version=__version__,
        components=components,
        ingest=ingest,
        daemons=daemons,
        emergency_stops=await _stops(context, credentials),
    )


async def _stops(context: Any, credentials: HTTPAuthorizationCredentials | None) -> EmergencyStopHealth:
    stops = context.governance.state.all_stops()
    visible: list[dict[str, Any]] = []
    if credentials is not None and credentials.credentials:
        try:
            principal = await authenticate(context.db, context.key_cache, credentials.credentials)
        except AMSError:  # a bad token on a probe's page earns the anonymous answer, not an error
            principal = None
        if principal is not None:
            orgs = principal.organization_ids()
            visible = [
                {"organization_id": s.organization_id, **s.as_dict()}
                for s in stops
                if orgs is None or s.organization_id in orgs
            ]
    return EmergencyStopHealth(in_force=len(stops), stops=visible)
