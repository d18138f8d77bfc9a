"""Governance in a running AMS: its in-memory state, the guard, approvals, and the checks it adds to the
gateway, started and stopped with the app."""

from __future__ import annotations

from dataclasses import dataclass

from ams.db.engine import Database
from ams.gateway.runtime import Gateway
from ams.governance.approvals_service import Approvals
from ams.governance.gateway_checks import GovernanceChecks
from ams.governance.guard_service import Guard
from ams.governance.state import GovernanceState
from ams.shared_state import SharedState
from ams.telemetry.pricing_service import PricingService
from ams.telemetry.runtime import Telemetry


@dataclass
class Governance:
    state: GovernanceState
    guard: Guard
    approvals: Approvals

    @classmethod
    async def start(
        cls, db: Database, shared: SharedState, telemetry: Telemetry, gateway: Gateway, pricing: PricingService
    ) -> Governance:
        state = GovernanceState(db, shared, telemetry.live)
        await state.start()
        db.on_commit(state.forget_changed)
        checks = GovernanceChecks(db, state, shared, gateway.directory, pricing.book)
        # After the lifecycle check: a paused agent hears it is paused, not that a policy refused it.
        gateway.checks.extend(checks.checks())
        gateway.proxy.stop_reason = checks.stop_reason
        guard = Guard(db, state, shared, gateway.meter)
        return cls(state, guard, Approvals(db, telemetry.live, telemetry.pipeline))

    async def stop(self) -> None:
        await self.guard.drain()
        await self.state.stop()
