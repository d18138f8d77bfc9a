"""An alert's life: firing → acknowledged → resolved, or firing → resolved. Pure."""

from __future__ import annotations

from enum import StrEnum

from ams.errors import Conflict


class AlertStatus(StrEnum):
    FIRING = "firing"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


OPEN = (AlertStatus.FIRING.value, AlertStatus.ACKNOWLEDGED.value)


def acknowledged(current: str) -> AlertStatus:
    """The status after an acknowledgement; only a firing alert can be acknowledged."""
    if current != AlertStatus.FIRING:
        raise Conflict(f"the alert is {current}: only a firing alert can be acknowledged", current_status=current)
    return AlertStatus.ACKNOWLEDGED


def resolved(current: str) -> AlertStatus:
    """The status after a resolution; a resolved alert stays resolved (a new firing opens a new alert)."""
    if current == AlertStatus.RESOLVED:
        raise Conflict("the alert is already resolved", current_status=current)
    return AlertStatus.RESOLVED
