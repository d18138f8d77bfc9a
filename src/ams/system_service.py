"""AMS's own health: whether its stores answer, its ingest queue, daemons and alert deliveries, and the emergency
stops in force. Counts cover the installation and name no tenant; stops are listed only to a caller who may see
them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from sqlalchemy import func, select

from ams import __version__
from ams.alerts.models import AlertDelivery
from ams.auth.login_service import authenticate
from ams.context import AppContext
from ams.errors import AMSError
from ams.system_schemas import ComponentHealth, DaemonHealth, EmergencyStopHealth, IngestHealth, SystemHealth

# "pending" covers a message not yet sent and one waiting for its next retry; "delivered" and "failed" are final.
PENDING = "pending"


async def read_system_health(context: AppContext, token: str | None) -> SystemHealth:
    """Everything /system/health shows; `status` is "degraded" when a component does not answer."""
    pending: list[int] = []

    async def count_pending() -> None:
        # Also the control database's check: one round trip proves it answers.
        async with context.db.read() as session:
            query = select(func.count()).select_from(AlertDelivery).where(AlertDelivery.status == PENDING)
            pending.append(int((await session.execute(query)).scalar_one()))

    store = context.telemetry.store
    components = list(
        await asyncio.gather(
            _check("control_database", context.db.url.get_backend_name(), count_pending),
            _check("telemetry_store", store.backend, lambda: anyio.to_thread.run_sync(store.query, "SELECT 1")),
            _check("shared_state", context.shared.backend, context.shared.ping),
        )
    )
    ok = all(c.ok for c in components)
    return SystemHealth(
        status="ok" if ok else "degraded",
        version=__version__,
        components=components,
        ingest=_ingest(context),
        daemons=_daemons(context),
        emergency_stops=await _stops(context, token),
        alert_deliveries_pending=pending[0] if pending else None,
    )


async def _check(name: str, backend: str, probe: Callable[[], Awaitable[Any]]) -> ComponentHealth:
    try:
        await probe()
    except Exception as exc:  # a probe reports failures, it does not raise them
        return ComponentHealth(name=name, ok=False, detail=f"{backend}: {type(exc).__name__}")
    return ComponentHealth(name=name, ok=True, detail=backend)


def _ingest(context: AppContext) -> IngestHealth:
    pipeline = context.telemetry.pipeline
    stats = pipeline.stats
    return IngestHealth(
        queued_rows=stats.queued_rows,
        queue_capacity=pipeline.max_queued_rows,
        written_rows=stats.written_rows,
        inserts=stats.inserts,
        rejected_requests=stats.rejected_requests,
        failed_rows=stats.failed_rows,
    )


def _daemons(context: AppContext) -> list[DaemonHealth]:
    jobs = [*context.telemetry.jobs, *context.alerting.jobs, *context.monitoring.jobs, context.gateway.probe]
    return [DaemonHealth.model_validate(job.status, from_attributes=True) for job in jobs]


async def _stops(context: AppContext, token: str | None) -> EmergencyStopHealth:
    stops = context.governance.state.all_stops()
    visible: list[dict[str, Any]] = []
    if token:
        try:
            principal = await authenticate(context.db, context.key_cache, token)
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
