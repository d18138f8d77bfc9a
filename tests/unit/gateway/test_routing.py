"""Routing strategies, the circuit breaker, retry classification and the month-end forecast."""

import random
from datetime import date

import pytest

from ams.gateway.forecast import month_end
from ams.gateway.retry import Verdict, backoff_s, classify
from ams.gateway.routing import Breaker, BreakerState, Candidate, order_targets, plan


def test_breaker_opens_cools_down_and_closes_after_a_trial():
    breaker = Breaker(threshold=3, cooldown_s=10)
    for t in (0, 1):
        breaker.failure(t)
    assert breaker.allows(2)
    breaker.failure(2)
    assert breaker.state(3) is BreakerState.OPEN and not breaker.allows(3)
    assert breaker.state(12) is BreakerState.HALF_OPEN and breaker.allows(12)
    breaker.begin(12)
    assert not breaker.allows(12)  # one trial at a time
    breaker.failure(13)
    assert breaker.state(14) is BreakerState.OPEN  # a failed trial reopens at once
    breaker.begin(23)
    breaker.success()
    assert breaker.state(23) is BreakerState.CLOSED


def test_strategies():
    a = Candidate("a", weight=1, latency_ms=90, price_per_mtok=3)
    b = Candidate("b", weight=3, latency_ms=20, price_per_mtok=None)
    c = Candidate("c", weight=0, latency_ms=None, price_per_mtok=1)
    assert [x.key for x in order_targets("ordered", [a, b, c])] == ["a", "b", "c"]
    assert [x.key for x in order_targets("lowest_latency", [a, b, c])] == ["c", "b", "a"]
    assert [x.key for x in order_targets("lowest_cost", [a, b, c])] == ["c", "a", "b"]
    firsts = [order_targets("weighted", [a, b, c], random.Random(i))[0].key for i in range(2000)]
    assert firsts.count("c") == 0 and 0.7 < firsts.count("b") / 2000 < 0.8


def test_plan_drops_small_windows_and_open_breakers_but_never_everything():
    small, large = Candidate("small", context_window=1000), Candidate("large", context_window=100_000)
    fits = plan("ordered", [small, large], prompt_tokens=5000, context_fallback=True, breaker_allows=lambda k: True)
    assert [c.key for c in fits.order] == ["large"] and "exceeds" in fits.skipped["small"]
    open_first = plan("ordered", [small, large], prompt_tokens=10, context_fallback=True,
                      breaker_allows=lambda k: k != "small")  # fmt: skip
    assert [c.key for c in open_first.order] == ["large"] and open_first.skipped["small"] == "circuit breaker open"
    all_open = plan("ordered", [small, large], prompt_tokens=10, context_fallback=True,
                    breaker_allows=lambda k: False, breaker_waited=lambda k: 5.0 if k == "large" else 1.0)  # fmt: skip
    assert [c.key for c in all_open.order] == ["large"]  # the longest-waiting target gets a trial


@pytest.mark.parametrize(
    ("status", "body", "verdict"),
    [
        (200, b"", Verdict.DONE),
        (None, b"", Verdict.RETRY),
        (429, b"", Verdict.RETRY),
        (503, b"", Verdict.RETRY),
        (401, b"", Verdict.FAILOVER),
        (400, b'{"error":{"code":"context_length_exceeded"}}', Verdict.CONTEXT),
        (400, b'{"error":{"message":"bad temperature"}}', Verdict.DONE),
    ],
)
def test_classify(status, body, verdict):
    assert classify(status, body) is verdict


def test_backoff_grows_with_jitter_and_honours_retry_after():
    rng = random.Random(1)
    waits = [backoff_s(n, 100, 10_000, rng=rng) for n in range(4)]
    assert all(0.05 * 2**n <= w <= 0.1 * 2**n for n, w in enumerate(waits))
    assert backoff_s(0, 100, 10_000, retry_after_s=2.0) == 2.0
    assert backoff_s(0, 100, 10_000, retry_after_s=600) == 10.0  # capped


def test_month_end_forecast_is_month_to_date_plus_run_rate():
    daily = {date(2026, 10, 28): 70.0, date(2026, 10, 31): 7.0}
    daily.update({date(2026, 11, d): 10.0 for d in range(1, 11)})
    forecast = month_end(daily, date(2026, 11, 10))
    assert forecast.month == "2026-11"
    assert forecast.month_to_date_usd == 100.0
    # The last 7 whole days before the 10th: the 3rd to the 9th, 10 a day.
    assert forecast.daily_run_rate_usd == 10.0 and forecast.run_rate_days == 7
    assert forecast.days_left == 20 and forecast.month_end_usd == 300.0


def test_forecast_on_the_first_day_of_data():
    forecast = month_end({date(2026, 11, 5): 4.0}, date(2026, 11, 5))
    assert forecast.run_rate_days == 0 and forecast.daily_run_rate_usd == 4.0
    assert forecast.month_end_usd == 4.0 + 4.0 * 25
