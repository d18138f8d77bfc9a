"""Fast state shared by every AMS instance: rate buckets, concurrency slots, spend reservations, broadcasts.

In-process by default; Redis (`AMS_REDIS_URL`) when several instances must agree. Both implement `SharedState`
and pass the same contract tests (tests/contract/test_shared_state.py).
"""

from ams.shared_state.base import (
    Admission,
    Bucket,
    BucketState,
    Reservation,
    SharedState,
    Slot,
)


def open_shared_state(redis_url: str | None) -> SharedState:
    """The Redis implementation when a URL is given, else the in-process one."""
    if redis_url:
        from ams.shared_state.redis_state import RedisState

        return RedisState(redis_url)
    from ams.shared_state.memory import InProcessState

    return InProcessState()


__all__ = ["Admission", "Bucket", "BucketState", "Reservation", "SharedState", "Slot", "open_shared_state"]
