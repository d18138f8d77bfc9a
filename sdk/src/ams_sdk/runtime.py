"""`init` and what it starts: the tracer provider exporting to AMS, the outboxes, the heartbeat, the guard client
and the kill switch, held by one `Runtime` for the process."""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor, TracerProvider

from ams_sdk._version import __version__
from ams_sdk.config import Config
from ams_sdk.guard import Guard
from ams_sdk.heartbeat import Heartbeat, TaskCounters
from ams_sdk.killswitch import KillSwitch
from ams_sdk.outbox import Outbox
from ams_sdk.transport import Transport

logger = logging.getLogger("ams_sdk")


class _OutboxProcessor(SpanProcessor):
    """Finished spans go to the bounded outbox; the agent's thread never waits on the network."""

    def __init__(self, outbox: Outbox[ReadableSpan]) -> None:
        self.outbox = outbox

    def on_start(self, span: Span, parent_context: otel_context.Context | None = None) -> None:
        pass

    def on_end(self, span: ReadableSpan) -> None:
        self.outbox.put(span)

    def shutdown(self) -> None:
        self.outbox.close()

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        return self.outbox.flush(timeout_millis / 1000)


class Runtime:
    """Everything `init` started; `ams_sdk.current()` returns it, `ams_sdk.shutdown()` stops it."""

    def __init__(self, config: Config, set_global_tracer_provider: bool = True) -> None:
        self.config = config
        self.transport = Transport(config)
        self.spans: Outbox[ReadableSpan] = Outbox(
            "spans", self.transport.send_spans, config.buffer_spans, config.flush_interval_s
        )
        self.native: Outbox[tuple[str, dict[str, Any]]] = Outbox(
            "events", self.transport.send_native, config.buffer_events, config.flush_interval_s
        )
        resource = {
            "service.name": config.agent_id or os.environ.get("OTEL_SERVICE_NAME") or "ams-agent",
            "telemetry.sdk.name": "ams-sdk",
            "ams.sdk.version": __version__,
            **config.resource_attributes,
        }
        if config.agent_id:
            resource["ams.agent.id"] = config.agent_id
        if config.version:
            resource["ams.agent.version"] = config.version
        self.tracer_provider = TracerProvider(resource=Resource.create(resource))
        self.tracer_provider.add_span_processor(_OutboxProcessor(self.spans))
        self.tracer = self.tracer_provider.get_tracer("ams_sdk", __version__)
        if set_global_tracer_provider:
            _set_global(self.tracer_provider)
        self.tasks = TaskCounters()
        self.heartbeat = Heartbeat(config.heartbeat_interval_s, self._heartbeat, self.tasks)
        self.killswitch = KillSwitch(config, self.transport.client)
        self.guard = Guard(config, self.transport.client, on_stopped=self.killswitch.trip)

    @contextmanager
    def activate(self) -> Iterator[Runtime]:
        """Make this runtime the current one in this thread or task, over the process's: several agents in one
        process (a simulation, a test harness) each `activate` their own `Runtime`."""
        token = _active.set(self)
        try:
            yield self
        finally:
            _active.reset(token)

    def start(self) -> None:
        self.heartbeat.start()
        if self.config.kill_switch:
            self.killswitch.start()

    def _heartbeat(self, beat: dict[str, Any]) -> None:
        if self.config.agent_id:
            beat["agent"] = self.config.agent_id
        self.native.put(("heartbeats", beat))

    def send_event(self, event: dict[str, Any]) -> None:
        """A span event for `/api/v1/ingest` (task outcome, human intervention, feedback)."""
        if self.config.agent_id:
            event.setdefault("agent", self.config.agent_id)
        self.native.put(("events", event))

    def dropped(self) -> dict[str, int]:
        """What the buffers dropped so far, per kind: the counted loss while AMS was unreachable."""
        return {"spans": self.spans.stats.dropped, "events": self.native.stats.dropped}

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Send what is buffered now, both outboxes within one `timeout_s`; True when everything went."""
        deadline = time.monotonic() + timeout_s
        spans = self.spans.flush(timeout_s)
        return self.native.flush(max(0.0, deadline - time.monotonic())) and spans

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Stop the threads after sending what can be sent within `timeout_s` (all of it, for both outboxes)."""
        self.heartbeat.stop()
        self.killswitch.stop()
        self.flush(timeout_s)
        # Closed without waiting again: what the flush could not send is counted as lost.
        self.spans.close(0)
        self.tracer_provider.shutdown()
        self.native.close(0)
        self.transport.close()
        lost = self.dropped()
        if any(lost.values()):
            logger.warning("AMS SDK: lost while AMS was unreachable: %d spans, %d events", *lost.values())


_lock = threading.Lock()
_current: Runtime | None = None
_active: ContextVar[Runtime | None] = ContextVar("ams_sdk_runtime", default=None)


def _set_global(provider: TracerProvider) -> None:
    """Other OpenTelemetry instrumentations in the process report to AMS too, unless the agent configured a
    provider of its own first (OpenTelemetry allows one global provider; we do not fight over it)."""
    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        trace.set_tracer_provider(provider)


def init(
    api_key: str | None = None,
    endpoint: str | None = None,
    agent_id: str | None = None,
    version: str | None = None,
    *,
    heartbeat_interval_s: float | None = None,
    buffer_spans: int | None = None,
    guard_failure: str | None = None,
    kill_switch: bool | None = None,
    resource_attributes: dict[str, str] | None = None,
    set_global_tracer_provider: bool = True,
    **settings: Any,
) -> Runtime | None:
    """Connect this process to AMS. Arguments left out come from the `AMS_*` environment (see `Config`).

    Never blocks and never fails because AMS is unreachable: telemetry is buffered (bounded) and sent by
    background threads. Calling it again replaces the previous connection.

    Args:
        api_key: The agent's key from AMS.
        endpoint: AMS's URL, e.g. http://ams:8080.
        agent_id: The agent's id or name; needed with a project key, implied by an agent key.
        version: The agent's version, recorded on every span.
        heartbeat_interval_s: Seconds between heartbeats (0: none).
        buffer_spans: Spans kept while AMS is unreachable before the oldest are dropped.
        guard_failure: `allow` or `deny` an action when AMS cannot answer its guard check.
        kill_switch: Listen for emergency stops and pauses.
        resource_attributes: Extra OpenTelemetry resource attributes (team, platform, ...).
        set_global_tracer_provider: Make the SDK's provider OpenTelemetry's global one when none is set.
        **settings: Any other `Config` field.

    Returns:
        The runtime, or None when `AMS_ENABLED=false`.
    """
    global _current
    config = Config.resolve(
        api_key=api_key, endpoint=endpoint, agent_id=agent_id, version=version,
        heartbeat_interval_s=heartbeat_interval_s, buffer_spans=buffer_spans, guard_failure=guard_failure,
        kill_switch=kill_switch, resource_attributes=resource_attributes, **settings,
    )  # fmt: skip
    with _lock:
        previous, _current = _current, None
    if previous is not None:
        previous.shutdown()
    if not config.enabled:
        logger.info("AMS SDK disabled (AMS_ENABLED=false): functions run without telemetry or guard")
        return None
    runtime = Runtime(config, set_global_tracer_provider)
    runtime.start()
    with _lock:
        _current = runtime
    return runtime


def current() -> Runtime | None:
    """The runtime activated in this context, else the one `init` started, else None."""
    return _active.get() or _current


def shutdown(timeout_s: float = 5.0) -> None:
    """Send what is buffered (waiting up to `timeout_s`) and stop the SDK's threads."""
    global _current
    with _lock:
        runtime, _current = _current, None
    if runtime is not None:
        runtime.shutdown(timeout_s)


def flush(timeout_s: float = 5.0) -> bool:
    """Send what is buffered now; True when everything went (False when AMS is unreachable)."""
    runtime = _current
    return runtime.flush(timeout_s) if runtime is not None else True


atexit.register(shutdown, 2.0)
