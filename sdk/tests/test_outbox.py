"""The bounded outbox: never blocks, keeps its bound, counts and says what it drops, retries what failed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import pytest

from ams_sdk.outbox import Outbox, SendFailed


def test_a_full_outbox_drops_the_oldest_and_counts_them(caplog: pytest.LogCaptureFixture) -> None:
    def unreachable(batch: Sequence[int]) -> None:
        raise SendFailed("connection refused")

    outbox: Outbox[int] = Outbox("spans", unreachable, capacity=10, interval_s=0.01)
    for n in range(25):
        outbox.put(n)
    assert len(outbox) <= 10
    assert outbox.stats.dropped >= 15
    assert not outbox.flush(0.1)
    outbox.close(0.1)
    assert "dropped" in caplog.text
    assert outbox.stats.sent == 0


def test_a_failed_batch_is_sent_again_once_ams_is_back() -> None:
    delivered: list[int] = []
    up = threading.Event()

    def sometimes(batch: Sequence[int]) -> None:
        if not up.is_set():
            raise SendFailed("503", after_s=0.05)
        delivered.extend(batch)

    outbox: Outbox[int] = Outbox("events", sometimes, capacity=100, interval_s=0.01)
    for n in range(5):
        outbox.put(n)
    outbox.flush(0.1)
    up.set()
    assert outbox.flush(2.0)
    outbox.close(0.1)
    assert delivered == [0, 1, 2, 3, 4]
    assert outbox.stats.dropped == 0
    assert outbox.stats.failures >= 1


def test_a_batch_ams_refuses_as_invalid_is_not_retried(caplog: pytest.LogCaptureFixture) -> None:
    attempts: list[int] = []

    def refuse(batch: Sequence[int]) -> None:
        attempts.append(len(batch))
        raise SendFailed("400: bad span", retry=False)

    outbox: Outbox[int] = Outbox("spans", refuse, capacity=100, interval_s=0.01)
    outbox.put(1)
    with caplog.at_level(logging.ERROR, "ams_sdk"):
        assert outbox.flush(1.0)
    outbox.close(0.1)
    assert attempts == [1]
    assert outbox.stats.rejected == 1
    assert "refused" in caplog.text
