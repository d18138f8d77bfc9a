"""When an attempt is retried, failed over, or handed back to the client, and how long to wait. Pure."""

from __future__ import annotations

import random
from enum import StrEnum

# Upstream answers that say "try again": rate limited, overloaded, or the server failed.
RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})
# Answers that say this target cannot serve (bad key, unknown model): the next target may.
TARGET_FAULT_STATUS = frozenset({401, 403, 404})
MAX_RETRY_AFTER_S = 30.0


class Verdict(StrEnum):
    DONE = "done"  # success, or the client's own error: answer with it
    RETRY = "retry"  # try this target again after a backoff, then fail over
    FAILOVER = "failover"  # this target cannot serve: the next one
    CONTEXT = "context"  # the prompt is too long for this target: a larger one


def classify(status: int | None, body: bytes = b"") -> Verdict:
    """`status` None means no answer (timeout, connection refused or reset)."""
    if status is None or status in RETRYABLE_STATUS:
        return Verdict.RETRY
    if status < 400:
        return Verdict.DONE
    if status in TARGET_FAULT_STATUS:
        return Verdict.FAILOVER
    if status in (400, 413, 422) and is_context_overflow(body):
        return Verdict.CONTEXT
    return Verdict.DONE


_CONTEXT_MARKERS = (
    b"context_length_exceeded",
    b"maximum context length",
    b"prompt is too long",
    b"input is too long",
    b"exceeds the context window",
    b"too many tokens",
)


def is_context_overflow(body: bytes) -> bool:
    text = body[:4096].lower()
    return any(marker in text for marker in _CONTEXT_MARKERS)


def backoff_s(retry: int, base_ms: float, cap_ms: float, retry_after_s: float | None = None,
              rng: random.Random | None = None) -> float:  # fmt: skip
    """Wait before retry number `retry` (0-based): the provider's Retry-After when it gave one (capped), else
    exponential from `base_ms` with full jitter, so that many clients retrying together spread out."""
    if retry_after_s is not None and retry_after_s >= 0:
        return min(retry_after_s, MAX_RETRY_AFTER_S, cap_ms / 1000 if cap_ms else MAX_RETRY_AFTER_S)
    ceiling = min(cap_ms, base_ms * (2**retry)) / 1000
    return (rng or random).uniform(ceiling / 2, ceiling)


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare from LLM APIs; fall back to our own backoff
