"""The time filter of every span query.

Spans are sorted by organization, then `toStartOfHour(start_time)`, then agent and time (schema 009). The engine
does not derive bounds on that hour from bounds on `start_time`, so a filter on `start_time` alone reads every
hour of the day's partition. Every span window therefore bounds the hour too: the same rows, a fraction of the
reading.
"""

from __future__ import annotations


def span_window(since: str = "since", until: str | None = "until") -> str:
    """`start_time` in [{since}, {until}) for the bound parameters of those names; `until=None` leaves it open."""
    low = f"{{{since}:DateTime64(6, 'UTC')}}"
    bounds = f"start_time >= {low} AND toStartOfHour(start_time) >= toStartOfHour({low})"
    if until is None:
        return bounds
    high = f"{{{until}:DateTime64(6, 'UTC')}}"
    return f"{bounds} AND start_time < {high} AND toStartOfHour(start_time) <= toStartOfHour({high})"
