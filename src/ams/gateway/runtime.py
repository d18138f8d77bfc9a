"""The gateway side of a running AMS, started and stopped by the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass

from ams.auth.key_cache import KeyCache
from ams.auth.login_service import authenticate
from ams.auth.principal import Principal
from ams.db.engine import Database
from ams.gateway.admission import AdmissionCheck, lifecycle_check
from ams.gateway.directory import Directory
from ams.gateway.health import HealthBook
from ams.gateway.limits_service import LimitsService
from ams.gateway.meter import Meter
from ams.gateway.model_routes_service import RouteService
from ams.gateway.probe import ProbeJob
from ams.gateway.proxy import Proxy
from ams.gateway.service import ProviderService
from ams.gateway.upstream import Clients
from ams.settings import Settings
from ams.shared_state import SharedState
from ams.telemetry.pricing_service import PricingService
from ams.telemetry.runtime import Telemetry
from ams.vault.cipher import Cipher


@dataclass
class Gateway:
    directory: Directory
    clients: Clients
    health: HealthBook
    meter: Meter
    proxy: Proxy
    providers: ProviderService
    routes: RouteService
    limits: LimitsService
    probe: ProbeJob
    checks: list[AdmissionCheck]

    @classmethod
    def start(
        cls,
        settings: Settings,
        db: Database,
        cipher: Cipher,
        pricing: PricingService,
        telemetry: Telemetry,
        shared: SharedState,
        key_cache: KeyCache,
    ) -> Gateway:
        config = settings.gateway
        directory = Directory(db, cipher, shared, config.cache_ttl_s)
        db.on_commit(directory.forget_changed)
        clients = Clients()
        health = HealthBook()
        meter = Meter(telemetry.pipeline, pricing.book, settings.telemetry.max_payload_chars, shared)
        meter.start()
        # The admission checks every call passes, in order; governance appends its own here.
        checks: list[AdmissionCheck] = [lifecycle_check]

        async def authenticate_key(token: str) -> Principal:
            return await authenticate(db, key_cache, token)

        proxy = Proxy(
            authenticate=authenticate_key, directory=directory, clients=clients, health=health, meter=meter,
            shared=shared, checks=checks, max_body_bytes=int(config.max_body_mb * 1_000_000),
            max_payload_chars=settings.telemetry.max_payload_chars,
        )  # fmt: skip
        probe = ProbeJob(db, cipher, config.probe_interval_s)
        probe.start()
        return cls(
            directory, clients, health, meter, proxy, ProviderService(db, cipher, directory, clients, health),
            RouteService(db, directory, health), LimitsService(db, directory), probe, checks,
        )  # fmt: skip

    async def stop(self) -> None:
        await self.probe.stop()
        # Calls still settling their limits finish; then every buffered span goes to the pipeline.
        await self.proxy.drain()
        await self.meter.stop()
        await self.clients.close()
        self.directory.close()
