"""AMS's own state: liveness and version."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ams import system_service
from ams.http.deps import ContextDep, OptionalCredentials
from ams.system_schemas import SystemHealth

router = APIRouter(prefix="/api/v1/system", tags=["system"])


@router.get("/health")
async def system_health(context: ContextDep, response: Response, credentials: OptionalCredentials) -> SystemHealth:
    """Whether AMS and its stores answer (503 when one does not: the control database, the telemetry store, or
    Redis when configured), the ingest queue, the daemons, the alert deliveries pending and the emergency stops in
    force. Needs no login, for load balancers and probes, and then shows no tenant's data; with a login, the stops
    of the caller's organizations are listed."""
    token = credentials.credentials if credentials is not None else None
    health = await system_service.read_system_health(context, token)
    if health.status != "ok":
        response.status_code = 503
    return health
