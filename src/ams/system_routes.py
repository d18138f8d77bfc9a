"""AMS's own state: liveness and version."""

from __future__ import annotations

from datetime import datetime

import anyio
from fastapi import APIRouter, Response
from pydantic import BaseModel

from ams import __version__
from ams.http.deps import ContextDep

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


class SystemHealth(BaseModel):
    status: str
    version: str
    components: list[ComponentHealth]
    ingest: IngestHealth
    daemons: list[DaemonHealth]


@router.get("/health")
async def system_health(context: ContextDep, response: Response) -> SystemHealth:
    """Whether AMS and its stores answer (503 when one does not), the ingest queue and the daemons. Needs no
    login, for load balancers and probes; it shows no tenant's data."""
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
    jobs = [*telemetry.jobs, *context.alerting.jobs, *context.monitoring.jobs]
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
    )
