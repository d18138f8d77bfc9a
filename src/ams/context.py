"""What the app factory builds once and every request shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ams.agents.monitoring import Monitoring
from ams.alerts.runtime import Alerting
from ams.auth.key_cache import KeyCache
from ams.db.engine import Database
from ams.settings import Settings
from ams.telemetry.pricing_service import PricingService
from ams.telemetry.runtime import Telemetry
from ams.vault.cipher import Cipher

if TYPE_CHECKING:  # the gateway imports this module's neighbours; only its type is needed here
    from ams.gateway.runtime import Gateway
    from ams.governance.runtime import Governance
    from ams.shared_state import SharedState


@dataclass
class AppContext:
    settings: Settings
    db: Database
    cipher: Cipher
    pricing: PricingService
    telemetry: Telemetry
    shared: SharedState
    gateway: Gateway
    governance: Governance
    key_cache: KeyCache
    alerting: Alerting
    monitoring: Monitoring
