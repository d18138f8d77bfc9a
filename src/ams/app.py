"""The app factory: builds AMS's HTTP application from settings. Importing this module starts nothing."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI

from ams import __version__
from ams.agents.health_routes import router as health_router
from ams.agents.monitoring import Monitoring
from ams.agents.routes import router as agents_router
from ams.alerts.routes import router as alerts_router
from ams.alerts.runtime import Alerting
from ams.analytics.routes import router as analytics_router
from ams.auth.key_cache import KeyCache
from ams.auth.routes import router as auth_router
from ams.bootstrap import FirstAdmin, ensure_first_admin
from ams.context import AppContext
from ams.dashboard.serving import install_dashboard
from ams.db.engine import Database
from ams.gateway.asgi import AMSApp
from ams.gateway.openai_routes import router as openai_router
from ams.gateway.routes import router as gateway_router
from ams.gateway.runtime import Gateway
from ams.governance.cap_usage import Budgets
from ams.governance.guard_routes import router as guard_router
from ams.governance.policy_routes import router as policy_router
from ams.governance.routes import router as audit_router
from ams.governance.runtime import Governance
from ams.http.problems import install_problem_handlers
from ams.settings import Settings
from ams.shared_state import open_shared_state
from ams.surveillance.routes import router as surveillance_router
from ams.system_routes import router as system_router
from ams.telemetry.pricing_routes import router as pricing_router
from ams.telemetry.pricing_service import PricingService
from ams.telemetry.routes import router as telemetry_router
from ams.telemetry.runtime import Telemetry
from ams.vault.cipher import Cipher, load_or_create_key

log = logging.getLogger(__name__)


def create_app(settings: Settings, *, on_ready: Callable[[FirstAdmin | None], None] | None = None) -> FastAPI:
    """An AMS application. `on_ready` is called once it can serve, with the first administrator when this start
    created one."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            db = Database(settings.database_url, pool_size=settings.database.pool_size)
            stack.push_async_callback(db.dispose)
            await db.upgrade()
            cipher = Cipher(load_or_create_key(_secret(settings), settings.data_dir))
            pricing = PricingService(db)
            telemetry = await Telemetry.start(settings, db, pricing.pricer)
            # Stopped before the database is disposed: draining ingest may still resolve agents.
            stack.push_async_callback(telemetry.stop)
            key_cache = KeyCache()
            db.on_commit(key_cache.forget_changed)
            # Its last-use writes finish before the database closes.
            stack.push_async_callback(key_cache.drain)
            shared = open_shared_state(settings.shared_state.redis_url)
            await shared.start()
            stack.push_async_callback(shared.close)
            gateway = Gateway.start(settings, db, cipher, pricing, telemetry, shared, key_cache)
            # Stopped before telemetry: its buffered spans go into the pipeline before the pipeline drains.
            stack.push_async_callback(gateway.stop)
            governance = await Governance.start(db, shared, telemetry, gateway, pricing)
            # Stopped before the gateway, whose span buffer its guard decisions go to.
            stack.push_async_callback(governance.stop)
            # Alerting and monitoring read telemetry: they stop first.
            alerting = Alerting.start(settings, db, cipher, telemetry, Budgets(governance.state, shared))
            stack.push_async_callback(alerting.stop)
            monitoring = Monitoring.start(settings, db, telemetry)
            stack.push_async_callback(monitoring.stop)
            app.state.context = AppContext(
                settings=settings,
                db=db,
                cipher=cipher,
                pricing=pricing,
                telemetry=telemetry,
                shared=shared,
                gateway=gateway,
                governance=governance,
                key_cache=key_cache,
                alerting=alerting,
                monitoring=monitoring,
            )
            first_admin = await ensure_first_admin(db, settings)
            if on_ready:
                on_ready(first_admin)
            log.info("AMS %s ready on the %s control database", __version__, db.url.get_backend_name())
            # What start-up built lives as long as the process: moving it out of the collector's reach keeps
            # full collections (measured at 85-190 ms, every ~20 list pages) short.
            gc.collect()
            gc.freeze()
            yield

    app = AMSApp(
        title="AMS",
        version=__version__,
        summary="The command-and-control plane for fleets of LLM agents.",
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    # The gateway's doors first: routes are matched in order, and these take the traffic.
    routers = (
        openai_router,
        guard_router,
        policy_router,
        system_router,
        auth_router,
        agents_router,
        audit_router,
        telemetry_router,
        analytics_router,
        pricing_router,
        gateway_router,
        alerts_router,
        health_router,
        surveillance_router,
    )
    for router in routers:
        app.include_router(router)
    # Last: it answers every GET that no API route took.
    install_dashboard(app)
    return app


def _secret(settings: Settings) -> str | None:
    key = settings.security.secret_key
    return key.get_secret_value() if key else None
