"""From configured limits to shared-state buckets and slots, and the OpenAI-style rate-limit headers. Pure."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ams.shared_state import Admission, Bucket, Slot

MINUTE = 60.0
# What each scope's limits are called in its stored `limits`: agents keep theirs in the registry's own names.
_NAMES = {
    "agent": ("max_requests_per_minute", "max_tokens_per_minute", "max_concurrent_tasks"),
    "project": ("requests_per_minute", "tokens_per_minute", "concurrent_requests"),
    "key": ("requests_per_minute", "tokens_per_minute", "concurrent_requests"),
    "provider": ("requests_per_minute", "tokens_per_minute", "concurrent_requests"),
}


@dataclass
class CallLimits:
    """The buckets and slots one call is admitted against, and which of them count requests or tokens."""

    buckets: list[Bucket] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    request_index: list[int] = field(default_factory=list)
    token_index: list[int] = field(default_factory=list)

    def add(self, scope: str, scope_id: str, limits: Mapping[str, Any], *, tokens: int, holder: str) -> None:
        rpm_name, tpm_name, slots_name = _NAMES[scope]
        rpm, tpm, concurrent = limits.get(rpm_name), limits.get(tpm_name), limits.get(slots_name)
        if rpm:
            self.request_index.append(len(self.buckets))
            self.buckets.append(Bucket(f"rpm:{scope}:{scope_id}", rpm, MINUTE, 1, f"{scope} requests per minute"))
        if tpm:
            self.token_index.append(len(self.buckets))
            # A prompt larger than the whole bucket could never pass: it is charged as one full minute.
            cost = min(tokens, tpm)
            self.buckets.append(Bucket(f"tpm:{scope}:{scope_id}", tpm, MINUTE, cost, f"{scope} tokens per minute"))
        if concurrent:
            self.slots.append(
                Slot(f"conc:{scope}:{scope_id}", concurrent, holder, label=f"{scope} concurrent requests")
            )

    def token_settlement(self, used: int) -> list[Bucket]:
        """Adjustments that replace each token bucket's estimate by what the call really used."""
        out = []
        for i in self.token_index:
            bucket = self.buckets[i]
            delta = min(used, bucket.limit) - bucket.cost
            if delta:
                out.append(Bucket(bucket.key, bucket.limit, bucket.period_s, delta))
        return out


def _reset(seconds: float) -> str:
    return f"{max(seconds, 0.0):.3f}s"


def headers(limits: CallLimits, admission: Admission) -> dict[str, str]:
    """OpenAI's x-ratelimit-* headers for the tightest request bucket and the tightest token bucket."""
    out: dict[str, str] = {}
    if not admission.buckets:
        return out
    for kind, indexes in (("requests", limits.request_index), ("tokens", limits.token_index)):
        if not indexes:
            continue
        tightest = min(indexes, key=lambda i: admission.buckets[i].remaining)
        state = admission.buckets[tightest]
        out[f"x-ratelimit-limit-{kind}"] = str(int(state.limit))
        out[f"x-ratelimit-remaining-{kind}"] = str(int(state.remaining))
        out[f"x-ratelimit-reset-{kind}"] = _reset(state.reset_s)
    return out


def refusal_headers(limits: CallLimits, admission: Admission) -> dict[str, str]:
    retry = admission.retry_after_s
    out = {"Retry-After": str(max(1, math.ceil(retry))), "retry-after-ms": str(int(retry * 1000))}
    for kind, indexes in (("requests", limits.request_index), ("tokens", limits.token_index)):
        for i in indexes:
            bucket = limits.buckets[i]
            if bucket.label == admission.refused:
                out[f"x-ratelimit-limit-{kind}"] = str(int(bucket.limit))
                out[f"x-ratelimit-remaining-{kind}"] = "0"
                out[f"x-ratelimit-reset-{kind}"] = _reset(retry)
    return out
