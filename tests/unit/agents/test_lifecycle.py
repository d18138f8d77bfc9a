import pytest

from ams.agents.lifecycle import LifecycleAction as A
from ams.agents.lifecycle import LifecycleState as S
from ams.agents.lifecycle import allowed_actions, next_state
from ams.errors import Conflict


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (S.REGISTERED, A.PROVISION, S.PROVISIONING),
        (S.PROVISIONING, A.DEPLOY, S.ACTIVE),
        (S.ACTIVE, A.DEPLOY, S.ACTIVE),
        (S.ACTIVE, A.PAUSE, S.PAUSED),
        (S.PAUSED, A.RESUME, S.ACTIVE),
        (S.ACTIVE, A.MAINTENANCE, S.MAINTENANCE),
        (S.MAINTENANCE, A.RESUME, S.ACTIVE),
        (S.PAUSED, A.QUARANTINE, S.QUARANTINED),
        (S.QUARANTINED, A.RESUME, S.ACTIVE),
        (S.QUARANTINED, A.RETIRE, S.DECOMMISSIONING),
        (S.REGISTERED, A.RETIRE, S.DECOMMISSIONING),
    ],
)
def test_allowed_moves(state, action, expected):
    assert next_state(state, action) is expected


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (S.REGISTERED, A.DEPLOY),
        (S.PAUSED, A.DEPLOY),
        (S.PAUSED, A.PAUSE),
        (S.QUARANTINED, A.PAUSE),
        (S.DECOMMISSIONED, A.RESUME),
        (S.DECOMMISSIONED, A.QUARANTINE),
        (S.ACTIVE, A.PROVISION),
    ],
)
def test_invalid_moves_name_state_and_allowed(state, action):
    with pytest.raises(Conflict) as caught:
        next_state(state, action)
    assert caught.value.extra["current_state"] == state.value
    assert caught.value.extra["allowed_actions"] == [a.value for a in allowed_actions(state)]
    assert state.value in caught.value.detail


def test_decommissioned_is_final():
    assert allowed_actions(S.DECOMMISSIONED) == []
    with pytest.raises(Conflict, match="nothing"):
        next_state(S.DECOMMISSIONED, A.RESUME)


def test_every_live_state_can_be_quarantined_and_retired():
    for state in (S.REGISTERED, S.PROVISIONING, S.ACTIVE, S.PAUSED, S.MAINTENANCE):
        assert A.QUARANTINE in allowed_actions(state)
        assert A.RETIRE in allowed_actions(state)
