"""The month-end cost forecast. Pure.

Method: what the month has cost so far, plus the recent daily run-rate times the days left. The run-rate is the
mean cost of the last `RUN_RATE_DAYS` whole days before today (fewer at the start of a month or of the data, and
today's partial cost is never extrapolated from a few hours). Days without spend count as zero, so a pause
lowers the forecast. The rest of today is not projected: the forecast errs low by at most one day's spend.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

RUN_RATE_DAYS = 7


@dataclass(frozen=True)
class Forecast:
    month: str
    month_to_date_usd: float
    daily_run_rate_usd: float
    run_rate_days: int
    days_left: int
    month_end_usd: float


def month_end(daily_cost: Mapping[date, float], today: date) -> Forecast:
    """`daily_cost`: cost per UTC day (any days; those outside matter as the method says)."""
    first = today.replace(day=1)
    month_to_date = sum(cost for day, cost in daily_cost.items() if first <= day <= today)
    earliest = min(daily_cost, default=today)
    window_start = max(today - timedelta(days=RUN_RATE_DAYS), earliest)
    days = (today - window_start).days
    recent = sum(cost for day, cost in daily_cost.items() if window_start <= day < today)
    rate = recent / days if days > 0 else month_to_date  # only today known: today's spend is the best guess
    days_in_month = calendar.monthrange(today.year, today.month)[1]
    # The days after today; today's cost so far is in month-to-date and the rest of today is not projected.
    days_left = days_in_month - today.day
    projected = month_to_date + rate * days_left
    return Forecast(first.strftime("%Y-%m"), month_to_date, rate, days, days_left, projected)
