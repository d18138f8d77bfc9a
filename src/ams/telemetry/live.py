"""Live fan-out of what ingest wrote (tasks, outcomes) to server-sent-event subscribers, in this process.

The writer thread publishes; each subscriber has a bounded asyncio queue on its own loop. A slow subscriber
loses its oldest events (and is told how many) rather than slowing ingest.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

SUBSCRIBER_QUEUE = 1_000


@dataclass(eq=False)
class Subscription:
    organization_id: str
    projects: frozenset[str]
    agents: frozenset[str]
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=lambda: asyncio.Queue(SUBSCRIBER_QUEUE))
    dropped: int = 0

    def wants(self, event: dict[str, Any]) -> bool:
        if event["organization_id"] != self.organization_id:
            return False
        if event.get("everyone"):  # news for every subscriber of the organization (an emergency stop)
            return True
        return (not self.projects or event["project_id"] in self.projects) and (
            not self.agents or event["agent_id"] in self.agents
        )

    def offer(self, event: dict[str, Any]) -> None:
        if self.queue.full():
            self.queue.get_nowait()
            self.dropped += 1
        self.queue.put_nowait(event)


class LiveHub:
    def __init__(self) -> None:
        self._subscriptions: set[Subscription] = set()
        self._lock = threading.Lock()

    @property
    def subscribers(self) -> int:
        return len(self._subscriptions)

    @asynccontextmanager
    async def subscribe(
        self, organization_id: str, projects: list[str], agents: list[str]
    ) -> AsyncIterator[Subscription]:
        subscription = Subscription(organization_id, frozenset(projects), frozenset(agents), asyncio.get_running_loop())
        with self._lock:
            self._subscriptions.add(subscription)
        try:
            yield subscription
        finally:
            with self._lock:
                self._subscriptions.discard(subscription)

    def publish(self, events: list[dict[str, Any]]) -> None:
        """Safe from any thread."""
        with self._lock:
            subscriptions = list(self._subscriptions)
        for subscription in subscriptions:
            wanted = [e for e in events if subscription.wants(e)]
            if wanted:
                subscription.loop.call_soon_threadsafe(_offer_all, subscription, wanted)


def _offer_all(subscription: Subscription, events: list[dict[str, Any]]) -> None:
    for event in events:
        subscription.offer(event)


def events_from_rows(table: str, names: tuple[str, ...], column_sets: list[Any]) -> list[dict[str, Any]]:
    """The live events in rows just written: each task (a trace landing) and each recorded task outcome."""
    events: list[dict[str, Any]] = []
    for columns in column_sets:
        col = dict(zip(names, columns, strict=True))
        if table == "spans":
            for i, is_task in enumerate(col["is_task"]):
                if is_task:
                    events.append(
                        {
                            "type": "trace",
                            "organization_id": col["organization_id"][i],
                            "project_id": col["project_id"][i],
                            "agent_id": col["agent_id"][i],
                            "trace_id": col["trace_id"][i],
                            "span_id": col["span_id"][i],
                            "name": col["name"][i],
                            "status": col["status"][i],
                            "task_outcome": col["task_outcome"][i] or None,
                            "duration_ms": col["duration_ms"][i],
                            "start_us": col["start_us"][i],
                        }
                    )
        elif table == "span_events":
            for i, outcome in enumerate(col["outcome"]):
                if outcome:
                    events.append(
                        {
                            "type": "task_outcome",
                            "organization_id": col["organization_id"][i],
                            "project_id": col["project_id"][i],
                            "agent_id": col["agent_id"][i],
                            "trace_id": col["trace_id"][i],
                            "outcome": outcome,
                            "time_us": col["time_us"][i],
                        }
                    )
    return events
