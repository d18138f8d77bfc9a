"""What the app factory builds once and every request shares."""

from __future__ import annotations

from dataclasses import dataclass

from ams.agents.monitoring import Monitoring
from ams.alerts.runtime import Alerting
from ams.auth.key_cache import KeyCache
from ams.db.engine import Database
from ams.settings import Settings
from ams.telemetry.pricing_service import PricingService
from ams.telemetry.runtime import Telemetry
from ams.vault.cipher import Cipher


@dataclass
class AppContext:
    settings: Settings
    db: Database
    cipher: Cipher
    pricing: PricingService
    telemetry: Telemetry
    key_cache: KeyCache
    alerting: Alerting
    monitoring: Monitoring
