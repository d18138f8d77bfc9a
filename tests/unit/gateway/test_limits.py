"""Limits into buckets and OpenAI's rate-limit headers."""

from ams.gateway.limits import CallLimits, headers, refusal_headers
from ams.shared_state import Admission, BucketState


def test_limits_become_buckets_and_slots_and_settle_tokens():
    limits = CallLimits()
    limits.add("agent", "a1", {"max_requests_per_minute": 10, "max_tokens_per_minute": 1000,
                               "max_concurrent_tasks": 2}, tokens=300, holder="h")  # fmt: skip
    limits.add("project", "p1", {}, tokens=300, holder="h")
    assert [b.key for b in limits.buckets] == ["rpm:agent:a1", "tpm:agent:a1"]
    assert limits.buckets[1].cost == 300 and limits.slots[0].limit == 2
    [adjust] = limits.token_settlement(120)
    assert adjust.cost == -180


def test_headers_show_the_tightest_bucket():
    limits = CallLimits()
    limits.add("agent", "a", {"max_requests_per_minute": 10}, tokens=1, holder="h")
    limits.add("key", "k", {"requests_per_minute": 100}, tokens=1, holder="h")
    admission = Admission(True, [BucketState(10, 3, 42.0), BucketState(100, 90, 6.0)])
    assert headers(limits, admission) == {"x-ratelimit-limit-requests": "10", "x-ratelimit-remaining-requests": "3",
                                          "x-ratelimit-reset-requests": "42.000s"}  # fmt: skip
    refused = refusal_headers(limits, Admission(False, refused="key requests per minute", retry_after_s=0.4))
    assert refused["Retry-After"] == "1" and refused["x-ratelimit-limit-requests"] == "100"
