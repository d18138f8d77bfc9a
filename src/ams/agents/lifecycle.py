"""The lifecycle state machine of DESIGN §5. Pure: which action moves an agent from which state to which.

registered -> provisioning -> active <-> paused
active -> maintenance -> active
any live state -> quarantined -> active (after review) | decommissioning -> decommissioned
"""

from __future__ import annotations

from enum import StrEnum

from ams.errors import Conflict


class LifecycleState(StrEnum):
    REGISTERED = "registered"
    PROVISIONING = "provisioning"
    ACTIVE = "active"
    PAUSED = "paused"
    MAINTENANCE = "maintenance"
    QUARANTINED = "quarantined"
    DECOMMISSIONING = "decommissioning"
    DECOMMISSIONED = "decommissioned"


class LifecycleAction(StrEnum):
    PROVISION = "provision"
    DEPLOY = "deploy"
    PAUSE = "pause"
    RESUME = "resume"
    MAINTENANCE = "maintenance"
    QUARANTINE = "quarantine"
    RETIRE = "retire"


class Health(StrEnum):
    HEALTHY = "healthy"
    DEGRADED = "degraded"
    UNHEALTHY = "unhealthy"
    OFFLINE = "offline"
    UNKNOWN = "unknown"


class Activity(StrEnum):
    IDLE = "idle"
    BUSY = "busy"


S, A = LifecycleState, LifecycleAction
LIVE_STATES = frozenset({S.REGISTERED, S.PROVISIONING, S.ACTIVE, S.PAUSED, S.MAINTENANCE})

# action -> {from state: to state}
TRANSITIONS: dict[LifecycleAction, dict[LifecycleState, LifecycleState]] = {
    A.PROVISION: {S.REGISTERED: S.PROVISIONING},
    # Deploying an active agent again switches it to another version without leaving service.
    A.DEPLOY: {S.PROVISIONING: S.ACTIVE, S.ACTIVE: S.ACTIVE},
    A.PAUSE: {S.ACTIVE: S.PAUSED},
    A.RESUME: {S.PAUSED: S.ACTIVE, S.MAINTENANCE: S.ACTIVE, S.QUARANTINED: S.ACTIVE},
    A.MAINTENANCE: {S.ACTIVE: S.MAINTENANCE},
    A.QUARANTINE: dict.fromkeys(LIVE_STATES, S.QUARANTINED),
    # Retiring passes through decommissioning (keys revoked, work refused) to decommissioned.
    A.RETIRE: dict.fromkeys((*LIVE_STATES, S.QUARANTINED), S.DECOMMISSIONING),
}

# Only agents in this state may call the gateway or pass a guard check.
SERVING_STATE = S.ACTIVE


def allowed_actions(state: LifecycleState) -> list[LifecycleAction]:
    return [action for action, moves in TRANSITIONS.items() if state in moves]


def next_state(state: LifecycleState, action: LifecycleAction) -> LifecycleState:
    """The state `action` leads to from `state`, or Conflict naming the state and the moves it allows."""
    target = TRANSITIONS[action].get(state)
    if target is None:
        allowed = [a.value for a in allowed_actions(state)]
        raise Conflict(
            f"cannot {action.value} an agent that is {state.value}; allowed from {state.value}: "
            + (", ".join(allowed) or "nothing (it is final)"),
            current_state=state.value,
            allowed_actions=allowed,
        )
    return target
