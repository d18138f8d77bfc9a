"""AMS's own state: liveness and version."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel

from ams import __version__
from ams.http.deps import DbDep

router = APIRouter(prefix="/api/v1/system", tags=["system"])


class ComponentHealth(BaseModel):
    name: str
    ok: bool
    detail: str = ""


class SystemHealth(BaseModel):
    status: str
    version: str
    components: list[ComponentHealth]


@router.get("/health")
async def system_health(db: DbDep, response: Response) -> SystemHealth:
    """Whether AMS and its stores answer (503 when one does not). Needs no login, for load balancers."""
    components = []
    try:
        await db.ping()
        components.append(ComponentHealth(name="control_database", ok=True, detail=db.url.get_backend_name()))
    except Exception as exc:  # a probe reports failures, it does not raise them
        components.append(ComponentHealth(name="control_database", ok=False, detail=type(exc).__name__))
    ok = all(c.ok for c in components)
    if not ok:
        response.status_code = 503
    return SystemHealth(status="ok" if ok else "degraded", version=__version__, components=components)
