"""Time windows of analytics queries: `?window=15m|1h|24h|7d|30d` or `?since=&until=`. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ams.errors import InvalidInput

DEFAULT_WINDOW = "24h"
MAX_SPAN = timedelta(days=400)
_WINDOW = re.compile(r"^(\d{1,4})(m|h|d)$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime

    @property
    def hours(self) -> float:
        return (self.until - self.since).total_seconds() / 3600

    def previous(self) -> Window:
        """The window of the same length just before this one."""
        return Window(self.since - (self.until - self.since), self.since)


def parse_window(
    window: str | None, since: datetime | None, until: datetime | None, *, now: datetime | None = None
) -> Window:
    now = now or datetime.now(UTC)
    if window is not None and (since is not None):
        raise InvalidInput.on("window", "give either window or since/until, not both")
    end = until or now
    if since is not None:
        start = since
    else:
        text = window or DEFAULT_WINDOW
        match = _WINDOW.match(text)
        if not match or int(match.group(1)) == 0:
            raise InvalidInput.on("window", f"{text!r} is not a window such as 15m, 1h, 24h, 7d or 30d")
        start = end - timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    if start >= end:
        raise InvalidInput.on("since", "must be before until")
    if end - start > MAX_SPAN:
        raise InvalidInput.on("since", "a window may span at most 400 days")
    return Window(start, end)
